import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { openTestDatabase } from '../setup/db.ts';
import { testConfig } from '../../apps/server/src/platform/config.ts';
import { startServer } from '../../apps/server/src/server.ts';

const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));
const read = (path: string) => readFileSync(join(DEPLOY, path), 'utf8');
const has = (tool: string) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const hasPromtool = has('promtool');
const hasCompose = (() => {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface ComposeService {
  image?: string;
  build?: { dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  deploy?: { replicas: string | number };
  stop_grace_period?: string;
}

/** Metric names a Prometheus expression uses (our own, Node's process metrics and `up`). */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:adloop|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1] ?? '');
}

/** Every name /metrics exports, histograms with their _bucket, _sum and _count series. */
function exported(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name = '', type] = match;
    names.add(name);
    if (type === 'histogram' || type === 'summary') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
  }
  return names;
}

function dashboardExprs(): string[] {
  const folder = join(DEPLOY, 'grafana/dashboards');
  return readdirSync(folder).flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { panels: Array<{ datasource: { type: string }; targets: Array<{ expr: string }> }> };
    return dashboard.panels.filter((panel) => panel.datasource.type === 'prometheus').flatMap((panel) => panel.targets.map((target) => target.expr));
  });
}

function alertExprs(): string[] {
  const rules = parse(read('prometheus/alerts.yml')) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> };
  return rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr));
}

describe('deployment files', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

  it('the compose file runs PostgreSQL 16, migrations, scalable API and worker processes, TLS proxy, metrics, dashboards and logs', () => {
    const { services } = compose;
    expect(Object.keys(services).sort()).toEqual(['api', 'caddy', 'grafana', 'loki', 'migrate', 'postgres', 'prometheus', 'promtail', 'worker']);
    expect(services.postgres?.image).toMatch(/^postgres:16/);
    expect(services.api?.command).toEqual(['api']);
    expect(services.worker?.command).toEqual(['worker']);
    expect(services.migrate?.command).toEqual(['migrate']);
    for (const role of ['api', 'worker', 'migrate']) {
      expect(services[role]?.build?.dockerfile).toBe('deploy/Dockerfile');
      expect(services[role]?.environment?.ADLOOP_MODE).toBe('production');
      expect(services[role]?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    }
    expect(String(services.api?.deploy?.replicas)).toMatch(/API_REPLICAS/);
    expect(String(services.worker?.deploy?.replicas)).toMatch(/WORKER_REPLICAS/);
    expect(services.worker?.environment?.METRICS_PORT).toBe('9464');
    expect(services.api?.stop_grace_period).toBe('30s');
  });

  it('every file the compose file mounts exists', () => {
    const mounts = Object.values(compose.services).flatMap((service) => service.volumes ?? []).filter((volume) => volume.startsWith('./'));
    expect(mounts.length).toBeGreaterThan(5);
    for (const mount of mounts) expect(existsSync(join(DEPLOY, mount.split(':')[0] ?? '')), mount).toBe(true);
  });

  it.skipIf(!hasCompose)('docker compose config accepts the file', () => {
    const env = { ...process.env, POSTGRES_PASSWORD: 'x', METRICS_TOKEN: 'x'.repeat(16), GRAFANA_ADMIN_PASSWORD: 'x' };
    const dir = mkdtempSync(join(tmpdir(), 'adloop-compose-'));
    try {
      cpSync(DEPLOY, dir, { recursive: true });
      cpSync(join(DEPLOY, '.env.example'), join(dir, '.env'));
      execFileSync('docker', ['compose', '-f', join(dir, 'compose.yaml'), 'config', '--quiet'], { env });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the image is multi-stage, on a Node LTS, and runs as a non-root user', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:(20|22)[.\d]*-/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/postgresql-client-16/);
  });

  it('Caddy terminates TLS and balances over the API replicas with health checks', () => {
    const caddyfile = read('caddy/Caddyfile');
    expect(caddyfile).toMatch(/tls internal/);
    expect(caddyfile).toMatch(/dynamic a api 3000/);
    expect(caddyfile).toMatch(/health_uri \/api\/ready/);
  });

  it('every dashboard is valid JSON with a unique uid and queries on every panel', () => {
    const folder = join(DEPLOY, 'grafana/dashboards');
    const uids = readdirSync(folder).map((file) => (JSON.parse(readFileSync(join(folder, file), 'utf8')) as { uid: string }).uid);
    expect(new Set(uids).size).toBe(uids.length);
    const titles = readdirSync(folder).flatMap((file) => (JSON.parse(readFileSync(join(folder, file), 'utf8')) as { panels: Array<{ title: string }> }).panels.map((p) => p.title.toLowerCase()));
    for (const topic of ['requests', 'latency', 'error', 'job queues', 'sync freshness', 'quota', 'ai cost', 'database pool']) {
      expect(titles.some((title) => title.includes(topic)), topic).toBe(true);
    }
  });

  it.skipIf(!hasPromtool)('promtool accepts the alert rules and the Prometheus configuration', () => {
    expect(execFileSync('promtool', ['check', 'rules', join(DEPLOY, 'prometheus/alerts.yml')]).toString()).toMatch(/SUCCESS/);
    expect(execFileSync('promtool', ['check', 'config', join(DEPLOY, 'prometheus/prometheus.yml')]).toString()).toMatch(/SUCCESS/);
  });

  it('the alert rules are well-formed (without promtool: structure only)', () => {
    const rules = parse(read('prometheus/alerts.yml')) as { groups: Array<{ name: string; rules: Array<Record<string, unknown>> }> };
    for (const group of rules.groups) {
      for (const rule of group.rules) {
        expect(typeof rule.alert).toBe('string');
        expect(typeof rule.expr).toBe('string');
        expect((rule.labels as { severity?: string }).severity).toMatch(/^(critical|warning|info)$/);
      }
    }
  });

  describe('metric names used by alerts and dashboards exist on /metrics', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    }, 120_000);
    afterAll(() => server.close());

    it('the API process exports every name the alert rules and dashboards use', async () => {
      const client = server.client();
      await client.get('/api/health');
      const names = exported(String((await client.get('/metrics')).text));
      const used = new Set([...alertExprs(), ...dashboardExprs()].flatMap(metricNames));
      expect(used.size).toBeGreaterThan(10);
      expect([...used].filter((name) => !names.has(name))).toEqual([]);
    });
  });

  it('a worker process serves its own /metrics (METRICS_PORT) with its role, job queues and pool', async () => {
    const database = await openTestDatabase();
    const port = 20000 + Math.floor(Math.random() * 20000);
    const worker = await startServer({ config: testConfig({ metricsPort: port, metricsToken: 'worker-metrics-token-123' }), dbHandle: database, secretKey: 'ab'.repeat(32), role: 'worker' });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer worker-metrics-token-123' } });
      const text = await response.text();
      expect(text).toMatch(/adloop_process_info\{role="worker"\} 1/);
      expect(text).toMatch(/# TYPE adloop_jobs gauge/);
      if (database.kind === 'postgres') expect(text).toMatch(/adloop_db_pool_max_connections \d+/);
    } finally {
      await worker.close();
      await database.close();
    }
  }, 120_000);
});
