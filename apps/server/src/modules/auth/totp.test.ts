import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  createRecoveryCodes,
  createTotpSecret,
  hashRecoveryCode,
  timeStepAt,
  totpUri,
  verifyTotp,
} from './totp.ts';

const now = new Date('2030-01-01T12:00:10Z');
const codeAt = (secret: string, offsetSeconds: number) =>
  generate({ secret, epoch: Math.floor(now.getTime() / 1000) + offsetSeconds });

describe('TOTP', () => {
  const secret = createTotpSecret();

  it('accepts the current code and returns its step', async () => {
    expect(await verifyTotp(secret, await codeAt(secret, 0), now, null)).toBe(timeStepAt(now));
  });

  it('accepts one step of drift either way, not two', async () => {
    expect(await verifyTotp(secret, await codeAt(secret, -30), now, null)).toBe(timeStepAt(now) - 1);
    expect(await verifyTotp(secret, await codeAt(secret, 30), now, null)).toBe(timeStepAt(now) + 1);
    expect(await verifyTotp(secret, await codeAt(secret, -60), now, null)).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, 60), now, null)).toBeNull();
  });

  it('refuses a step already used, or older', async () => {
    const code = await codeAt(secret, 0);
    expect(await verifyTotp(secret, code, now, timeStepAt(now))).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, -30), now, timeStepAt(now))).toBeNull();
    expect(await verifyTotp(secret, code, now, timeStepAt(now) - 1)).toBe(timeStepAt(now));
  });

  it('refuses malformed codes without throwing', async () => {
    expect(await verifyTotp(secret, '12345', now, null)).toBeNull();
    expect(await verifyTotp(secret, 'abcdef', now, null)).toBeNull();
  });

  it('builds an otpauth URI for authenticator apps', () => {
    expect(totpUri(secret, 'ann@example.test')).toMatch(/^otpauth:\/\/totp\/Adloop:ann%40example\.test\?secret=[A-Z2-7]+/);
  });
});

describe('recovery codes', () => {
  it('makes ten distinct readable codes', () => {
    const codes = createRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  });

  it('hashes ignoring case, spaces and dashes', () => {
    expect(hashRecoveryCode('ABCDE-FGHJK')).toBe(hashRecoveryCode(' abcde fghjk '));
    expect(hashRecoveryCode('abcde-fghjk')).not.toBe(hashRecoveryCode('abcde-fghjm'));
  });
});
