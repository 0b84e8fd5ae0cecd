import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyAdloopSignature } from '@adloop/sandbox';
import { generateWebhookSecret, signatureHeader } from './signing.ts';

type DocVerifier = (rawBody: string, header: string | undefined, secret: string, toleranceSeconds?: number, nowSeconds?: number) => boolean;

/** The verification helper exactly as docs/webhooks.md shows it, loaded from the document. */
async function documentedVerifier(): Promise<DocVerifier> {
  const doc = readFileSync(new URL('../../../../../docs/webhooks.md', import.meta.url), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!code) throw new Error('docs/webhooks.md has no js block');
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { verifyAdloopWebhook: DocVerifier };
  return module.verifyAdloopWebhook;
}

describe('webhook signatures', () => {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ id: '3b7e1d2a-6f0c-4c1e-9a55-0d2f4b8e9c11', type: 'anomaly.opened', data: { title: 'Spend spike', ratio: 3.2 } });
  const t = 1_796_630_400;
  const header = signatureHeader(secret, t, body);

  it('has the documented shape, and secrets carry 256 random bits', () => {
    expect(header).toMatch(/^t=1796630400,v1=[0-9a-f]{64}$/);
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('the documented check (run from docs/webhooks.md) and the sandbox receiver accept a genuine request and refuse every tampering', async () => {
    const documented = await documentedVerifier();
    const checks: [string, string, string | undefined, string, number, boolean][] = [
      ['genuine', body, header, secret, t + 10, true],
      ['body changed by one character', body.replace('3.2', '3.3'), header, secret, t, false],
      ['body re-serialised with spaces', JSON.stringify(JSON.parse(body), null, 1), header, secret, t, false],
      ['timestamp changed (signature kept)', body, header.replace(`t=${t}`, `t=${t + 1}`), secret, t, false],
      ['timestamp too old', body, header, secret, t + 301, false],
      ['timestamp in the future', body, header, secret, t - 301, false],
      ['another secret', body, header, generateWebhookSecret(), t, false],
      ['no header', body, undefined, secret, t, false],
      ['no v1', body, `t=${t}`, secret, t, false],
      ['garbage', body, 'v1=zz,t=abc', secret, t, false],
      ['a second v1 during rotation', body, `${header},v1=${'0'.repeat(64)}`, secret, t, true],
    ];
    for (const [what, raw, sig, key, now, expected] of checks) {
      expect(documented(raw, sig, key, 300, now), `docs: ${what}`).toBe(expected);
      expect(verifyAdloopSignature(raw, sig, key, { nowSeconds: now }).ok, `receiver: ${what}`).toBe(expected);
    }
  });

  it('a fresh timestamp makes a different signature for the same body (each attempt is signed afresh)', () => {
    expect(signatureHeader(secret, t + 30, body)).not.toBe(header);
    expect(signatureHeader(secret, t, body)).toBe(header);
  });
});
