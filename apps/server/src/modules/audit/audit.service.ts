import { z } from 'zod';
import type { AuditEntry, AuditLogQuery } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { createAuditRepository, type AuditFilters, type AuditRow } from './audit.repository.ts';
import { auditTargetLabels } from './audit-targets.ts';

const AuditCursor = z.tuple([z.number().int().positive()]);

function present(row: AuditRow, labels: Map<string, string>): AuditEntry {
  return {
    id: String(row.id),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: labels.get(`${row.targetType}:${row.targetId}`) ?? null,
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Turns the query string into repository filters; `member.*` means every action starting `member.`. */
export function toAuditFilters(query: Omit<AuditLogQuery, 'cursor' | 'limit'>): AuditFilters {
  const action = query.action?.endsWith('.*')
    ? { value: query.action.slice(0, -1), isPrefix: true }
    : query.action !== undefined ? { value: query.action, isPrefix: false } : undefined;
  return {
    ...(action ? { action } : {}),
    ...(query.actorType ? { actorType: query.actorType } : {}),
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
  };
}

/** One page of a person's own account activity (not tied to an organisation), newest first. */
export async function listUserActivity(ctx: AppContext, userId: string, query: AuditLogQuery): Promise<Page<AuditEntry>> {
  const cursor = decodeCursor(query.cursor, AuditCursor);
  const rows = await createAuditRepository(ctx.db).listForUser(userId, toAuditFilters(query), {
    beforeId: cursor?.[0] ?? null,
    limit: query.limit + 1,
  });
  const labels = await auditTargetLabels(ctx.db, null, rows);
  return toPage(rows, query.limit, (row) => present(row, labels), (row) => [row.id]);
}

/** One page of an organisation's audit log, newest first. */
export async function listAuditLog(ctx: AppContext, orgId: string, query: AuditLogQuery): Promise<Page<AuditEntry>> {
  const cursor = decodeCursor(query.cursor, AuditCursor);
  const rows = await createAuditRepository(ctx.db).list(orgId, toAuditFilters(query), {
    beforeId: cursor?.[0] ?? null,
    limit: query.limit + 1,
  });
  const labels = await auditTargetLabels(ctx.db, orgId, rows);
  return toPage(rows, query.limit, (row) => present(row, labels), (row) => [row.id]);
}
