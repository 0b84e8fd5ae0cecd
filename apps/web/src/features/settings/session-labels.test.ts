import { describe, expect, it } from 'vitest';
import { describeAgent, describePlace } from './session-labels.ts';

const session = { id: '00000000-0000-4000-8000-000000000001', ip: '5.9.0.1', country: 'DE', userAgent: null, createdAt: '2026-12-07T12:00:00.000Z', lastSeenAt: '2026-12-07T12:00:00.000Z', current: false };

describe('session labels', () => {
  it('names the country beside the IP when the sign-in was placed', () => {
    expect(describePlace(session)).toBe('5.9.0.1 · Germany');
    expect(describePlace({ ...session, country: null })).toBe('5.9.0.1');
    expect(describePlace({ ...session, ip: null, country: null })).toBe('Unknown IP');
  });

  it('tells browsers and systems apart', () => {
    expect(describeAgent('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('Firefox on Linux');
    expect(describeAgent(null)).toBe('Unknown device');
  });
});
