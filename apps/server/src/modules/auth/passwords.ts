import { readFileSync } from 'node:fs';
import argon2 from 'argon2';
import { fieldError } from '../../platform/errors.ts';
import { randomToken } from '../../platform/crypto.ts';

/** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): ~20-50 ms per hash on a server core. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

/**
 * The 10,000 most common passwords, lower-cased (from the MIT-licensed ranked list of
 * `@zxcvbn-ts/language-common` 4.1.3, extracted once and committed so it is not a runtime dependency).
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.trim().toLowerCase());
}

/**
 * Checks what the request schema cannot (length is checked there too, repeated here so the
 * service is safe on its own). Throws a 400 naming `field`.
 */
export function assertPasswordAllowed(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw fieldError(field, `Use at least ${MIN_PASSWORD_LENGTH} characters`);
  if (isCommonPassword(password)) {
    throw fieldError(field, 'This password is too common; choose one that is harder to guess');
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password and for a malformed stored hash (never throws on bad input). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as checking a real password, for sign-ins with an unknown email,
 * so response times do not reveal which addresses have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomToken());
  await verifyPassword(await dummyHash, password);
}
