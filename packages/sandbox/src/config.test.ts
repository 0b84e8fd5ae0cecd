import { describe, expect, it } from 'vitest';
import { loadSandboxConfig, SandboxConfigError } from './config.ts';

describe('stand-alone sandbox configuration', () => {
  it('defaults to seed 42, real time and free ports', () => {
    expect(loadSandboxConfig({})).toEqual({ seed: 42, clock: undefined, ports: { googleAds: 0, meta: 0, tiktok: 0, control: 0, web: 0, webhooks: 0 }, llmPort: 0, slackPort: 0, stripePort: 0, stripeSecretKey: 'sk_test_sandbox', latencyMs: 0 });
  });

  it('reads a fixed start and ports', () => {
    const config = loadSandboxConfig({ SANDBOX_SEED: '7', SANDBOX_START: '2026-06-15T12:00:00Z', SANDBOX_META_PORT: '4100' });
    expect(config.seed).toBe(7);
    expect(config.clock).toBe(Date.parse('2026-06-15T12:00:00Z'));
    expect(config.ports.meta).toBe(4100);
  });

  it('reads the platforms\' round trip, within 0–60000 ms', () => {
    expect(loadSandboxConfig({ SANDBOX_LATENCY_MS: '250' }).latencyMs).toBe(250);
    expect(() => loadSandboxConfig({ SANDBOX_LATENCY_MS: '-1' })).toThrow(/SANDBOX_LATENCY_MS/);
    expect(() => loadSandboxConfig({ SANDBOX_LATENCY_MS: '90000' })).toThrow(/SANDBOX_LATENCY_MS/);
  });

  it('names every bad value', () => {
    expect(() => loadSandboxConfig({ SANDBOX_SEED: 'x', SANDBOX_GOOGLE_PORT: '70000', SANDBOX_START: 'soon' })).toThrow(SandboxConfigError);
    expect(() => loadSandboxConfig({ SANDBOX_SEED: 'x', SANDBOX_GOOGLE_PORT: '70000', SANDBOX_START: 'soon' })).toThrow(/SANDBOX_SEED[\s\S]*SANDBOX_GOOGLE_PORT[\s\S]*SANDBOX_START/);
  });
});
