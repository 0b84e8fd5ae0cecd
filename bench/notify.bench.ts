/**
 * Notifications at volume on PostgreSQL: EVENTS events across ORGS organisations fanned out to
 * RECIPIENTS people (RECIPIENTS / ORGS per organisation, every role but viewer, so each kind's
 * audience is most of them) over every registered channel — the bell at emit time, email through
 * `notifications.fanout` and `notifications.deliver` jobs into a local SMTP sandbox (Slack and
 * webhook senders join when their modules register them). Events are emitted from 8 concurrent
 * emitters through `emitNotification`, each in its own transaction, as modules do.
 * PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a throw-away database
 * is created, migrated and dropped at the end.
 * Flags: --quick (2,000 events, 50 organisations, 250 people) or --events N --orgs M --recipients R.
 * Prints `notify events= deliveries= deliveries_per_s= p95_event_to_delivery_ms= duplicates=`:
 * duplicates counts emails the SMTP server received beyond one per sent email delivery, plus bell
 * rows beyond one per in-app delivery (must be 0).
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '@adloop/db';
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, type NotificationKind } from '@adloop/contracts';
import { startSmtpSink } from '../packages/sandbox/src/smtp/smtp-sink.ts';
import { testConfig } from '../apps/server/src/platform/config.ts';
import { startServer, type RunningServer } from '../apps/server/src/server.ts';
import { emitNotification } from '../apps/server/src/modules/notifications/emit.ts';
import { reachable, throwAwayDatabase } from './support/changes-database.ts';

const log = (message: string) => process.stdout.write(`  ${message}\n`);
/** A PostgreSQL array literal of plain values (uuids, role names): one parameter, not one per element. */
const pgArray = (values: readonly string[]) => `{${values.join(',')}}`;
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

function options() {
  const { values } = parseArgs({ args: process.argv.slice(3), options: { quick: { type: 'boolean', default: false }, events: { type: 'string' }, orgs: { type: 'string' }, recipients: { type: 'string' } } });
  const quick = values.quick;
  const events = Number(values.events ?? (quick ? 2000 : 100_000));
  const orgs = Number(values.orgs ?? (quick ? 50 : 1000));
  const recipients = Number(values.recipients ?? (quick ? 250 : 5000));
  if (![events, orgs, recipients].every((n) => Number.isInteger(n) && n > 0) || recipients < orgs) throw new Error('--events, --orgs and --recipients must be whole numbers above 0, with at least one person per organisation');
  return { events, orgs, recipients };
}

const ROLES = ['owner', 'admin', 'manager', 'member', 'member'] as const;
/** Kinds that go to the organisation's audience (actor kinds name one person; account-level ones have no organisation). */
const KINDS = NOTIFICATION_KIND_NAMES.filter((k) => NOTIFICATION_KINDS[k].audience !== 'actor' && !(k.startsWith('security.') && k !== 'security.api_key_created'));

async function seed(handle: DbHandle, orgs: number, recipients: number): Promise<string[]> {
  const orgIds = Array.from({ length: orgs }, () => randomUUID());
  const now = new Date().toISOString();
  for (let i = 0; i < orgs; i += 500) {
    const slice = orgIds.slice(i, i + 500);
    await handle.db.execute(sql`insert into organizations (id, name) select id, 'Bench org ' || left(id::text, 8) from unnest(${pgArray(slice)}::uuid[]) as id`);
  }
  const people = Array.from({ length: recipients }, (_, i) => ({ id: randomUUID(), org: orgIds[i % orgs]!, role: ROLES[Math.floor(i / orgs) % ROLES.length]! }));
  for (let i = 0; i < people.length; i += 1000) {
    const slice = people.slice(i, i + 1000);
    await handle.db.execute(sql`insert into users (id, email, name, password_hash, email_verified_at)
      select id, 'bench-' || id::text || '@example.test', 'Bench person', 'x', ${now}::timestamptz from unnest(${pgArray(slice.map((p) => p.id))}::uuid[]) as id`);
    await handle.db.execute(sql`insert into memberships (org_id, user_id, role)
      select o, u, r from unnest(${pgArray(slice.map((p) => p.org))}::uuid[], ${pgArray(slice.map((p) => p.id))}::uuid[], ${pgArray(slice.map((p) => p.role))}::text[]) as t(o, u, r)`);
  }
  return orgIds;
}

export async function run(): Promise<void> {
  const { events, orgs, recipients } = options();
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await reachable(serverUrl))) {
    process.stdout.write('notify skipped=no_postgres\n');
    return;
  }
  const database = await throwAwayDatabase(serverUrl);
  let received = 0;
  const smtp = await startSmtpSink({ onMessage: async () => void (received += 1) });
  let handle: DbHandle | undefined;
  let server: RunningServer | undefined;
  try {
    handle = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 10 });
    const orgIds = await seed(handle, orgs, recipients);
    log(`seeded ${orgs} organisations, ${recipients} people`);
    const base = testConfig();
    const config = testConfig({ smtpUrl: smtp.url, requestLog: { mode: 'off', slowMs: base.requestLog.slowMs } });
    server = await startServer({ config, dbHandle: handle, secretKey: config.secretKey ?? 'ab'.repeat(32), role: 'all' });
    const ctx = server.ctx;
    const started = Date.now();
    let next = 0;
    const emitter = async () => {
      for (;;) {
        const i = next++;
        if (i >= events) return;
        const kind: NotificationKind = KINDS[i % KINDS.length]!;
        const orgId = orgIds[i % orgIds.length]!;
        await ctx.db.transaction((tx) => emitNotification(ctx, tx, { orgId, kind, title: `Bench event ${i}`, body: 'Something happened.', link: `/orgs/${orgId}`, data: { i } }));
      }
    };
    await Promise.all(Array.from({ length: 8 }, emitter));
    const emitted = Date.now();
    log(`emitted ${events} events in ${((emitted - started) / 1000).toFixed(1)} s`);
    let last = -1;
    for (;;) {
      const [left] = rowsOf<{ n: number; fanned: number }>(await ctx.db.execute(sql`select
        (select count(*)::int from notification_deliveries where state in ('queued')) as n,
        (select count(*)::int from notification_events e where not exists (select 1 from notification_deliveries d where d.event_id = e.id and d.channel = 'email')) as fanned`));
      if (left && left.n === 0 && left.fanned === 0) break;
      if (left && left.n + left.fanned !== last) log(`waiting: ${left.n} deliveries queued, ${left.fanned} events not fanned out`);
      last = left ? left.n + left.fanned : -1;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const [stats] = rowsOf<{ deliveries: number; sent: number; first: string; last: string; p95: number; emails: number; inapp: number; bell: number }>(await ctx.db.execute(sql`select
      count(*)::int as deliveries,
      count(*) filter (where d.state = 'sent')::int as sent,
      min(e.first_at) as first, max(d.sent_at) as last,
      (percentile_cont(0.95) within group (order by extract(epoch from d.sent_at - e.first_at) * 1000) filter (where d.state = 'sent'))::float8 as p95,
      count(*) filter (where d.state = 'sent' and d.channel = 'email')::int as emails,
      count(*) filter (where d.state = 'sent' and d.channel = 'in_app')::int as inapp,
      (select count(*)::int from notifications) as bell
      from notification_deliveries d join notification_events e on e.id = d.event_id`));
    if (!stats) throw new Error('no deliveries');
    const seconds = (new Date(stats.last).getTime() - new Date(stats.first).getTime()) / 1000;
    const duplicates = Math.max(0, received - stats.emails) + Math.max(0, stats.bell - stats.inapp);
    log(`${stats.sent} of ${stats.deliveries} deliveries sent (${stats.inapp} in-app, ${stats.emails} email; ${received} emails received)`);
    process.stdout.write(`notify events=${events} orgs=${orgs} recipients=${recipients} deliveries=${stats.sent} deliveries_per_s=${(stats.sent / Math.max(seconds, 0.001)).toFixed(0)} p95_event_to_delivery_ms=${Math.round(stats.p95)} duplicates=${duplicates}\n`);
  } finally {
    await server?.close();
    await smtp.close();
    await database.drop();
  }
}
