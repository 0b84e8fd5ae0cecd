import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { aiSpendMonths, aiUsage, AI_FEATURES, type Db } from '@adloop/db';
import { costMicros, worstCaseCostMicros, type LlmClient, type TokenUsage } from '@adloop/ai';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { emitNotification } from '../notifications/emit.ts';
import { getAiSettings } from './settings.repository.ts';

export type AiFeature = (typeof AI_FEATURES)[number];

/** Who asks for an AI call and what for: usage is counted per organisation, person and feature. */
export interface AiCaller {
  orgId: string;
  /** null: one of Adloop's own jobs. */
  userId: string | null;
  userLabel: string | null;
  feature: AiFeature;
}

/** What the call may cost at most: its prompt (estimated tokens) and the longest answer it allows. */
export interface MeteredPlan {
  promptTokens: number;
  maxOutputTokens: number;
  /** The model asked for, if any; otherwise each provider's default. */
  model?: string;
}

/** What the metered function returns: its value and what the provider reported (billing uses `usage`). */
export interface MeteredOutcome<T> {
  value: T;
  usage: TokenUsage;
  provider: string;
  model: string;
}

export interface MeteredResult<T> {
  value: T;
  /** The `ai_usage` row of this call. */
  usageId: string;
  costMicros: number;
  provider: string;
  model: string;
}

/** The share of the cap at which owners and admins are warned, once a month. */
export const AI_WARNING_SHARE = 0.8;

/** 402 `ai_cap_reached`: the call was not sent. */
export class AiCapReachedError extends AppError {
  constructor(details: { capMicros: number; spentMicros: number; reservedMicros: number; worstCaseMicros: number; month: string }) {
    super('ai_cap_reached', 'Your organisation has reached its monthly AI limit, so nothing was sent to the AI provider. You can still write and publish ads yourself; an owner or admin can raise the limit in AI settings.', details);
    this.name = 'AiCapReachedError';
  }
}

/**
 * Thrown by a metered function that failed after the provider answered (for example, its answer did
 * not parse): the real usage is still counted.
 */
export class AiCallFailedAfterUsage extends Error {
  constructor(
    override readonly cause: unknown,
    readonly outcome: Omit<MeteredOutcome<unknown>, 'value'>,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'AiCallFailedAfterUsage';
  }
}

/** False when no provider is configured (production mode without a key): copy then comes from the template grammar. */
export function aiAvailable(ctx: Pick<AppContext, 'ai'>): boolean {
  return ctx.ai.client !== null;
}

/** UTC calendar month `YYYY-MM`, the unit of the cap. */
export function usageMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The cap in force: the organisation's own, else the server's default allowance. */
export async function monthlyCapMicros(ctx: Pick<AppContext, 'config'>, db: Db, orgId: string): Promise<number> {
  const settings = await getAiSettings(db, orgId);
  return settings.monthlyCapMicros ?? ctx.config.ai.defaultMonthlyCapMicros;
}

/** The most the call can cost whichever provider of the chain answers (the most expensive one counts). */
export function worstCaseFor(client: LlmClient, plan: MeteredPlan): { worstCaseMicros: number; provider: string; model: string } {
  const providers = client.registry.list();
  const first = providers[0];
  if (!first) throw new AppError('unavailable', 'No AI provider is configured');
  let worstCaseMicros = 0;
  for (const provider of providers) {
    const model = plan.model && provider.models.some((m) => m.id === plan.model) ? plan.model : provider.defaultModel;
    worstCaseMicros = Math.max(worstCaseMicros, worstCaseCostMicros(provider.capabilities(model), plan.promptTokens, plan.maxOutputTokens));
  }
  const model = plan.model && first.models.some((m) => m.id === plan.model) ? plan.model : first.defaultModel;
  return { worstCaseMicros, provider: first.id, model };
}

/** The real cost from the provider's token counts and the catalog's (or configured) prices. */
function realCostMicros(client: LlmClient, outcome: Omit<MeteredOutcome<unknown>, 'value'>): number {
  const model = client.registry.models().find((m) => m.id === outcome.model);
  if (!model) {
    // A model outside the catalog: priced as the most expensive one, never as free.
    const dearest = client.registry.models().reduce((a, b) => (a.pricePerMillion.outputUsd >= b.pricePerMillion.outputUsd ? a : b));
    return costMicros(dearest, outcome.usage);
  }
  return costMicros(model, outcome.usage);
}

/**
 * One AI call under the organisation's monthly cap.
 *
 * Before: the worst-case cost is reserved with one compare-and-set UPDATE of the month's row
 * (`reserved + spent + worst <= cap`), so concurrent calls can never cross the cap together; a
 * refused call is recorded (`refused`, `capped_at`) and never sent: `AiCapReachedError` (402).
 * After: the reservation is released and the real cost (the provider's token counts × prices) is
 * spent; the row is `settled`, or `failed` keeping any real cost. The first time the month's
 * spending reaches 80 % of the cap, owners and admins get a notification and an email (once).
 */
export async function meteredCall<T>(
  ctx: AppContext,
  caller: AiCaller,
  plan: MeteredPlan,
  call: (client: LlmClient) => Promise<MeteredOutcome<T>>,
): Promise<MeteredResult<T>> {
  const client = ctx.ai.client;
  if (!client) throw new AppError('unavailable', 'No AI provider is configured on this server; write the copy yourself or use the template suggestions.');
  const planned = worstCaseFor(client, plan);
  const worst = planned.worstCaseMicros;
  const reservedAt = ctx.clock.now();
  const month = usageMonth(reservedAt);
  const capMicros = await monthlyCapMicros(ctx, ctx.db, caller.orgId);
  const base = { orgId: caller.orgId, userId: caller.userId, userLabel: caller.userLabel, feature: caller.feature, provider: planned.provider, model: planned.model, month, reservedMicros: worst, createdAt: reservedAt };

  const reservation = await ctx.db.transaction(async (tx) => {
    await tx.insert(aiSpendMonths).values({ orgId: caller.orgId, month }).onConflictDoNothing();
    const [held] = await tx
      .update(aiSpendMonths)
      .set({ reservedMicros: sql`${aiSpendMonths.reservedMicros} + ${worst}` })
      .where(and(eq(aiSpendMonths.orgId, caller.orgId), eq(aiSpendMonths.month, month), sql`${aiSpendMonths.reservedMicros} + ${aiSpendMonths.spentMicros} + ${worst} <= ${capMicros}`))
      .returning({ orgId: aiSpendMonths.orgId });
    if (held) {
      const [row] = await tx.insert(aiUsage).values({ ...base, status: 'reserved' }).returning({ id: aiUsage.id });
      return { ok: true as const, usageId: row!.id };
    }
    const [state] = await tx
      .update(aiSpendMonths)
      .set({ cappedAt: sql`coalesce(${aiSpendMonths.cappedAt}, ${reservedAt.toISOString()}::timestamptz)` })
      .where(and(eq(aiSpendMonths.orgId, caller.orgId), eq(aiSpendMonths.month, month)))
      .returning({ reservedMicros: aiSpendMonths.reservedMicros, spentMicros: aiSpendMonths.spentMicros });
    await tx.insert(aiUsage).values({ ...base, reservedMicros: 0, status: 'refused', error: 'monthly AI limit reached', settledAt: reservedAt });
    // Every refusal of the month folds into one notice (its incident stays open for the month).
    await emitNotification(ctx, tx, {
      orgId: caller.orgId,
      kind: 'ai.usage_100',
      title: "AI spending reached this month's limit",
      body: `AI features are paused until next month (${month} limit reached). People can still write ads themselves; owners and admins can raise the limit in AI settings.`,
      link: `/orgs/${caller.orgId}/settings/ai-usage`,
      incidentKey: `ai-usage-100:${month}`,
      data: { month, capMicros },
    });
    return { ok: false as const, spentMicros: state?.spentMicros ?? 0, reservedMicros: state?.reservedMicros ?? 0 };
  });
  if (!reservation.ok) {
    ctx.logger.info({ orgId: caller.orgId, feature: caller.feature, month, capMicros, worstCaseMicros: worst }, 'AI call refused at the monthly cap');
    throw new AiCapReachedError({ capMicros, spentMicros: reservation.spentMicros, reservedMicros: reservation.reservedMicros, worstCaseMicros: worst, month });
  }

  let outcome: MeteredOutcome<T>;
  try {
    outcome = await call(client);
  } catch (error) {
    const known = error instanceof AiCallFailedAfterUsage ? error.outcome : null;
    const cost = known ? realCostMicros(client, known) : 0;
    await settle(ctx, caller, month, capMicros, reservation.usageId, worst, {
      status: 'failed',
      costMicros: cost,
      provider: known?.provider ?? planned.provider,
      model: known?.model ?? planned.model,
      usage: known?.usage ?? { inputTokens: 0, outputTokens: 0 },
      error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
    }).catch((settleError: unknown) => ctx.logger.error({ err: settleError, usageId: reservation.usageId }, 'could not settle a failed AI call'));
    throw error instanceof AiCallFailedAfterUsage ? error.cause : error;
  }
  const cost = realCostMicros(client, outcome);
  if (cost > worst) ctx.logger.warn({ orgId: caller.orgId, feature: caller.feature, costMicros: cost, worstCaseMicros: worst, usage: outcome.usage }, 'an AI call cost more than its planned worst case: its plan undercounts the tokens it may use');
  await settle(ctx, caller, month, capMicros, reservation.usageId, worst, { status: 'settled', costMicros: cost, provider: outcome.provider, model: outcome.model, usage: outcome.usage, error: null });
  return { value: outcome.value, usageId: reservation.usageId, costMicros: cost, provider: outcome.provider, model: outcome.model };
}

interface Settlement {
  status: 'settled' | 'failed';
  costMicros: number;
  provider: string;
  model: string;
  usage: TokenUsage;
  error: string | null;
}

/** Releases the reservation, spends the real cost, and warns owners and admins once at 80 %. */
async function settle(ctx: AppContext, caller: AiCaller, month: string, capMicros: number, usageId: string, worst: number, s: Settlement): Promise<void> {
  const at = ctx.clock.now();
  const warned = await ctx.db.transaction(async (tx) => {
    // Only a call still holding its reservation releases it: one the stale sweep already released does not again.
    const [held] = await tx
      .update(aiUsage)
      .set({ status: s.status, provider: s.provider, model: s.model, tokensIn: s.usage.inputTokens, tokensOut: s.usage.outputTokens, costMicros: s.costMicros, error: s.error, settledAt: at })
      .where(and(eq(aiUsage.id, usageId), eq(aiUsage.status, 'reserved')))
      .returning({ id: aiUsage.id });
    if (!held) {
      await tx
        .update(aiUsage)
        .set({ provider: s.provider, model: s.model, tokensIn: s.usage.inputTokens, tokensOut: s.usage.outputTokens, costMicros: s.costMicros, settledAt: at })
        .where(eq(aiUsage.id, usageId));
    }
    const release = held ? worst : 0;
    await tx
      .update(aiSpendMonths)
      .set({ reservedMicros: sql`greatest(${aiSpendMonths.reservedMicros} - ${release}, 0)`, spentMicros: sql`${aiSpendMonths.spentMicros} + ${s.costMicros}` })
      .where(and(eq(aiSpendMonths.orgId, caller.orgId), eq(aiSpendMonths.month, month)));
    if (capMicros <= 0) return 0;
    const [first] = await tx
      .update(aiSpendMonths)
      .set({ warnedAt: at })
      .where(and(eq(aiSpendMonths.orgId, caller.orgId), eq(aiSpendMonths.month, month), isNull(aiSpendMonths.warnedAt), sql`${aiSpendMonths.spentMicros} >= ${Math.ceil(capMicros * AI_WARNING_SHARE)}`))
      .returning({ spentMicros: aiSpendMonths.spentMicros });
    if (!first) return 0;
    return warnAdmins(ctx, tx, caller.orgId, month, first.spentMicros, capMicros);
  });
  await announceNotifications(ctx, caller.orgId, warned);
}

/** A call holding its reservation longer than this was cut off (the process stopped): the sweep releases it. */
export const STALE_RESERVATION_MS = 15 * 60 * 1000;

/**
 * Releases the reservations of calls that never settled (the process stopped mid-call), so they
 * stop counting against the cap: each becomes `failed` and its worst case leaves `reserved`.
 */
export async function releaseStaleReservations(ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>, olderThanMs = STALE_RESERVATION_MS): Promise<number> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - olderThanMs);
  const released = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(aiUsage)
      .set({ status: 'failed', error: 'interrupted before it finished; its reservation was released', settledAt: now })
      .where(and(eq(aiUsage.status, 'reserved'), lt(aiUsage.createdAt, cutoff)))
      .returning({ orgId: aiUsage.orgId, month: aiUsage.month, reservedMicros: aiUsage.reservedMicros });
    const byMonth = new Map<string, { orgId: string; month: string; micros: number }>();
    for (const row of rows) {
      const key = `${row.orgId} ${row.month}`;
      const entry = byMonth.get(key) ?? { orgId: row.orgId, month: row.month, micros: 0 };
      entry.micros += row.reservedMicros;
      byMonth.set(key, entry);
    }
    for (const { orgId, month, micros } of byMonth.values()) {
      await tx
        .update(aiSpendMonths)
        .set({ reservedMicros: sql`greatest(${aiSpendMonths.reservedMicros} - ${micros}, 0)` })
        .where(and(eq(aiSpendMonths.orgId, orgId), eq(aiSpendMonths.month, month)));
    }
    return rows.length;
  });
  if (released > 0) ctx.logger.warn({ released }, 'released the reservations of AI calls that never finished');
  return released;
}

const usd = (micros: number) => `$${(micros / 1_000_000).toFixed(2)}`;

/** The 80 % warning to owners and admins (the bell and, by their preferences, email), in the caller's transaction. */
async function warnAdmins(ctx: AppContext, db: Db, orgId: string, month: string, spentMicros: number, capMicros: number): Promise<number> {
  const share = Math.floor((spentMicros / capMicros) * 100);
  const eventId = await emitNotification(ctx, db, {
    orgId,
    kind: 'ai.usage_80',
    title: `AI spending reached ${share} % of this month's limit`,
    body: `${usd(spentMicros)} of ${usd(capMicros)} used in ${month}. When the limit is reached, AI features stop until next month; people can still write ads themselves. Owners and admins can change the limit in AI settings.`,
    link: `/orgs/${orgId}/settings/ai-usage`,
    incidentKey: `ai-usage-80:${month}`,
    data: { month, spentMicros, capMicros },
  });
  return eventId ? 1 : 0;
}
