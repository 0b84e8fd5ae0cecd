import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../apps/server/bin/adloop.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs `adloop <args>` with only the given environment (plus PATH), as a new user would. */
function adloop(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the adloop command', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'adloop-cli-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('starts on a new data folder, prints the URL and a demo sign-in, and refuses a second process on it', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = adloop(['start'], { DATA_DIR: dataDir, PORT: String(port) });
    children.push(first.child);
    await waitFor(() => first.output().includes('Demo sign-in'), 60_000);
    expect(first.output()).toContain(`Adloop is running at http://localhost:${port}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
    expect(ready.status).toBe(200);

    const second = adloop(['start'], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already using the data folder/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, 90_000);

  it('refuses production mode with sandbox defaults, naming every missing key', async () => {
    const run = adloop(['start'], { ADLOOP_MODE: 'production', DATA_DIR: tempDir() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/SECRET_KEY[\s\S]*SMTP_URL[\s\S]*PUBLIC_URL/);
  }, 30_000);

  it('explains that api and worker need a PostgreSQL server', async () => {
    const run = adloop(['worker'], { DATA_DIR: tempDir() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/DATABASE_URL/);
  }, 30_000);

  it('generates the token key once with 0600 permissions and rotates to a new version on request', async () => {
    const dataDir = tempDir();
    const first = adloop(['keys', 'rotate'], { DATA_DIR: dataDir });
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Done: 0 re-wrapped, 0 on an older version/);
    const keyFile = join(dataDir, 'token-keys');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const before = readFileSync(keyFile, 'utf8');
    expect(before).toMatch(/^1:[0-9a-f]{64}\n$/);

    const second = adloop(['keys', 'rotate', '--new-key'], { DATA_DIR: dataDir });
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('Added token key version 2');
    expect(second.output()).toContain('key version 2');
    const after = readFileSync(keyFile, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('explains an unknown keys command', async () => {
    const run = adloop(['keys', 'spin'], { DATA_DIR: tempDir() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/adloop keys rotate/);
  }, 30_000);
});
