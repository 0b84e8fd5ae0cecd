import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';
import { idColumns, readCatalogue } from './catalogue.ts';

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * Removes what still names `id` once the subject row (and its cascades) is gone: a row whose
 * organisation column names it is the organisation's data (deleted); elsewhere a nullable
 * reference is blanked and a required one takes its row with it. Returns rows touched per table.
 */
export async function sweepReferences(db: Db, id: string, kind: 'organization' | 'user'): Promise<Record<string, number>> {
  const touched: Record<string, number> = {};
  for (const col of idColumns(await readCatalogue(db))) {
    const statement = (kind === 'organization' && col.ownedByOrg) || !col.nullable
      ? sql`DELETE FROM ${ident(col.table)} WHERE ${ident(col.column)}::text = ${id}`
      : sql`UPDATE ${ident(col.table)} SET ${ident(col.column)} = NULL WHERE ${ident(col.column)}::text = ${id}`;
    const count = affected(await db.execute(statement));
    if (count > 0) touched[`${col.table}.${col.column}`] = count;
  }
  return touched;
}

/** Queued, retrying or finished jobs whose payload names `id` (the job queue's own tables). */
export async function deleteJobsNaming(db: Db, id: string): Promise<number> {
  const exists = rowsOf<{ present: boolean }>(await db.execute(sql`SELECT to_regclass('pgboss.job') IS NOT NULL AS present`))[0];
  if (!exists?.present) return 0;
  return affected(await db.execute(sql`DELETE FROM pgboss.job WHERE data::text LIKE ${`%${id}%`} OR coalesce(output::text, '') LIKE ${`%${id}%`}`));
}

function affected(result: unknown): number {
  const value = (result as { rowCount?: number | null; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows;
  return value ?? 0;
}

/** Lets this transaction rewrite or move audit rows (the trigger otherwise refuses; see migration 0024). */
export async function allowAuditMaintenance(db: Db): Promise<void> {
  await db.execute(sql`SELECT set_config('adloop.audit_maintenance', 'on', true)`);
}

/**
 * Keeps the organisation's audit events (action, kinds, time) and drops everything that could
 * identify a person or the organisation: ids, labels, IP, user agent, before/after values.
 */
export async function anonymiseOrganisationAudit(db: Db, orgId: string): Promise<number> {
  return affected(await db.execute(sql`
    UPDATE audit_log SET org_id = NULL, actor_id = NULL, actor_label = 'erased', target_id = NULL,
      before = NULL, after = NULL, ip = NULL, user_agent = NULL
    WHERE org_id = ${orgId}::uuid OR target_id = ${orgId} OR actor_id = ${orgId}`));
}

/** A person's audit events keep the event but not who they were (id, email, IP, user agent, values naming them). */
export async function anonymiseUserAudit(db: Db, userId: string, email: string): Promise<number> {
  const acted = affected(await db.execute(sql`
    UPDATE audit_log SET actor_id = NULL, actor_label = 'Deleted user', ip = NULL, user_agent = NULL
    WHERE actor_id = ${userId}`));
  const named = affected(await db.execute(sql`
    UPDATE audit_log SET target_id = CASE WHEN target_id = ${userId} THEN NULL ELSE target_id END, before = NULL, after = NULL,
      actor_label = CASE WHEN lower(actor_label) = ${email} THEN 'Deleted user' ELSE actor_label END
    WHERE target_id = ${userId} OR lower(actor_label) = ${email}
      OR coalesce(before::text, '') || coalesce(after::text, '') LIKE ${`%${userId}%`}
      OR lower(coalesce(before::text, '') || coalesce(after::text, '')) LIKE ${`%${email}%`}`));
  return acted + named;
}

/** Sign-in attempts, invitations and the development mailbox's copies, kept by email address. */
export async function deleteByEmail(db: Db, email: string): Promise<number> {
  // Sign-in attempts are kept under the address, and e-mail requests (verification, reset) under `mail:<address>`.
  const attempts = affected(await db.execute(sql`DELETE FROM login_attempts WHERE lower(email) IN (${email}, ${`mail:${email}`})`));
  const mailbox = affected(await db.execute(sql`DELETE FROM dev_mailbox WHERE lower(to_addresses::text) LIKE ${`%${email}%`}`));
  const invitations = affected(await db.execute(sql`DELETE FROM invitations WHERE email = ${email}`));
  return attempts + invitations + mailbox;
}
