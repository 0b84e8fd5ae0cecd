import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { adAccounts, auditLog, campaigns, platformConnections, type Db } from '@adloop/db';
import { CHANGE_STATES } from '@adloop/contracts';

/** Narrows to the caller's accounts: null means every account of the organisation. */
const inAccounts = (column: typeof adAccounts.id | typeof campaigns.adAccountId, accountIds: readonly string[] | null): SQL | undefined =>
  accountIds === null ? undefined : inArray(column, [...accountIds]);

/** The organisation's added, non-manager ad accounts (of `accountIds` when given), with their connection's state. */
export async function listImportAccounts(db: Db, orgId: string, accountIds: readonly string[] | null) {
  if (accountIds !== null && accountIds.length === 0) return [];
  return db
    .select({ account: adAccounts, connectionStatus: platformConnections.status })
    .from(adAccounts)
    .innerJoin(platformConnections, and(eq(platformConnections.id, adAccounts.connectionId), eq(platformConnections.orgId, adAccounts.orgId)))
    .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.selected, true), eq(adAccounts.isManager, false), inAccounts(adAccounts.id, accountIds)));
}

/** The mirrored campaigns of those accounts: what change rows are matched against. */
export async function listImportCampaigns(db: Db, orgId: string, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db
    .select({
      id: campaigns.id,
      adAccountId: campaigns.adAccountId,
      platformId: campaigns.platformId,
      name: campaigns.name,
      status: campaigns.status,
      dailyBudgetMicros: campaigns.dailyBudgetMicros,
      lifetimeBudgetMicros: campaigns.lifetimeBudgetMicros,
      currency: campaigns.currency,
    })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), inArray(campaigns.adAccountId, [...accountIds])));
}

/** What earlier applies with this key did, by line: rows they sent, and new-campaign rows they began sending. */
export interface EarlierRows {
  sent: Map<number, SentRow>;
  /** Lines whose campaign creation began (the platform may have it) with no record of how it ended. */
  begun: Set<number>;
}

/**
 * Rows earlier applies with this key sent (kept on their audit rows), by line: what a repeated apply
 * answers instead of sending again; and the new-campaign rows an apply began sending but never
 * recorded as sent (it stopped in between: the campaign may exist).
 */
export async function findSentRows(db: Db, orgId: string, idempotencyKey: string, kind: string): Promise<EarlierRows> {
  const rows = await db
    .select({ action: auditLog.action, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), inArray(auditLog.action, [IMPORT_AUDIT_ACTION, IMPORT_ROW_SENT, IMPORT_ROW_BEGUN, IMPORT_ROW_REFUSED]), eq(auditLog.targetType, 'import'), eq(auditLog.targetId, idempotencyKey)));
  const sent = new Map<number, SentRow>();
  /** Per line: creations begun minus those that ended in a refusal. */
  const open = new Map<number, number>();
  for (const { action, after } of rows) {
    if (action === IMPORT_ROW_BEGUN || action === IMPORT_ROW_REFUSED) {
      const parsed = BegunRow.safeParse(after);
      if (parsed.success && parsed.data.kind === kind) open.set(parsed.data.line, (open.get(parsed.data.line) ?? 0) + (action === IMPORT_ROW_BEGUN ? 1 : -1));
      continue;
    }
    const parsed = AuditedImport.safeParse(after);
    if (!parsed.success || parsed.data.kind !== kind) continue;
    for (const row of parsed.data.sent) sent.set(row.line, row);
  }
  // Begun and ended (sent, or refused by the platform's checks) leaves nothing unknown.
  const begun = new Set([...open].filter(([line, count]) => count > 0 && !sent.has(line)).map(([line]) => line));
  return { sent, begun };
}

export const IMPORT_AUDIT_ACTION = 'import.applied';
/** A new-campaign row about to be sent (recorded before the platform call) and one sent (recorded right after). */
export const IMPORT_ROW_BEGUN = 'import.row_begun';
export const IMPORT_ROW_SENT = 'import.row_sent';
export const IMPORT_ROW_REFUSED = 'import.row_refused';

/** What an import's audit row keeps of its sent rows (`after.sent`). */
const SentRow = z.object({ line: z.number().int(), changeId: z.string().nullable(), campaignId: z.string().nullable(), state: z.enum(CHANGE_STATES).nullable() });
export type SentRow = z.infer<typeof SentRow>;
const AuditedImport = z.object({ kind: z.string(), sent: z.array(SentRow) });
const BegunRow = z.object({ kind: z.string(), line: z.number().int() });
