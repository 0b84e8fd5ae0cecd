import { describe, expect, it } from 'vitest';
import { startupBanner } from './startup-banner.ts';

const sandboxUrls = { googleAds: 'http://127.0.0.1:1001', meta: 'http://127.0.0.1:1002', tiktok: 'http://127.0.0.1:1003', control: 'http://127.0.0.1:1004' };
const lines = (text: string) => text.split('\n').filter((line) => line.trim());

describe('start-up banner', () => {
  it('ends with the demo sign-in, after the sandbox addresses', () => {
    const banner = startupBanner({
      publicUrl: 'http://localhost:3000',
      hasDevMailbox: true,
      sandboxUrls,
      demoPlatforms: ['google_ads', 'meta', 'tiktok'],
      demo: { kind: 'ready', signIn: { email: 'demo@adloop.local', password: 'demo-abc' } },
    });
    expect(lines(banner)[0]).toBe('  Adloop is running at http://localhost:3000');
    expect(lines(banner).findIndex((line) => line.includes('Ad-platform sandboxes'))).toBeGreaterThan(0);
    expect(lines(banner).at(-1)).toBe('  Demo sign-in: demo@adloop.local / demo-abc   (open http://localhost:3000/sign-in)');
  });

  it('says so when the demo password was changed, and prints no sign-in for a worker', () => {
    const changed = startupBanner({ publicUrl: 'http://localhost:3000', hasDevMailbox: false, sandboxUrls: null, demoPlatforms: [], demo: { kind: 'changed', email: 'demo@adloop.local' } });
    expect(lines(changed).at(-1)).toBe('  Demo sign-in: demo@adloop.local with the password you gave it');
    const worker = startupBanner({ publicUrl: null, hasDevMailbox: false, sandboxUrls: null, demoPlatforms: [], demo: { kind: 'absent' } });
    expect(lines(worker)).toEqual(['  Adloop worker is running']);
  });
});
