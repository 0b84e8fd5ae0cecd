import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Encrypted backup file: `ADLOOPBK` (8 bytes), header length (uint32 BE), header JSON, IV (12 bytes),
 * AES-256-GCM ciphertext, authentication tag (16 bytes). The header is authenticated as AAD, so
 * changing any byte of the file makes the restore fail before a single row is written.
 */
const MAGIC = Buffer.from('ADLOOPBK');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type BackupKind = 'postgres' | 'pglite';

export interface BackupHeader {
  format: 1;
  kind: BackupKind;
  createdAt: string;
  /** Identifies the key (an HMAC of a fixed label), so a wrong key is told apart from a damaged file. */
  keyId: string;
  /** Migrations applied in the database when it was backed up. */
  migrations: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

function backupKey(keyHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/i.test(keyHex)) throw new BackupError('The backup key must be 64 hexadecimal characters (32 bytes).');
  return Buffer.from(hkdfSync('sha256', Buffer.from(keyHex, 'hex'), Buffer.alloc(0), 'adloop backup v1', 32));
}

export function backupKeyId(keyHex: string): string {
  return createHmac('sha256', backupKey(keyHex)).update('adloop backup key id').digest('hex').slice(0, 16);
}

/** Encrypts `source` (a dump stream) into `file`. */
export async function writeEncryptedBackup(file: string, keyHex: string, header: Omit<BackupHeader, 'format' | 'keyId'>, source: Readable): Promise<void> {
  const full: BackupHeader = { format: 1, ...header, keyId: backupKeyId(keyHex) };
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const prefix = Buffer.concat([MAGIC, length, headerBytes]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', backupKey(keyHex), iv);
  cipher.setAAD(prefix);
  let started = false;
  const frame = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([prefix, iv]));
      }
      done(null, cipher.update(chunk));
    },
    flush(done) {
      if (!started) this.push(Buffer.concat([prefix, iv]));
      this.push(cipher.final());
      this.push(cipher.getAuthTag());
      done();
    },
  });
  try {
    await pipeline(source, frame, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

/** Reads and checks the header only (no key needed beyond the key id comparison). */
export async function readBackupHeader(file: string): Promise<{ header: BackupHeader; bodyStart: number; size: number }> {
  const size = (await stat(file).catch(() => {
    throw new BackupError(`No backup file at ${file}.`);
  })).size;
  const handle = await open(file, 'r');
  try {
    const start = Buffer.alloc(12);
    await handle.read(start, 0, 12, 0);
    if (size < 12 || !start.subarray(0, 8).equals(MAGIC)) throw new BackupError(`${file} is not an Adloop backup file.`);
    const length = start.readUInt32BE(8);
    if (length > 64 * 1024 || 12 + length + IV_BYTES + TAG_BYTES > size) throw new BackupError(`${file} is damaged: its header is cut short.`);
    const headerBytes = Buffer.alloc(length);
    await handle.read(headerBytes, 0, length, 12);
    let header: BackupHeader;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as BackupHeader;
    } catch {
      throw new BackupError(`${file} is damaged: its header is unreadable.`);
    }
    if (header.format !== 1 || (header.kind !== 'postgres' && header.kind !== 'pglite')) throw new BackupError(`${file} uses a backup format this version cannot read.`);
    return { header, bodyStart: 12 + length, size };
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts `file` into `output` and verifies the authentication tag. On a wrong key or any altered
 * byte it throws and deletes `output`, so nothing unverified is ever restored.
 */
export async function decryptBackup(file: string, keyHex: string, output: string): Promise<BackupHeader> {
  const { header, bodyStart, size } = await readBackupHeader(file);
  if (header.keyId !== backupKeyId(keyHex)) {
    throw new BackupError('This backup was made with a different key: set ADLOOP_BACKUP_KEY (or SECRET_KEY) to the key used when it was made.');
  }
  const handle = await open(file, 'r');
  const prefix = Buffer.alloc(bodyStart);
  const iv = Buffer.alloc(IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(prefix, 0, bodyStart, 0);
    await handle.read(iv, 0, IV_BYTES, bodyStart);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', backupKey(keyHex), iv);
  decipher.setAAD(prefix);
  decipher.setAuthTag(tag);
  const bodyEnd = size - TAG_BYTES - 1;
  const cipherStream = bodyEnd >= bodyStart + IV_BYTES ? createReadStream(file, { start: bodyStart + IV_BYTES, end: bodyEnd }) : Readable.from([]);
  try {
    await pipeline(cipherStream, decipher, createWriteStream(output, { mode: 0o600 }));
  } catch {
    await rm(output, { force: true });
    throw new BackupError('The backup file has been altered or damaged (its authentication check failed); nothing was restored.');
  }
  return header;
}
