import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionsOverview } from '@adloop/contracts';
import { TestClient } from '../setup/http-client.ts';
import { eventually } from '../setup/connect-helpers.ts';
import { freePort } from '../setup/ports.ts';

const BIN = fileURLToPath(new URL('../../apps/server/bin/adloop.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** How long a start may take on a busy CI machine (the sandbox-mode first start seeds and connects the demo). */
const START_MS = 240_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when nothing holds the port any more. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
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
    await waitFor(() => first.output().includes('Demo sign-in'), START_MS);
    expect(first.output()).toContain(`Adloop is running at http://localhost:${port}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
    expect(ready.status).toBe(200);

    const second = adloop(['start'], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already using the data folder/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, START_MS + 60_000);

  it('opens the demo on three connected sandboxes whose syncs ran, and keeps them working across a restart', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = adloop(['start'], { DATA_DIR: dataDir, PORT: String(port) });
    children.push(first.child);
    await waitFor(() => first.output().includes('Demo sign-in'), START_MS);
    expect(first.output()).toContain('Demo Agency is connected to the 3 sandboxes');
    const password = /Demo sign-in: demo@adloop\.local \/ (\S+)/.exec(first.output())![1]!;
    const signIn = async () => {
      const client = new TestClient(base);
      expect((await client.post('/api/v1/auth/sign-in', { email: 'demo@adloop.local', password })).status).toBe(200);
      const orgId = (await client.get<{ organizations: Array<{ id: string }> }>('/api/v1/me')).body.organizations[0]!.id;
      return { client, api: (path: string) => `/api/v1/orgs/${orgId}${path}` };
    };
    const demo = await signIn();
    const overview = await eventually(async () => {
      const body = (await demo.client.get<ConnectionsOverview>(demo.api('/connections'))).body;
      const selected = body.connections.flatMap((c) => c.accounts.filter((a) => a.selected));
      return selected.length === 6 && selected.every((a) => a.health.state === 'fresh') ? body : null;
    }, 120_000, 'the demo accounts’ first syncs');
    expect(overview.connections.map((c) => c.platform).sort()).toEqual(['google_ads', 'meta', 'tiktok']);
    const campaigns = (await demo.client.get<{ items: Array<{ id: string; status: string }> }>(demo.api('/campaigns?status=active&limit=1'))).body.items;
    expect(campaigns.length).toBe(1);
    // A change on the platform through Adloop, then a restart on the same folder.
    const asked = await demo.client.post<{ items: Array<{ id: string }> }>(demo.api('/campaign-changes'), { idempotencyKey: 'demo-restart-check', changes: [{ campaignId: campaigns[0]!.id, action: 'pause', expected: { status: 'active' } }] });
    expect(asked.status).toBe(202);
    await eventually(async () => (await demo.client.get<{ state: string }>(demo.api(`/campaign-changes/${asked.body.items[0]!.id}`))).body.state === 'applied', 30_000, 'the pause');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const again = adloop(['start'], { DATA_DIR: dataDir, PORT: String(port) });
    children.push(again.child);
    await waitFor(() => again.output().includes('Demo sign-in'), START_MS);
    // The same demo sign-in on every start, as the banner's last line (after the sandbox URLs).
    const banner = again.output().slice(again.output().indexOf('  Adloop is running at'));
    const bannerLines = banner.split('\n').filter((line) => line.startsWith('  '));
    expect(bannerLines.findIndex((line) => line.includes('Ad-platform sandboxes'))).toBeGreaterThan(0);
    expect(bannerLines.at(-1)).toContain(`Demo sign-in: demo@adloop.local / ${password} `);
    const back = await signIn();
    const account = overview.connections.flatMap((c) => c.accounts).find((a) => a.selected)!;
    const runsBefore = (await back.client.get<{ items: unknown[] }>(back.api(`/ad-accounts/${account.id}/sync-runs?limit=100`))).body.items.length;
    // The sandboxes kept the tokens: a sync after the restart succeeds instead of asking to reconnect.
    expect((await back.client.post(back.api(`/ad-accounts/${account.id}/sync`))).status).toBe(202);
    const runs = await eventually(async () => {
      const items = (await back.client.get<{ items: Array<{ status: string; errorMessage: string | null }> }>(back.api(`/ad-accounts/${account.id}/sync-runs?limit=100`))).body.items;
      return items.length >= runsBefore + 3 && items.every((r) => r.status !== 'running') ? items : null;
    }, 60_000, 'the sync after the restart');
    expect(runs.slice(0, 3).map((r) => [r.status, r.errorMessage])).toEqual([['succeeded', null], ['succeeded', null], ['succeeded', null]]);
    // ...and the paused campaign is still paused there: no outside change undid it.
    const paused = (await back.client.get<{ campaign: { status: string } }>(back.api(`/campaigns/${campaigns[0]!.id}`))).body;
    expect(paused.campaign.status).toBe('paused');
    const history = (await back.client.get<{ items: Array<{ origin: string }> }>(back.api(`/campaign-changes?campaignId=${campaigns[0]!.id}`))).body.items;
    expect(history.map((h) => h.origin)).toEqual(['adloop']);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 2 * START_MS + 240_000);

  it('stops the server when `npm run` is sent SIGTERM, freeing the port and the data-folder lock', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    // `npm start` builds first, then runs the same command as `npm run adloop -- start`.
    expect(scripts.start).toBe(`npm run build --silent && ${scripts.adloop} start`);
    const npm = spawn('npm', ['run', 'adloop', '--', 'start'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: 'false', SANDBOX_PLATFORMS: 'false' },
    });
    children.push(npm);
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('Adloop is running at'), START_MS);
    const lock = join(dataDir, 'adloop.lock');
    const serverPid = Number(readFileSync(lock, 'utf8'));
    expect(serverPid).not.toBe(npm.pid);

    npm.kill('SIGTERM');
    await waitFor(() => !isRunning(serverPid), 20_000);
    expect(existsSync(lock)).toBe(false);
    expect(await canListen(port)).toBe(true);
  }, START_MS + 60_000);

  it('stops cleanly when the signal arrives while it is still starting', async () => {
    const dataDir = tempDir();
    const run = adloop(['start'], { DATA_DIR: dataDir, PORT: String(await freePort()), SEED_DEMO: 'false' });
    children.push(run.child);
    await waitFor(() => existsSync(join(dataDir, 'adloop.lock')), START_MS);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(existsSync(join(dataDir, 'adloop.lock'))).toBe(false);
  }, START_MS + 60_000);

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
