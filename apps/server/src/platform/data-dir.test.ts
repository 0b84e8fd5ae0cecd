import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, resolveSecretKey } from './data-dir.ts';
import { testConfig } from './config.ts';

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'adloop-data-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('data folder', () => {
  it('refuses a second lock while the first holder is alive', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    // A lock file held by another live process (our parent) must be refused.
    writeFileSync(join(dir, 'adloop.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'adloop.lock'), '999999');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'adloop.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('generates the secret key once with 0600 permissions', () => {
    const dir = freshDir();
    const config = testConfig({ dataDir: dir, secretKey: undefined });
    const first = resolveSecretKey(config);
    expect(first.generated).toBe(true);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(resolveSecretKey(config)).toEqual({ key: first.key, generated: false });
  });
});
