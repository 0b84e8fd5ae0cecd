import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../sandbox-options.ts';
import { createSimClock } from '../../simulator/sim-clock.ts';
import { createTikTokLimiter } from './tiktok-limiter.ts';
import { checkText, tiktokLength } from './tiktok-text.ts';

const settings = { ...DEFAULT_SETTINGS.tiktok, qps: 2, qpm: 5, qpd: 7, advertiserQps: 0 };

describe('TikTok limiter', () => {
  it('applies QPS, then QPM, then QPD per endpoint with code 40100', () => {
    let wall = 1_000_000;
    const clock = createSimClock({ start: Date.parse('2026-06-15T12:00:00Z') });
    const limiter = createTikTokLimiter(settings, clock, () => wall);
    const codes = (n: number): Array<number | null> => Array.from({ length: n }, () => limiter.check('campaign/get/', null)?.code ?? null);
    expect(codes(3)).toEqual([null, null, 40100]);
    expect(limiter.check('ad/get/', null)).toBeNull();
    wall += 1000;
    expect(codes(3)).toEqual([null, null, 40100]);
    wall += 1000;
    expect(limiter.check('campaign/get/', null)?.message).toMatch(/QPM/);
    clock.advance(60_000);
    expect(limiter.check('campaign/get/', null)?.message).toMatch(/QPD/);
    clock.advance(86_400_000);
    expect(codes(1)).toEqual([null]);
  });

  it('uses stricter endpoint overrides and the per-advertiser QPS (40133)', () => {
    const clock = createSimClock({ start: 0 });
    const limiter = createTikTokLimiter({ ...settings, qps: 10, qpm: 100, qpd: 1000, advertiserQps: 1, endpointLimits: { 'ad/create/': { qps: 1, qpm: 100, qpd: 1000 } } }, clock, () => 0);
    expect(limiter.check('ad/create/', null)).toBeNull();
    expect(limiter.check('ad/create/', null)?.code).toBe(40100);
    expect(limiter.check('ad/get/', '7')).toBeNull();
    expect(limiter.check('adgroup/get/', '7')?.code).toBe(40133);
  });
});

describe('TikTok text rules', () => {
  it('counts double-width characters twice and rejects emoji', () => {
    expect(tiktokLength('abc')).toBe(3);
    expect(tiktokLength('夏セール')).toBe(8);
    expect(checkText('ad_text', '茶'.repeat(50), { max: 100 })).toBeNull();
    expect(checkText('ad_text', '茶'.repeat(51), { max: 100 })?.code).toBe(40002);
    expect(checkText('ad_text', '', { max: 100 })?.code).toBe(40002);
    expect(checkText('campaign_name', 'Sale 🎉', { max: 512 })?.message).toMatch(/Emoji/);
  });
});
