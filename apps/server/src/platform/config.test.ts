import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('runs with no configuration at all in sandbox mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'sandbox', port: 3000, publicUrl: 'http://localhost:3000', seedDemo: true, isHttps: false });
  });

  it('uses the LLM sandbox without keys, the real providers with them, and no AI in production without a key', () => {
    const sandbox = loadConfig({});
    expect(sandbox.ai).toMatchObject({ available: true, defaultMonthlyCapMicros: 20_000_000, operatorEmails: [], providers: { mode: 'sandbox' } });
    const production = { ADLOOP_MODE: 'production', SECRET_KEY: 'a'.repeat(64), SMTP_URL: 'smtp://mail.example.com:587', PUBLIC_URL: 'https://app.example.com', TOKEN_KEYS: `1:${'b'.repeat(64)}` };
    expect(loadConfig(production).ai.available).toBe(false);
    const live = loadConfig({ ...production, ANTHROPIC_API_KEY: 'sk-ant-real', AI_MONTHLY_CAP_USD: '7.5', ADLOOP_OPERATOR_EMAILS: ' Ops@Example.com, second@example.com ' });
    expect(live.ai).toMatchObject({ available: true, defaultMonthlyCapMicros: 7_500_000, operatorEmails: ['ops@example.com', 'second@example.com'], providers: { mode: 'live', providers: [{ id: 'anthropic' }] } });
    expect(() => loadConfig({ AI_MONTHLY_CAP_USD: '-1' })).toThrow(/AI_MONTHLY_CAP_USD/);
    expect(() => loadConfig({ AI_OPENAI_MODEL: 'gpt-0' })).toThrow(ConfigError);
    expect(() => loadConfig({ AI_OPENAI_MODEL: 'gpt-0' })).toThrow(/AI_OPENAI_MODEL/);
  });

  it('uses the Stripe sandbox without a key, the configured Stripe with one (its webhook secret required)', () => {
    expect(loadConfig({}).stripe).toBeNull();
    const live = loadConfig({ STRIPE_SECRET_KEY: 'sk_live_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc' });
    expect(live.stripe).toEqual({ secretKey: 'sk_live_abc123', webhookSecret: 'whsec_abc', apiUrl: 'https://api.stripe.com' });
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_live_abc123' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'pk_live_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toThrow(/STRIPE_SECRET_KEY/);
  });

  it('lists every bad key at once', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', SECRET_KEY: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('LOG_LEVEL');
      expect(problems).toContain('SECRET_KEY');
    }
  });

  it('refuses production mode with sandbox defaults', () => {
    expect(() => loadConfig({ ADLOOP_MODE: 'production' })).toThrow(/SECRET_KEY[\s\S]*SMTP_URL[\s\S]*PUBLIC_URL/);
    expect(() => loadConfig({ ADLOOP_MODE: 'production' })).toThrow(/TOKEN_KEYS/);
  });

  it('accepts a complete production configuration and never seeds demo data there', () => {
    const config = loadConfig({
      ADLOOP_MODE: 'production',
      SECRET_KEY: 'a'.repeat(64),
      SMTP_URL: 'smtp://mail.example.com:587',
      PUBLIC_URL: 'https://app.example.com',
      TOKEN_KEYS: `1:${'b'.repeat(64)},2:${'c'.repeat(64)}`,
      TOKEN_KEY_VERSION: '2',
    });
    expect(config.seedDemo).toBe(false);
    expect(config.tokenKeys?.currentVersion).toBe(2);
    expect(config.sandboxPlatforms.enabled).toBe(false);
    expect(config.isHttps).toBe(true);
  });

  it('keeps request logs quiet by default in sandbox mode, complete in production, and lets REQUEST_LOG choose', () => {
    expect(loadConfig({}).requestLog).toEqual({ mode: 'slow', slowMs: 1000 });
    const production = { ADLOOP_MODE: 'production', SECRET_KEY: 'a'.repeat(64), SMTP_URL: 'smtp://mail.example.com', PUBLIC_URL: 'https://app.example.com', TOKEN_KEYS: `1:${'b'.repeat(64)}` };
    expect(loadConfig(production).requestLog.mode).toBe('all');
    expect(loadConfig({ REQUEST_LOG: 'all', SLOW_REQUEST_MS: '250' }).requestLog).toEqual({ mode: 'all', slowMs: 250 });
    expect(() => loadConfig({ REQUEST_LOG: 'loud' })).toThrow(/REQUEST_LOG/);
  });
});
