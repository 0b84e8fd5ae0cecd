import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { PLATFORMS } from '@adloop/db';
import type { AppContext } from '../context.ts';

type MetricsSource = Pick<AppContext, 'jobs' | 'dbHandle' | 'platforms' | 'config'>;

/**
 * The metrics every process exports (API and worker alike), in a registry of its own so tests can
 * build many. Gauges read their value at scrape time. Database-wide figures (job queues, sync
 * freshness, AI cost) are the same from every process: dashboards take their max, not their sum.
 */
export function createMetricsRegistry(ctx: MetricsSource, role: string): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sql = ctx.dbHandle.sql;

  new Gauge({ name: 'adloop_process_info', help: 'One per process, labelled with its role (all, api or worker)', labelNames: ['role'] as const, registers }).set({ role }, 1);

  new Gauge({
    name: 'adloop_jobs',
    help: 'Jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      const counts = await ctx.jobs.counts().catch(() => ({}));
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, value] of Object.entries(states)) this.set({ queue, state }, value);
      }
    },
  });

  new Gauge({
    name: 'adloop_jobs_failed_last_hour',
    help: 'Jobs that ended failed (retries used up) in the last hour, by queue',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset();
      const rows = await sql
        .query<{ name: string; n: string }>("SELECT name, count(*) AS n FROM pgboss.job WHERE state = 'failed' AND completed_on > now() - interval '1 hour' GROUP BY name")
        .then((r) => r.rows, () => []);
      for (const row of rows) this.set({ queue: row.name }, Number(row.n));
    },
  });

  // PLAT-001: a pool that is always full (waiting > 0) means DATABASE_POOL_SIZE or PostgreSQL's max_connections is too small.
  new Gauge({
    name: 'adloop_db_pool_connections',
    help: 'Database pool: open (total), idle, and queries waiting for a connection (PostgreSQL only)',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const stats = ctx.dbHandle.poolStats();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: 'adloop_db_pool_max_connections',
    help: 'Database pool size limit (DATABASE_POOL_SIZE)',
    registers,
    collect() {
      const stats = ctx.dbHandle.poolStats();
      if (stats) this.set(stats.max);
    },
  });

  new Gauge({
    name: 'adloop_sync_oldest_age_seconds',
    help: 'Age of the stalest selected ad account’s last complete metrics sync, by platform (never synced: since it was added)',
    labelNames: ['platform'] as const,
    registers,
    async collect() {
      this.reset();
      const rows = await sql
        .query<{ platform: string; age: string }>(
          "SELECT platform, extract(epoch FROM now() - min(coalesce(metrics_synced_at, created_at))) AS age FROM ad_accounts WHERE selected AND status = 'active' GROUP BY platform",
        )
        .then((r) => r.rows, () => []);
      for (const row of rows) this.set({ platform: row.platform }, Number(row.age));
    },
  });
  new Gauge({
    name: 'adloop_sync_failing_accounts',
    help: 'Selected ad accounts whose last sync failed, by platform',
    labelNames: ['platform'] as const,
    registers,
    async collect() {
      this.reset();
      const rows = await sql
        .query<{ platform: string; n: string }>('SELECT platform, count(*) AS n FROM ad_accounts WHERE selected AND last_sync_error IS NOT NULL GROUP BY platform')
        .then((r) => r.rows, () => []);
      for (const row of rows) this.set({ platform: row.platform }, Number(row.n));
    },
  });

  new Gauge({
    name: 'adloop_ai_cost_usd_month',
    help: 'AI cost this UTC month across organisations, by feature (USD)',
    labelNames: ['feature'] as const,
    registers,
    async collect() {
      this.reset();
      const month = new Date().toISOString().slice(0, 7);
      const rows = await sql
        .query<{ feature: string; micros: string }>('SELECT feature, sum(cost_micros) AS micros FROM ai_usage WHERE month = $1 GROUP BY feature', [month])
        .then((r) => r.rows, () => []);
      for (const row of rows) this.set({ feature: row.feature }, Number(row.micros) / 1_000_000);
    },
  });

  // Platform calls are made (and paced) per process: quota use = rate(calls) / quota, summed over processes.
  const quota = new Gauge({ name: 'adloop_platform_quota_rps', help: 'Requests per second this process may send each ad platform', labelNames: ['platform'] as const, registers });
  for (const platform of PLATFORMS) quota.set({ platform }, ctx.config.sync.quotaRps[platform]);
  for (const [name, field] of [['adloop_platform_calls_total', 'calls'], ['adloop_platform_retries_total', 'retries']] as const) {
    new Counter({
      name,
      help: `Ad-platform ${field} made by this process, by platform`,
      labelNames: ['platform'] as const,
      registers,
      collect() {
        this.reset();
        for (const [platform, stats] of Object.entries(ctx.platforms.stats())) this.inc({ platform }, stats[field]);
      },
    });
  }
  return registry;
}
