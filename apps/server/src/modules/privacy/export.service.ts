import { strToU8, zipSync, type Zippable } from 'fflate';
import { and, eq } from 'drizzle-orm';
import { memberships, organizations, users } from '@adloop/db';
import type { DataExport } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { exportTables, readExportRows, toCsv } from './export.collect.ts';
import { BUILD_EXPORT } from './export.jobs.ts';
import { createExportRepository, type ExportSummary } from './export.repository.ts';

/** Days an export's link works (the file is dropped after). */
export const EXPORT_TTL_DAYS = 7;
/** Version of the zip's layout, in `manifest.json` (docs/privacy.md). */
export const EXPORT_FORMAT_VERSION = 1;
const DAY_MS = 24 * 60 * 60 * 1000;

export function presentExport(row: ExportSummary, now: Date): DataExport {
  const expired = row.expiresAt.getTime() <= now.getTime();
  return {
    id: row.id, scope: row.scope, orgId: row.orgId, state: row.state, progress: row.progress, sizeBytes: row.sizeBytes, error: row.error,
    createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null, expiresAt: row.expiresAt.toISOString(), expired,
    downloadUrl: row.state === 'ready' && !expired ? `/api/v1/me/exports/${row.id}/download` : null,
  };
}

/**
 * Asks for an export of the person's own data (`orgId` null) or of an organisation (the caller
 * has checked they are its owner): the row and its job are created in one transaction.
 */
export async function requestExport(ctx: AppContext, userId: string, orgId: string | null): Promise<DataExport> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const created = await createExportRepository(tx).insert({ scope: orgId ? 'organization' : 'user', userId, orgId, createdAt: now, expiresAt: new Date(now.getTime() + EXPORT_TTL_DAYS * DAY_MS) });
    await ctx.jobs.enqueue(BUILD_EXPORT, { exportId: created.id }, { db: tx });
    return created;
  });
  return presentExport(row, now);
}

export async function listExports(ctx: AppContext, userId: string): Promise<DataExport[]> {
  const now = ctx.clock.now();
  return (await createExportRepository(ctx.db).listForUser(userId)).map((row) => presentExport(row, now));
}

export async function getExport(ctx: AppContext, userId: string, exportId: string): Promise<DataExport> {
  const row = await createExportRepository(ctx.db).findForUser(userId, exportId);
  if (!row) throw notFound('Export');
  return presentExport(row, ctx.clock.now());
}

/** The zip, for its requester only (404 for anyone else); 410 once expired, 409 while being built. */
export async function downloadExport(ctx: AppContext, userId: string, exportId: string): Promise<{ name: string; bytes: Buffer }> {
  const repo = createExportRepository(ctx.db);
  const row = await repo.findForUser(userId, exportId);
  if (!row) throw notFound('Export');
  if (row.expiresAt.getTime() <= ctx.clock.now().getTime()) throw new AppError('gone', 'This export has expired: ask for a new one');
  if (row.state !== 'ready') throw new AppError('conflict', 'This export is not ready yet');
  if (row.orgId) {
    const [owner] = await ctx.db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, row.orgId), eq(memberships.userId, userId))).limit(1);
    if (owner?.role !== 'owner') throw notFound('Export');
  }
  const bytes = await repo.fileForUser(userId, exportId);
  if (!bytes) throw new AppError('gone', 'This export has expired: ask for a new one');
  return { name: `adloop-${row.scope}-export-${row.createdAt.toISOString().slice(0, 10)}.zip`, bytes };
}

/**
 * The export job: every table holding the subject's rows as `json/<table>.json` and
 * `csv/<table>.csv`, with `manifest.json` (docs/privacy.md), progress saved per table; then the
 * link is emailed. Idempotent: a re-run rebuilds the same file; a ready export is left alone.
 */
export async function buildExport(ctx: AppContext, exportId: string): Promise<void> {
  const repo = createExportRepository(ctx.db);
  const row = await repo.findForJob(exportId);
  if (!row || row.state === 'ready') return;
  await repo.update(exportId, { state: 'running', progress: 0, error: null });
  const subjectId = row.orgId ?? row.userId;
  const tables = await exportTables(ctx.db, row.orgId ? 'organization' : 'user');
  const files: Zippable = {};
  const counts: Record<string, number> = {};
  for (const [index, table] of tables.entries()) {
    const rows = await readExportRows(ctx.db, table, subjectId);
    counts[table.table] = rows.length;
    files[`json/${table.table}.json`] = strToU8(JSON.stringify(rows, null, 2));
    files[`csv/${table.table}.csv`] = strToU8(toCsv(table.columns, rows));
    await repo.update(exportId, { progress: Math.floor(((index + 1) / tables.length) * 95) });
  }
  const now = ctx.clock.now();
  const manifest = { format: 'adloop-data-export', version: EXPORT_FORMAT_VERSION, scope: row.scope, subjectId, generatedAt: now.toISOString(), tables: tables.map((t) => ({ name: t.table, key: t.keyColumn, columns: t.columns, rows: counts[t.table] ?? 0 })) };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  const zip = Buffer.from(zipSync(files, { level: 6 }));
  await repo.update(exportId, { state: 'ready', progress: 100, file: zip, sizeBytes: zip.length, finishedAt: now });
  await emailLink(ctx, row, now);
  ctx.logger.info({ exportId, scope: row.scope, tables: tables.length, bytes: zip.length }, 'privacy: export ready');
}

async function emailLink(ctx: AppContext, row: ExportSummary, now: Date): Promise<void> {
  const [user] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, row.userId)).limit(1);
  if (!user) return;
  const [org] = row.orgId ? await ctx.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, row.orgId)).limit(1) : [];
  const what = org ? `${org.name}'s data` : 'your data';
  const link = `${ctx.config.publicUrl}/api/v1/me/exports/${row.id}/download`;
  const until = row.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
  const text = [`The export of ${what} is ready.`, '', `Download it (signed in as ${user.email}): ${link}`, `The link works until ${until} UTC.`, '', `Requested ${now.toISOString().slice(0, 10)}. If you did not ask for it, change your password.`].join('\n');
  const html = `<p>The export of ${escape(what)} is ready.</p><p><a href="${link}">Download it</a> (signed in as ${escape(user.email)}). The link works until ${until} UTC.</p><p>If you did not ask for it, change your password.</p>`;
  await ctx.mailer.send({ to: user.email, subject: 'Your Adloop data export is ready', text, html });
}

const escape = (value: string): string => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Marks a failed export (after its last retry) so the page says so. */
export async function failExport(ctx: AppContext, exportId: string, error: string): Promise<void> {
  await createExportRepository(ctx.db).update(exportId, { state: 'failed', error: error.slice(0, 500) });
}
