import { and, eq, inArray } from 'drizzle-orm';
import { adAccounts } from '@adloop/db';
import { StoredReportDefinition, type ReportDefinition, type ReportDefinitionBody, type ReportRun } from '@adloop/contracts';
import { nextReportRun } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { orgSettings } from '../metrics/report-scope.ts';
import { RUN_REPORT } from './reports.jobs.ts';
import * as repo from './reports.repository.ts';

/** Report definitions and their runs: create, change, schedule in the organisation's time zone, run now. */

export function presentDefinition(row: repo.DefinitionMeta): ReportDefinition {
  const stored = StoredReportDefinition.parse(row.definition);
  return {
    id: row.id,
    name: row.name,
    recipients: row.recipients,
    ...stored,
    hasLogo: row.logoType !== null,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentRun(row: repo.RunRow): ReportRun {
  return {
    id: row.id,
    definitionId: row.definitionId,
    trigger: row.trigger,
    state: row.state,
    progress: row.progress,
    error: row.error,
    since: row.since,
    until: row.until,
    pdfBytes: row.pdfBytes,
    sentTo: row.sentTo,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Whether the caller may see every account of a report (a member limited to some accounts sees only reports within them). */
export function canSeeReport(access: Pick<OrgAccess, 'accountIds'>, accountIds: readonly string[] | null): boolean {
  if (access.accountIds === null) return true;
  if (accountIds === null) return false;
  return accountIds.every((id) => access.accountIds!.includes(id));
}

/** A definition of the organisation the caller may see, or 404. */
export async function requireDefinition(ctx: AppContext, access: OrgAccess, reportId: string): Promise<repo.DefinitionMeta> {
  const row = await repo.findDefinition(ctx.db, access.orgId, reportId);
  if (!row || !canSeeReport(access, StoredReportDefinition.parse(row.definition).accountIds)) throw notFound('Report');
  return row;
}

async function checkAccounts(ctx: AppContext, access: OrgAccess, accountIds: string[] | null): Promise<void> {
  if (accountIds === null) {
    if (access.accountIds !== null) throw fieldError('accountIds', 'choose the ad accounts: you can report on your assigned accounts only');
    return;
  }
  const found = await ctx.db.select({ id: adAccounts.id }).from(adAccounts).where(and(eq(adAccounts.orgId, access.orgId), inArray(adAccounts.id, accountIds)));
  const known = new Set(found.map((a) => a.id));
  const index = accountIds.findIndex((id) => !known.has(id) || (access.accountIds !== null && !access.accountIds.includes(id)));
  if (index >= 0) throw fieldError(`accountIds.${index}`, 'is not an ad account of this organisation you can see');
}

async function nextRunOf(ctx: AppContext, orgId: string, schedule: ReportDefinitionBody['schedule']): Promise<Date | null> {
  const { timeZone } = await orgSettings(ctx.db, orgId);
  return nextReportRun(schedule, timeZone, ctx.clock.now());
}

const storedOf = (body: ReportDefinitionBody) => {
  const { name: _name, recipients: _recipients, ...rest } = body;
  return StoredReportDefinition.parse(rest);
};

export async function listReports(ctx: AppContext, access: OrgAccess): Promise<{ items: ReportDefinition[]; timeZone: string }> {
  const rows = await repo.listDefinitions(ctx.db, access.orgId);
  const { timeZone } = await orgSettings(ctx.db, access.orgId);
  return { items: rows.map(presentDefinition).filter((d) => canSeeReport(access, d.accountIds)), timeZone };
}

export async function createReport(ctx: AppContext, access: OrgAccess, source: AuditSource, body: ReportDefinitionBody): Promise<ReportDefinition> {
  await checkAccounts(ctx, access, body.accountIds);
  const nextRunAt = await nextRunOf(ctx, access.orgId, body.schedule);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertDefinition(tx, access.orgId, {
      name: body.name, definition: storedOf(body), frequency: body.schedule.frequency, recipients: body.recipients, nextRunAt,
      createdById: access.actor.kind === 'user' ? access.actor.userId : null, createdAt: now, updatedAt: now,
    });
    await recordAudit(tx, source, { orgId: access.orgId, action: 'report.created', targetType: 'report', targetId: row.id, after: { name: row.name, frequency: row.frequency } });
    return presentDefinition(row);
  });
}

export async function updateReport(ctx: AppContext, access: OrgAccess, source: AuditSource, reportId: string, body: ReportDefinitionBody): Promise<ReportDefinition> {
  const current = await requireDefinition(ctx, access, reportId);
  await checkAccounts(ctx, access, body.accountIds);
  const nextRunAt = await nextRunOf(ctx, access.orgId, body.schedule);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateDefinition(tx, access.orgId, reportId, {
      name: body.name, definition: storedOf(body), frequency: body.schedule.frequency, recipients: body.recipients, nextRunAt, updatedAt: ctx.clock.now(),
    });
    if (!row) throw notFound('Report');
    await recordAudit(tx, source, { orgId: access.orgId, action: 'report.updated', targetType: 'report', targetId: reportId, before: { name: current.name, frequency: current.frequency }, after: { name: row.name, frequency: row.frequency } });
    return presentDefinition(row);
  });
}

export async function deleteReport(ctx: AppContext, access: OrgAccess, source: AuditSource, reportId: string): Promise<void> {
  const current = await requireDefinition(ctx, access, reportId);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteDefinition(tx, access.orgId, reportId))) throw notFound('Report');
    await recordAudit(tx, source, { orgId: access.orgId, action: 'report.deleted', targetType: 'report', targetId: reportId, before: { name: current.name } });
  });
}

/** Queues a run now (the history shows it at once, with its progress). */
export async function runReportNow(ctx: AppContext, access: OrgAccess, reportId: string): Promise<ReportRun> {
  await requireDefinition(ctx, access, reportId);
  const running = (await repo.listRuns(ctx.db, access.orgId, reportId, 5)).find((r) => r.state === 'queued' || r.state === 'running');
  if (running) throw new AppError('conflict', 'This report is already being prepared; wait for it to finish.', { runId: running.id });
  return ctx.db.transaction(async (tx) => {
    const run = await repo.insertRun(tx, access.orgId, { definitionId: reportId, trigger: 'manual', requestedById: access.actor.kind === 'user' ? access.actor.userId : null, createdAt: ctx.clock.now() });
    await ctx.jobs.enqueue(RUN_REPORT, { orgId: access.orgId, runId: run.id }, { db: tx });
    return presentRun(run);
  });
}

/** Every 5 minutes: claims due scheduled reports (compare-and-set on the due time) and queues one run each. */
export async function reportsTick(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let queued = 0;
  for (const row of await repo.dueDefinitions(ctx.db, now, 500)) {
    const stored = StoredReportDefinition.parse(row.definition);
    const { timeZone } = await orgSettings(ctx.db, row.orgId);
    const next = nextReportRun(stored.schedule, timeZone, now);
    const claimed = await ctx.db.transaction(async (tx) => {
      if (!row.nextRunAt || !(await repo.claimDue(tx, row.orgId, row.id, row.nextRunAt, next))) return false;
      const run = await repo.insertRun(tx, row.orgId, { definitionId: row.id, trigger: 'schedule', requestedById: null, createdAt: now });
      await ctx.jobs.enqueue(RUN_REPORT, { orgId: row.orgId, runId: run.id }, { db: tx });
      return true;
    });
    if (claimed) queued += 1;
  }
  return queued;
}
