import { describe, expect, it } from 'vitest';
import type { Resolver } from '../../platform/net/index.ts';
import { checkWebhookUrl, resolveWebhookTarget, WebhookAddressError } from './address-guard.ts';
import { retryDelayMs } from './backoff.ts';

const dns = (answers: Record<string, string[]>): Resolver => async (name) => (answers[name] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const signal = new AbortController().signal;

describe('webhook address guard', () => {
  it.each([
    'https://127.0.0.1/x', 'https://10.0.0.1/', 'https://172.16.5.4/', 'https://192.168.1.1/', 'https://169.254.169.254/latest/meta-data',
    'https://[::1]/', 'https://[fe80::1]/', 'https://[fd00::1]/', 'https://[::ffff:127.0.0.1]/', 'https://0.0.0.0/', 'https://100.64.0.1/',
  ])('refuses %s outside sandbox mode before any lookup', (url) => {
    expect(() => checkWebhookUrl(url, false)).toThrow(WebhookAddressError);
  });

  it('allows them in sandbox mode (the local receiver), and refuses http, credentials and other schemes outside it', () => {
    expect(checkWebhookUrl('http://127.0.0.1:4000/hooks/a', true).hostname).toBe('127.0.0.1');
    expect(() => checkWebhookUrl('http://hooks.example.com/', false)).toThrow(/https/);
    expect(() => checkWebhookUrl('https://u:p@hooks.example.com/', false)).toThrow(/user name/);
    expect(() => checkWebhookUrl('ftp://hooks.example.com/', true)).toThrow(/ftp/);
    expect(() => checkWebhookUrl('nonsense', true)).toThrow(/not a valid address/);
  });

  it('refuses a name when any address it resolves to is inside a network, and returns the checked address otherwise', async () => {
    const resolver = dns({ 'ok.example.com': ['93.184.216.34'], 'inside.example.com': ['127.0.0.1'], 'mixed.example.com': ['93.184.216.34', '10.0.0.8'], 'six.example.com': ['::1'] });
    const target = (host: string) => checkWebhookUrl(`https://${host}/hook`, false);
    await expect(resolveWebhookTarget(target('ok.example.com'), resolver, false, signal)).resolves.toEqual({ address: '93.184.216.34', family: 4 });
    await expect(resolveWebhookTarget(target('inside.example.com'), resolver, false, signal)).rejects.toThrow(/resolves to 127\.0\.0\.1, which is loopback/);
    await expect(resolveWebhookTarget(target('mixed.example.com'), resolver, false, signal)).rejects.toThrow(/10\.0\.0\.8/);
    await expect(resolveWebhookTarget(target('six.example.com'), resolver, false, signal)).rejects.toThrow(/loopback/);
    await expect(resolveWebhookTarget(target('gone.example.com'), resolver, false, signal)).rejects.toThrow(/not found/);
  });

  it('DNS rebinding: a name public when the endpoint was saved and private at send time is refused at send time', async () => {
    let calls = 0;
    const rebinding: Resolver = async () => (calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '169.254.169.254', family: 4 }]);
    const target = checkWebhookUrl('https://rebind.example.com/hook', false);
    await expect(resolveWebhookTarget(target, rebinding, false, signal)).resolves.toMatchObject({ address: '93.184.216.34' });
    await expect(resolveWebhookTarget(target, rebinding, false, signal)).rejects.toThrow(/metadata/);
  });

  it('backs off exponentially: the base doubled per attempt made, capped at six hours, at most 10 % jitter', () => {
    const none = () => 0;
    expect([2, 3, 4, 5].map((n) => retryDelayMs(30_000, n, none))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30_000, 30, none)).toBe(6 * 3600 * 1000);
    expect(retryDelayMs(1_000, 2, () => 0.999)).toBeLessThanOrEqual(1_100);
  });
});
