import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, rewrap, seal, VaultError, type Keyring } from './envelope.ts';

const v1 = randomBytes(32);
const v2 = randomBytes(32);
const ring1: Keyring = { currentVersion: 1, keys: new Map([[1, v1]]) };
const ring2: Keyring = { currentVersion: 2, keys: new Map([[1, v1], [2, v2]]) };
const aad = 'org:a|account:b|refresh_token';

describe('envelope encryption', () => {
  it('round-trips and never contains the plaintext', () => {
    const sealed = seal(ring1, 'ya29.secret-token', aad);
    expect(JSON.stringify(sealed)).not.toContain('ya29');
    expect(open(ring1, sealed, aad)).toBe('ya29.secret-token');
  });

  it('uses a fresh data key per secret', () => {
    const a = seal(ring1, 'same', aad);
    const b = seal(ring1, 'same', aad);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
  });

  it('refuses a ciphertext moved to another record', () => {
    const sealed = seal(ring1, 'token', aad);
    expect(() => open(ring1, sealed, 'org:other|account:b|refresh_token')).toThrow(VaultError);
  });

  it('rewraps to the new key version without changing the ciphertext', () => {
    const sealed = seal(ring1, 'token', aad);
    const moved = rewrap(ring2, sealed, aad);
    expect(moved.keyVersion).toBe(2);
    expect(moved.ciphertext).toBe(sealed.ciphertext);
    expect(open({ currentVersion: 2, keys: new Map([[2, v2]]) }, moved, aad)).toBe('token');
  });

  it('says which key version is missing', () => {
    const sealed = seal(ring2, 'token', aad);
    expect(() => open(ring1, sealed, aad)).toThrow(/version 2/);
  });
});
