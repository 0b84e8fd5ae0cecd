import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for secrets at rest (platform tokens): each secret gets a fresh 256-bit
 * data key; the data key is wrapped by a key-encryption key (KEK) identified by a version.
 * Both layers are AES-256-GCM and both are bound to `aad` (e.g. `org:<id>|account:<id>|refresh_token`),
 * so a sealed value copied to another row fails to open.
 */
export interface Keyring {
  /** Version new secrets are wrapped with. */
  currentVersion: number;
  /** Every KEK that may still wrap stored data keys, by version (32 bytes each). */
  keys: ReadonlyMap<number, Buffer>;
}

export interface SealedSecret {
  /** base64url(iv | tag | ciphertext) of the secret under its data key. */
  ciphertext: string;
  /** base64url(iv | tag | wrapped data key) under the KEK `keyVersion`. */
  wrappedKey: string;
  keyVersion: number;
}

export class VaultError extends Error {
  override name = 'VaultError';
}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function gcmDecrypt(key: Buffer, sealed: string, aad: string): Buffer {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 28) throw new VaultError('Sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch {
    throw new VaultError('Secret could not be decrypted: wrong key or it belongs to another record');
  }
}

function kek(keyring: Keyring, version: number): Buffer {
  const key = keyring.keys.get(version);
  if (!key) throw new VaultError(`No key-encryption key with version ${version} is configured`);
  if (key.length !== 32) throw new VaultError(`Key-encryption key ${version} must be 32 bytes`);
  return key;
}

export function seal(keyring: Keyring, plaintext: string, aad: string): SealedSecret {
  const dataKey = randomBytes(32);
  try {
    return {
      ciphertext: gcmEncrypt(dataKey, Buffer.from(plaintext, 'utf8'), aad),
      wrappedKey: gcmEncrypt(kek(keyring, keyring.currentVersion), dataKey, aad),
      keyVersion: keyring.currentVersion,
    };
  } finally {
    dataKey.fill(0);
  }
}

export function open(keyring: Keyring, sealed: SealedSecret, aad: string): string {
  const dataKey = gcmDecrypt(kek(keyring, sealed.keyVersion), sealed.wrappedKey, aad);
  try {
    return gcmDecrypt(dataKey, sealed.ciphertext, aad).toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}

/** Re-wraps the data key under the current KEK; the secret's ciphertext is unchanged. */
export function rewrap(keyring: Keyring, sealed: SealedSecret, aad: string): SealedSecret {
  if (sealed.keyVersion === keyring.currentVersion) return sealed;
  const dataKey = gcmDecrypt(kek(keyring, sealed.keyVersion), sealed.wrappedKey, aad);
  try {
    return { ciphertext: sealed.ciphertext, wrappedKey: gcmEncrypt(kek(keyring, keyring.currentVersion), dataKey, aad), keyVersion: keyring.currentVersion };
  } finally {
    dataKey.fill(0);
  }
}
