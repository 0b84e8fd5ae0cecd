import { and, count, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { aiSettings, aiSpendMonths, aiUsage, copyGenerations, organizations } from '@adloop/db';
import type { AiCall, AiSettings, AiSettingsBody, AiUsage, BrandVoice, OperatorAiUsage } from '@adloop/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import type { OrgAccess, UserActor } from '../auth/auth.guard.ts';
import { roleCan } from '../orgs/permissions.ts';
import { aiAvailable, usageMonth } from './metering.ts';
import { getAiSettings, saveAiSettings, type StoredAiSettings } from './settings.repository.ts';

const canEdit = (access: OrgAccess) => access.role !== null && roleCan(access.role, 'ai:settings');
const canChangeCap = (access: OrgAccess) => access.role !== null && roleCan(access.role, 'ai:cap');

function presentSettings(ctx: AppContext, access: OrgAccess, stored: StoredAiSettings): AiSettings {
  const defaultCapMicros = ctx.config.ai.defaultMonthlyCapMicros;
  return {
    brandVoice: stored.brandVoice,
    monthlyCapMicros: stored.monthlyCapMicros,
    defaultCapMicros,
    capMicros: stored.monthlyCapMicros ?? defaultCapMicros,
    canChangeCap: canChangeCap(access),
    canEdit: canEdit(access),
    aiAvailable: aiAvailable(ctx),
    updatedAt: stored.updatedAt?.toISOString() ?? null,
    updatedBy: stored.updatedBy,
  };
}

export async function readAiSettings(ctx: AppContext, access: OrgAccess): Promise<AiSettings> {
  return presentSettings(ctx, access, await getAiSettings(ctx.db, access.orgId));
}

/**
 * Saves the brand voice and/or the monthly limit (what is not sent stays), audited with before and
 * after in the same transaction. Changing the limit is for owners and admins only.
 */
export async function updateAiSettings(ctx: AppContext, access: OrgAccess, source: AuditSource, body: AiSettingsBody): Promise<AiSettings> {
  const before = await getAiSettings(ctx.db, access.orgId);
  const capChanges = body.monthlyCapMicros !== undefined && body.monthlyCapMicros !== before.monthlyCapMicros;
  if (capChanges && !canChangeCap(access)) {
    throw new AppError('forbidden', 'monthlyCapMicros: only owners and admins can change the monthly AI limit', { issues: [{ location: 'body', field: 'monthlyCapMicros', message: 'only owners and admins can change the monthly AI limit' }] });
  }
  const brandVoice: BrandVoice = body.brandVoice
    ? { tone: body.brandVoice.tone ?? [], requiredTerms: body.brandVoice.requiredTerms ?? [], bannedTerms: body.brandVoice.bannedTerms ?? [], messageRestrictions: body.brandVoice.messageRestrictions ?? [] }
    : before.brandVoice;
  const clash = brandVoice.requiredTerms.find((term) => brandVoice.bannedTerms.some((banned) => banned.toLowerCase() === term.toLowerCase()));
  if (clash !== undefined) throw fieldError('brandVoice.bannedTerms', `"${clash}" is also a required term; a term cannot be both`);
  const monthlyCapMicros = body.monthlyCapMicros === undefined ? before.monthlyCapMicros : body.monthlyCapMicros;
  const at = ctx.clock.now();
  const actor = source.actor;
  const by = actor.kind === 'user' ? actor.email : actor.kind === 'api_key' ? actor.name : actor.label;
  await ctx.db.transaction(async (tx) => {
    await saveAiSettings(tx, access.orgId, { brandVoice, monthlyCapMicros }, at, by);
    const changes: Array<[string, unknown, unknown]> = [];
    if (body.brandVoice) changes.push(['brandVoice', before.brandVoice, brandVoice]);
    if (capChanges) changes.push(['monthlyCapMicros', before.monthlyCapMicros, monthlyCapMicros]);
    if (changes.length === 0) return;
    await recordAudit(tx, source, {
      orgId: access.orgId,
      action: capChanges ? 'ai.cap_changed' : 'ai.settings_updated',
      targetType: 'organization',
      targetId: access.orgId,
      before: Object.fromEntries(changes.map(([k, b]) => [k, b])),
      after: Object.fromEntries(changes.map(([k, , a]) => [k, a])),
    });
  });
  return presentSettings(ctx, access, { brandVoice, monthlyCapMicros, updatedAt: at, updatedBy: by });
}

type UsageRow = typeof aiUsage.$inferSelect;

const presentCall = (row: UsageRow): AiCall => ({
  id: row.id,
  feature: row.feature,
  userId: row.userId,
  userLabel: row.userLabel,
  provider: row.provider,
  model: row.model,
  status: row.status,
  tokensIn: row.tokensIn,
  tokensOut: row.tokensOut,
  costMicros: row.costMicros,
  reservedMicros: row.reservedMicros,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  settledAt: row.settledAt?.toISOString() ?? null,
});

/** The last row's time and id; anything else is refused as a cursor before it reaches the query. */
const Cursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);
const num = (value: unknown) => Number(value ?? 0);
const shareOf = (spent: number, cap: number) => (cap > 0 ? spent / cap : spent > 0 ? 1 : 0);

/** The first instant of month `YYYY-MM` and of the next one (UTC). */
function monthBounds(month: string): [Date, Date] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 1))];
}

/** Sums of a group of calls: sent calls count, refused ones cost nothing and are counted apart. */
const tally = {
  calls: sql<number>`count(*) filter (where ${aiUsage.status} <> 'refused')`,
  costMicros: sql<number>`coalesce(sum(${aiUsage.costMicros}), 0)`,
  tokensIn: sql<number>`coalesce(sum(${aiUsage.tokensIn}), 0)`,
  tokensOut: sql<number>`coalesce(sum(${aiUsage.tokensOut}), 0)`,
};
const toTally = (r: { calls: unknown; costMicros: unknown; tokensIn: unknown; tokensOut: unknown }) => ({ calls: num(r.calls), costMicros: num(r.costMicros), tokensIn: num(r.tokensIn), tokensOut: num(r.tokensOut) });

/** The organisation's AI usage for one month: spending against the limit, who and what spent it, recent calls. */
export async function readAiUsage(ctx: AppContext, orgId: string, query: { month?: string | undefined; cursor?: string | undefined; limit: number }): Promise<AiUsage> {
  const month = query.month ?? usageMonth(ctx.clock.now());
  const after = decodeCursor(query.cursor, Cursor);
  const db = ctx.db;
  const inMonth = and(eq(aiUsage.orgId, orgId), eq(aiUsage.month, month));
  // One read after another: the embedded database has one connection.
  const settings = await getAiSettings(db, orgId);
  const [spend] = await db.select().from(aiSpendMonths).where(and(eq(aiSpendMonths.orgId, orgId), eq(aiSpendMonths.month, month)));
  const [totals] = await db
    .select({ ...tally, refused: sql<number>`count(*) filter (where ${aiUsage.status} = 'refused')`, failed: sql<number>`count(*) filter (where ${aiUsage.status} = 'failed')` })
    .from(aiUsage)
    .where(inMonth);
  const byCost = desc(sql`coalesce(sum(${aiUsage.costMicros}), 0)`);
  const byUser = await db.select({ userId: aiUsage.userId, userLabel: sql<string | null>`max(${aiUsage.userLabel})`, ...tally }).from(aiUsage).where(inMonth).groupBy(aiUsage.userId).orderBy(byCost);
  const byFeature = await db.select({ feature: aiUsage.feature, ...tally }).from(aiUsage).where(inMonth).groupBy(aiUsage.feature).orderBy(byCost);
  const recent = await db
    .select()
    .from(aiUsage)
    .where(after ? and(inMonth, or(lt(aiUsage.createdAt, new Date(after[0])), and(eq(aiUsage.createdAt, new Date(after[0])), lt(aiUsage.id, after[1])))) : inMonth)
    .orderBy(desc(aiUsage.createdAt), desc(aiUsage.id))
    .limit(query.limit + 1);
  const [start, end] = monthBounds(month);
  const [generated] = await db.select({ n: count() }).from(copyGenerations).where(and(eq(copyGenerations.orgId, orgId), gte(copyGenerations.createdAt, start), lt(copyGenerations.createdAt, end)));
  const capMicros = settings.monthlyCapMicros ?? ctx.config.ai.defaultMonthlyCapMicros;
  const spentMicros = spend?.spentMicros ?? 0;
  return {
    month,
    capMicros,
    spentMicros,
    reservedMicros: spend?.reservedMicros ?? 0,
    share: shareOf(spentMicros, capMicros),
    warned: spend?.warnedAt != null,
    warnedAt: spend?.warnedAt?.toISOString() ?? null,
    cappedAt: spend?.cappedAt?.toISOString() ?? null,
    calls: num(totals?.calls),
    refused: num(totals?.refused),
    failed: num(totals?.failed),
    tokensIn: num(totals?.tokensIn),
    tokensOut: num(totals?.tokensOut),
    generations: num(generated?.n),
    byUser: byUser.map((r) => ({ userId: r.userId, userLabel: r.userLabel, ...toTally(r) })),
    byFeature: byFeature.map((r) => ({ feature: r.feature, ...toTally(r) })),
    recent: toPage(recent, query.limit, presentCall, (row) => [row.createdAt.toISOString(), row.id]),
  };
}

/** Operators are the people whose email the server's configuration lists; anyone else is told nothing exists. */
export function requireOperator(ctx: AppContext, user: UserActor): void {
  if (!ctx.config.ai.operatorEmails.includes(user.email.toLowerCase())) throw notFound('Page');
}

/** Every organisation's AI usage for one month (operators): calls, tokens, cost, limit, share; costliest first. */
export async function readOperatorAiUsage(ctx: AppContext, query: { month?: string | undefined }): Promise<OperatorAiUsage> {
  const month = query.month ?? usageMonth(ctx.clock.now());
  const db = ctx.db;
  const orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
  const caps = await db.select({ orgId: aiSettings.orgId, cap: aiSettings.monthlyCapMicros }).from(aiSettings);
  const spends = await db.select().from(aiSpendMonths).where(eq(aiSpendMonths.month, month));
  const usage = await db
    .select({ orgId: aiUsage.orgId, ...tally, refused: sql<number>`count(*) filter (where ${aiUsage.status} = 'refused')` })
    .from(aiUsage)
    .where(eq(aiUsage.month, month))
    .groupBy(aiUsage.orgId);
  const capOf = new Map(caps.map((c) => [c.orgId, c.cap]));
  const spendOf = new Map(spends.map((s) => [s.orgId, s]));
  const usageOf = new Map(usage.map((u) => [u.orgId, u]));
  const items = orgs.map((org) => {
    const u = usageOf.get(org.id);
    const s = spendOf.get(org.id);
    const capMicros = capOf.get(org.id) ?? ctx.config.ai.defaultMonthlyCapMicros;
    const t = u ? toTally(u) : { calls: 0, costMicros: 0, tokensIn: 0, tokensOut: 0 };
    return { orgId: org.id, orgName: org.name, ...t, refused: num(u?.refused), capMicros, share: shareOf(t.costMicros, capMicros), warned: s?.warnedAt != null };
  });
  items.sort((a, b) => b.costMicros - a.costMicros || b.calls - a.calls || a.orgName.localeCompare(b.orgName));
  const totals = items.reduce((sum, i) => ({ calls: sum.calls + i.calls, tokensIn: sum.tokensIn + i.tokensIn, tokensOut: sum.tokensOut + i.tokensOut, costMicros: sum.costMicros + i.costMicros }), { calls: 0, tokensIn: 0, tokensOut: 0, costMicros: 0 });
  return { month, items, totals };
}
