import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@adloop/sandbox';
import { loadConfig } from '../../../platform/config.ts';
import { resolveGoogleProvider } from './google-oidc.client.ts';

const sandboxUrls = { googleAds: 'http://127.0.0.1:4101', meta: 'http://127.0.0.1:4102', tiktok: 'http://127.0.0.1:4103', control: 'http://127.0.0.1:4104' };
const production = { ADLOOP_MODE: 'production', SECRET_KEY: 'ab'.repeat(32), TOKEN_KEYS: `1:${'cd'.repeat(32)}`, SMTP_URL: 'smtp://mail.test', PUBLIC_URL: 'https://adloop.test' };

describe('which Google Adloop signs people in with', () => {
  it('uses the configured client at Google, with the issuer given or Google’s', () => {
    const env = { GOOGLE_SIGNIN_CLIENT_ID: 'id.apps.googleusercontent.com', GOOGLE_SIGNIN_CLIENT_SECRET: 'secret' };
    expect(resolveGoogleProvider({ config: loadConfig(env), sandboxUrls })).toEqual({
      issuer: 'https://accounts.google.com', clientId: 'id.apps.googleusercontent.com', clientSecret: 'secret', isSandbox: false,
    });
    expect(resolveGoogleProvider({ config: loadConfig({ ...env, GOOGLE_SIGNIN_ISSUER: 'https://idp.example/' }), sandboxUrls })?.issuer).toBe('https://idp.example');
  });

  it('falls back to the Google sandbox in sandbox mode, and to nothing in production', () => {
    expect(resolveGoogleProvider({ config: loadConfig({}), sandboxUrls })).toEqual({
      issuer: sandboxUrls.googleAds, clientId: DEFAULT_SETTINGS.google.clientId, clientSecret: DEFAULT_SETTINGS.google.clientSecret, isSandbox: true,
    });
    expect(resolveGoogleProvider({ config: loadConfig({}), sandboxUrls: null })).toBeNull();
    expect(resolveGoogleProvider({ config: loadConfig(production), sandboxUrls: null })).toBeNull();
    expect(resolveGoogleProvider({ config: loadConfig({ GOOGLE_SIGNIN_CLIENT_ID: 'only-the-id' }), sandboxUrls: null })).toBeNull();
  });

  it('refuses an issuer that is not a URL, naming the key', () => {
    expect(() => loadConfig({ GOOGLE_SIGNIN_ISSUER: 'accounts.google.com' })).toThrow(/GOOGLE_SIGNIN_ISSUER/);
  });
});
