import { createHmac } from 'node:crypto';
import { StoredReportDefinition, type ReportData } from '@adloop/contracts';
import { dateInZone, reportPeriodRange } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { orgSettings } from '../metrics/report-scope.ts';
import { linkIdOf, linkPath } from './client-link.ts';
import { reportData } from './report-data.ts';
import { requireDefinition } from './reports.service.ts';
import * as repo from './reports.repository.ts';

/** Client report links: made for one report's accounts, expiring, revocable, every view logged. */

const DAY_MS = 24 * 60 * 60 * 1000;

function presentLink(ctx: AppContext, row: repo.LinkRow & { views?: number; lastViewedAt?: Date | null }) {
  return {
    id: row.id,
    label: row.label,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    views: Number(row.views ?? 0),
    lastViewedAt: row.lastViewedAt ? new Date(row.lastViewedAt).toISOString() : null,
    path: linkPath(ctx.secretKey, row.id),
  };
}

export async function createLink(ctx: AppContext, access: OrgAccess, source: AuditSource, reportId: string, body: { label: string; expiresInDays: number }) {
  const definition = await requireDefinition(ctx, access, reportId);
  const { accountIds } = StoredReportDefinition.parse(definition.definition);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertLink(tx, access.orgId, {
      definitionId: reportId, label: body.label, accountIds, expiresAt: new Date(now.getTime() + body.expiresInDays * DAY_MS),
      createdById: access.actor.kind === 'user' ? access.actor.userId : null, createdAt: now,
    });
    await recordAudit(tx, source, { orgId: access.orgId, action: 'report_link.created', targetType: 'report', targetId: reportId, after: { linkId: row.id, label: row.label, expiresAt: row.expiresAt.toISOString() } });
    return presentLink(ctx, row);
  });
}

export async function listLinks(ctx: AppContext, access: OrgAccess, reportId: string) {
  await requireDefinition(ctx, access, reportId);
  return { items: (await repo.listLinks(ctx.db, access.orgId, reportId)).map((row) => presentLink(ctx, row)) };
}

export async function revokeLink(ctx: AppContext, access: OrgAccess, source: AuditSource, reportId: string, linkId: string) {
  await requireDefinition(ctx, access, reportId);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.revokeLink(tx, access.orgId, reportId, linkId, ctx.clock.now());
    if (!row) throw notFound('Link');
    await recordAudit(tx, source, { orgId: access.orgId, action: 'report_link.revoked', targetType: 'report', targetId: reportId, after: { linkId } });
    return presentLink(ctx, row);
  });
}

export async function linkViews(ctx: AppContext, access: OrgAccess, reportId: string, linkId: string) {
  await requireDefinition(ctx, access, reportId);
  const links = await repo.listLinks(ctx.db, access.orgId, reportId);
  if (!links.some((l) => l.id === linkId)) throw notFound('Link');
  const views = await repo.listLinkViews(ctx.db, access.orgId, linkId);
  return { items: views.map((v) => ({ viewedAt: v.viewedAt.toISOString(), userAgent: v.userAgent })) };
}

/** The link a token names if it still works: 404 for a token this server did not sign, 410 once expired or revoked. */
export async function openLink(ctx: AppContext, token: string): Promise<repo.LinkRow> {
  const id = linkIdOf(ctx.secretKey, token);
  const link = id ? await repo.findLinkById(ctx.db, id) : null;
  if (!link) throw notFound('Report');
  if (link.revokedAt) throw new AppError('gone', 'This report link was turned off by the people who shared it.');
  if (link.expiresAt.getTime() <= ctx.clock.now().getTime()) throw new AppError('gone', 'This report link has expired. Ask for a new one.');
  return link;
}

/**
 * The live report behind a client link: the report's period ending yesterday, only the link's
 * accounts, and nothing else of the organisation. Logs the view (user agent, hashed address).
 */
export async function viewLinkedReport(ctx: AppContext, token: string, viewer: { userAgent: string | null; address: string | null }): Promise<ReportData> {
  const link = await openLink(ctx, token);
  const definition = await repo.findDefinition(ctx.db, link.orgId, link.definitionId);
  if (!definition) throw notFound('Report');
  const stored = StoredReportDefinition.parse(definition.definition);
  const { timeZone } = await orgSettings(ctx.db, link.orgId);
  const range = reportPeriodRange(stored.period, dateInZone(timeZone, ctx.clock.now()));
  const logo = await repo.findLogo(ctx.db, link.orgId, definition.id);
  // The link's own accounts, never the report's current ones: editing the report cannot widen a link already given out.
  const data = await reportData(ctx, { orgId: link.orgId, name: definition.name, definition: { ...stored, accountIds: link.accountIds }, hasLogo: logo !== null }, range);
  await repo.insertLinkView(ctx.db, link.orgId, {
    linkId: link.id, viewedAt: ctx.clock.now(), userAgent: viewer.userAgent?.slice(0, 300) ?? null,
    addressHash: viewer.address ? createHmac('sha256', Buffer.from(ctx.secretKey, 'hex')).update(`viewer|${viewer.address}`).digest('hex').slice(0, 32) : null,
  });
  return data;
}

export async function linkedLogo(ctx: AppContext, token: string): Promise<{ logo: Buffer; logoType: string } | null> {
  const link = await openLink(ctx, token);
  return repo.findLogo(ctx.db, link.orgId, link.definitionId);
}
