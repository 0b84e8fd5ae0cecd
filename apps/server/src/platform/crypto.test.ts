import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, hashToken, randomToken, safeEqual } from './crypto.ts';

const key = '11'.repeat(32);

describe('crypto', () => {
  it('makes 256-bit url-safe tokens that differ every time', () => {
    const a = randomToken();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(randomToken());
  });

  it('hashes tokens deterministically without revealing them', () => {
    expect(hashToken('abc')).toBe(hashToken('abc'));
    expect(hashToken('abc')).not.toContain('abc');
  });

  it('round-trips a secret and refuses it under another owner', () => {
    const sealed = encryptSecret(key, 'JBSWY3DPEHPK3PXP', 'user:1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(decryptSecret(key, sealed, 'user:1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => decryptSecret(key, sealed, 'user:2')).toThrow();
  });

  it('compares in constant time and handles different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
