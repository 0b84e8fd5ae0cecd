/**
 * Adloop as it runs scaled out: API and worker processes (`adloop api`, `adloop worker`, the real
 * entry point as child processes) on one PostgreSQL database, one set of ad-platform sandboxes
 * they all share (SANDBOX_EXTERNAL), an SMTP capture for the emails, and a small round-robin HTTP
 * proxy in front of the API processes that, like a load balancer's health check, skips a process
 * that refuses the connection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type RunningSandbox } from '@adloop/sandbox';
import { startSmtpCapture, type SmtpCapture } from '../../setup/smtp-capture.ts';
import { freePort } from '../../setup/ports.ts';

const ENTRY = fileURLToPath(new URL('../../../apps/server/bin/adloop.js', import.meta.url));
const UNLIMITED = 1_000_000_000;

export interface ClusterProcess {
  role: 'api' | 'worker';
  name: string;
  child: ChildProcess;
  /** The API port, or the worker's metrics port. */
  port: number;
  /** Output kept for a failure's message (last 20 kB). */
  output(): string;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<string>;
}

export interface Cluster {
  proxyUrl: string;
  sandbox: RunningSandbox;
  mail: SmtpCapture;
  processes: ClusterProcess[];
  startProcess(role: 'api' | 'worker', name: string): Promise<ClusterProcess>;
  close(): Promise<void>;
}

/**
 * CPU seconds a process has used so far (user + system, from /proc; null where there is no /proc).
 * Linux's clock tick is 100 per second on every common build.
 */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}


async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, failed: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    const why = failed();
    if (why) throw new Error(`${what}: ${why}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Round-robin over the API processes' ports; a refused connection is retried on the next one. */
function startProxy(targets: () => number[]): Promise<{ server: Server; url: string }> {
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const ports = targets();
        const port = ports[next++ % Math.max(ports.length, 1)];
        if (port === undefined || tries <= 0) {
          res.writeHead(502).end();
          return;
        }
        const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => (res.headersSent ? res.destroy() : attempt(tries - 1)));
        upstream.end(body);
      };
      attempt(targets().length * 2);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

/** Starts the sandboxes, the SMTP capture and the proxy; processes are started with `startProcess`. */
export async function startCluster(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Cluster> {
  const sandbox = await startSandbox({ seed: 42 });
  const settings = sandbox.context.settings;
  // The platforms' own rate limits are lifted: the figures are Adloop's, not a quota's.
  settings.google.dailyOperationLimit = UNLIMITED;
  settings.meta.managementCallsPerHour = UNLIMITED;
  settings.meta.insightsCallsPerHour = UNLIMITED;
  Object.assign(settings.tiktok, { qps: UNLIMITED, qpm: UNLIMITED, qpd: UNLIMITED, endpointLimits: {} });
  const mail = await startSmtpCapture();
  const processes: ClusterProcess[] = [];
  const apiPorts = () => processes.filter((p) => p.role === 'api' && p.child.exitCode === null && p.child.signalCode === null).map((p) => p.port);
  const proxy = await startProxy(apiPorts);
  const dataDir = mkdtempSync(join(tmpdir(), 'adloop-cluster-'));
  const portOf = (url: string) => new URL(url).port;
  // CLUSTER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`): node options for the children only, to profile a run.
  const nodeArgs = (process.env.CLUSTER_NODE_ARGS ?? '').split(' ').filter(Boolean);

  const baseEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    ADLOOP_MODE: 'sandbox',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    HOST: '127.0.0.1',
    PUBLIC_URL: proxy.url,
    DATA_DIR: dataDir,
    SECRET_KEY: 'ab'.repeat(32),
    TOKEN_KEYS: `1:${'cd'.repeat(32)}`,
    SMTP_URL: mail.url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    REQUEST_LOG: 'off',
    SANDBOX_PLATFORMS: 'true',
    SANDBOX_EXTERNAL: 'true',
    SANDBOX_KEEP_STATE: 'false',
    SANDBOX_GOOGLE_PORT: portOf(sandbox.urls.googleAds),
    SANDBOX_META_PORT: portOf(sandbox.urls.meta),
    SANDBOX_TIKTOK_PORT: portOf(sandbox.urls.tiktok),
    SANDBOX_CONTROL_PORT: portOf(sandbox.urls.control),
    QUOTA_GOOGLE_ADS_RPS: '1000',
    QUOTA_META_RPS: '1000',
    QUOTA_TIKTOK_RPS: '1000',
    ...extraEnv,
  };

  async function startProcess(role: 'api' | 'worker', name: string): Promise<ClusterProcess> {
    const port = await freePort();
    const env = { ...baseEnv, ...(role === 'api' ? { PORT: String(port) } : { PORT: '0', METRICS_PORT: String(port) }) };
    const child = spawn(process.execPath, [...nodeArgs, ENTRY, role], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
    const started: ClusterProcess = { role, name, child, port, output: () => output, exited };
    processes.push(started);
    const path = role === 'api' ? '/api/ready' : '/metrics';
    await waitUntil(`${name} to answer ${path}`, async () => (await fetch(`http://127.0.0.1:${port}${path}`)).ok, 300_000, () =>
      child.exitCode !== null ? `${name} exited (${child.exitCode}): ${output.slice(-2000)}` : null,
    ).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; its output: ${output.slice(-2000) || '(none)'}`);
    });
    return started;
  }

  return {
    proxyUrl: proxy.url,
    sandbox,
    mail,
    processes,
    startProcess,
    async close() {
      const running = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
      // A profiled process is stopped gently first, so that it writes its profile on the way out.
      if (nodeArgs.length > 0) {
        for (const p of running) p.child.kill('SIGTERM');
        await Promise.race([Promise.all(running.map((p) => p.exited)), new Promise((resolve) => setTimeout(resolve, 15_000))]);
      }
      for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await Promise.all(processes.map((p) => p.exited));
      const closed = new Promise<void>((resolve) => proxy.server.close(() => resolve()));
      proxy.server.closeAllConnections();
      await closed;
      await mail.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
