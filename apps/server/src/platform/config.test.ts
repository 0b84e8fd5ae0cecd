import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('runs with no configuration at all in sandbox mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'sandbox', port: 3000, publicUrl: 'http://localhost:3000', seedDemo: true, isHttps: false });
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
