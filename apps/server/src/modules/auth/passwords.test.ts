import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { assertPasswordAllowed, hashPassword, isCommonPassword, needsRehash, verifyPassword } from './passwords.ts';

function issueOf(fn: () => void) {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  return null;
}

describe('password policy', () => {
  it('knows common passwords whatever their case', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('PASSWORD')).toBe(true);
    expect(isCommonPassword('1qaz2wsx3edc')).toBe(true);
    expect(isCommonPassword('Plenty-Of-Lanterns-42')).toBe(false);
  });

  it('refuses a common password of allowed length, naming the field', () => {
    expect(issueOf(() => assertPasswordAllowed('QwertY123456', 'newPassword'))).toEqual({
      code: 'validation_failed',
      details: { issues: [{ location: 'body', field: 'newPassword', message: expect.stringMatching(/too common/) }] },
    });
  });

  it('refuses short passwords and accepts long uncommon ones', () => {
    expect(issueOf(() => assertPasswordAllowed('short-pass1'))?.code).toBe('validation_failed');
    expect(issueOf(() => assertPasswordAllowed('Plenty-Of-Lanterns-42'))).toBeNull();
  });
});

describe('password hashing', () => {
  it('hashes with argon2id and the agreed cost, and verifies', async () => {
    const hash = await hashPassword('Plenty-Of-Lanterns-42');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'Plenty-Of-Lanterns-42')).toBe(true);
    expect(await verifyPassword(hash, 'plenty-of-lanterns-42')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('treats a malformed stored hash as a wrong password', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});
