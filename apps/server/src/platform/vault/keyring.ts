import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Keyring } from './envelope.ts';

const KEY_LINE = /^(\d+):([0-9a-f]{64})$/;

function fromHex(keys: ReadonlyMap<number, string>, currentVersion: number | undefined): Keyring {
  if (keys.size === 0) throw new Error('No token keys');
  const versions = [...keys.keys()];
  return {
    currentVersion: currentVersion ?? Math.max(...versions),
    keys: new Map([...keys].map(([version, hex]) => [version, Buffer.from(hex, 'hex')])),
  };
}

export function keyringFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'token-keys');
}

function readKeyFile(path: string): Map<number, string> {
  const keys = new Map<number, string>();
  for (const line of readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = KEY_LINE.exec(line);
    if (!match?.[1] || !match[2]) throw new Error(`${path} has a line that is not "<version>:<64 hex>"`);
    keys.set(Number(match[1]), match[2]);
  }
  return keys;
}

/**
 * The key-encryption keys for platform tokens: TOKEN_KEYS from configuration, or (sandbox mode
 * only) a file in the data folder created once with 0600 permissions, newest line current.
 */
export function resolveKeyring(config: Config): Keyring {
  if (config.tokenKeys) return fromHex(config.tokenKeys.keys, config.tokenKeys.currentVersion);
  if (config.isProduction) throw new Error('TOKEN_KEYS is required in production mode');
  const path = keyringFile(config);
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path, `1:${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return fromHex(readKeyFile(path), undefined);
}

/** Sandbox mode: adds a new key version to the data folder's key file and returns its number. */
export function addGeneratedKeyVersion(config: Config): number {
  if (config.tokenKeys) throw new Error('Keys come from TOKEN_KEYS: add the new key there and set TOKEN_KEY_VERSION');
  const path = keyringFile(config);
  const keys = existsSync(path) ? readKeyFile(path) : new Map<number, string>();
  const version = keys.size ? Math.max(...keys.keys()) + 1 : 1;
  keys.set(version, randomBytes(32).toString('hex'));
  writeFileSync(path, [...keys].map(([v, hex]) => `${v}:${hex}`).join('\n') + '\n', { mode: 0o600 });
  return version;
}
