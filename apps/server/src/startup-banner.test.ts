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

  it('prints the LLM sandbox in sandbox mode, and says when no AI provider is configured', () => {
    const llmSandboxUrls = { openai: 'http://127.0.0.1:1005/v1', anthropic: 'http://127.0.0.1:1005', control: 'http://127.0.0.1:1005/sandbox' };
    const sandbox = startupBanner({ publicUrl: 'http://localhost:3000', hasDevMailbox: true, sandboxUrls, llmSandboxUrls, aiAvailable: true, demoPlatforms: [], demo: { kind: 'absent' } });
    expect(lines(sandbox)).toContain('  LLM sandbox: OpenAI http://127.0.0.1:1005/v1, Anthropic http://127.0.0.1:1005 (control http://127.0.0.1:1005/sandbox)');
    const production = startupBanner({ publicUrl: 'https://app.example.com', hasDevMailbox: false, sandboxUrls: null, llmSandboxUrls: null, aiAvailable: false, demoPlatforms: [], demo: { kind: 'absent' } });
    expect(lines(production).some((line) => line.includes('no provider key'))).toBe(true);
  });

  it('prints the landing-page sandbox when it runs', () => {
    const banner = startupBanner({ publicUrl: 'http://localhost:3000', hasDevMailbox: true, sandboxUrls: { ...sandboxUrls, web: 'http://127.0.0.1:1006' }, demoPlatforms: [], demo: { kind: 'absent' } });
    expect(lines(banner)).toContain("  Landing-page sandbox (advertisers' sites for the landing-page checks): http://127.0.0.1:1006");
    expect(lines(startupBanner({ publicUrl: 'http://localhost:3000', hasDevMailbox: true, sandboxUrls, demoPlatforms: [], demo: { kind: 'absent' } })).some((line) => line.includes('Landing-page'))).toBe(false);
  });

  it('prints the webhook receiver sandbox when it runs', () => {
    const banner = startupBanner({ publicUrl: 'http://localhost:3000', hasDevMailbox: true, sandboxUrls: { ...sandboxUrls, webhooks: 'http://127.0.0.1:1007' }, demoPlatforms: [], demo: { kind: 'absent' } });
    expect(lines(banner)).toContain('  Webhook receiver sandbox (make an endpoint there, add its URL in Settings › Webhooks): http://127.0.0.1:1007');
  });
});
