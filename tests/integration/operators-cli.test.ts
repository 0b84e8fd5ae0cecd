import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../apps/server/bin/adloop.js', import.meta.url));

/** Runs `adloop <args>` with only the given environment (plus PATH); resolves with its exit code and output. */
function adloop(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('adloop operators add', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'adloop-ops-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates an operator and prints a one-time password and the TOTP enrolment once', async () => {
    const created = await adloop(['operators', 'add', '--email', 'Alice@Example.com', '--role', 'support'], { DATA_DIR: dataDir });
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain('Operator alice@example.com (support) created.');
    expect(created.output).toMatch(/One-time password: \S{20,}/);
    expect(created.output).toMatch(/otpauth:\/\/totp\/[^\s]*secret=/);

    const again = await adloop(['operators', 'add', '--email', 'alice@example.com', '--role', 'support'], { DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.output).toContain('already exists');
  }, 480_000);

  it('refuses an unknown role with the usage', async () => {
    const bad = await adloop(['operators', 'add', '--email', 'bob@example.com', '--role', 'root'], { DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('--role platform_admin|support|finance|on_call');
  }, 60_000);
});
