import { and, desc, eq, gte, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import { auditLog, type Db } from '@adloop/db';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilters {
  /** Exact action, or a prefix such as `member.` when `actionPrefix` is set. */
  action?: { value: string; isPrefix: boolean };
  actorType?: AuditRow['actorType'];
  targetType?: string;
  from?: Date;
  to?: Date;
}

/** `%` and `_` in a prefix are literal characters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Reads the append-only audit log; writes go through audit.writer.ts only. */
function filterConditions(filters: AuditFilters, beforeId: number | null): (SQL | undefined)[] {
  return [
    beforeId === null ? undefined : lt(auditLog.id, beforeId),
    filters.action
      ? filters.action.isPrefix
        ? like(auditLog.action, `${escapeLike(filters.action.value)}%`)
        : eq(auditLog.action, filters.action.value)
      : undefined,
    filters.actorType ? eq(auditLog.actorType, filters.actorType) : undefined,
    filters.targetType ? eq(auditLog.targetType, filters.targetType) : undefined,
    filters.from ? gte(auditLog.createdAt, filters.from) : undefined,
    filters.to ? lt(auditLog.createdAt, filters.to) : undefined,
  ];
}

export function createAuditRepository(db: Db) {
  return {
    /** Newest first by id, which increases with insertion; uses index (org_id, id). */
    async list(orgId: string, filters: AuditFilters, page: { beforeId: number | null; limit: number }): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, orgId), ...filterConditions(filters, page.beforeId)))
        .orderBy(desc(auditLog.id))
        .limit(page.limit);
    },

    /**
     * A person's own account activity (sign-ins, password, MFA, sessions): rows outside any
     * organisation that they did or that were done to their account.
     */
    async listForUser(userId: string, filters: AuditFilters, page: { beforeId: number | null; limit: number }): Promise<AuditRow[]> {
      const mine = or(eq(auditLog.actorId, userId), and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId)));
      return db
        .select()
        .from(auditLog)
        .where(and(isNull(auditLog.orgId), mine, ...filterConditions(filters, page.beforeId)))
        .orderBy(desc(auditLog.id))
        .limit(page.limit);
    },
  };
}
