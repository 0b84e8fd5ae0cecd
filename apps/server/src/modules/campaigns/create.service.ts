import { and, eq, sql } from 'drizzle-orm';
import { adAccounts, campaigns, platformConnections } from '@adloop/db';
import type { CampaignRow, NewCampaignBody, PlatformId } from '@adloop/contracts';
import { COUNTRY_CODES, PlatformError, type NewCampaignSpec } from '@adloop/platforms';
import type { z } from 'zod';

type NewCampaign = z.infer<typeof NewCampaignBody>;
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { loadTokens } from '../sync/sync.service.ts';
import { SYNC_ACCOUNT } from '../sync/sync.jobs.ts';
import { emptyTotals, toKpis } from '@adloop/engine';
import { actorColumns, actorOf, type ChangeActor } from '../changes/actor.ts';
import { insertChanges, updateChangeFrom } from '../changes/changes.repository.ts';
import { describeCreation } from './create.summary.ts';
import { assertWithinPlan } from '../billing/limits.ts';

/** What the wizard offers per platform: from each adapter's capabilities and the organisation's account currencies. */
export async function creationOptions(ctx: AppContext, orgId: string) {
  const rows = await ctx.db
    .selectDistinct({ platform: adAccounts.platform, currency: adAccounts.currency })
    .from(adAccounts)
    .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.selected, true)));
  return {
    countries: [...COUNTRY_CODES],
    platforms: ctx.platforms.registry.list().map((adapter) => {
      const c = adapter.capabilities;
      const currencies = rows.filter((r) => r.platform === adapter.id).map((r) => r.currency);
      return {
        platform: adapter.id as PlatformId,
        objectives: [...c.objectives],
        objectiveLabels: Object.fromEntries(c.objectives.map((o) => [o, c.objectiveLabels[o] ?? o])),
        keywordMatchTypes: c.keywordMatchTypes ? [...c.keywordMatchTypes] : null,
        imageUpload: c.imageUpload ? { maxBytes: c.imageUpload.maxBytes, contentTypes: [...c.imageUpload.contentTypes], ...(c.imageUpload.label ? { label: c.imageUpload.label } : {}) } : null,
        videoUpload: c.videoUpload ? { maxBytes: c.videoUpload.maxBytes, contentTypes: [...c.videoUpload.contentTypes] } : null,
        ages: c.ages.kind === 'range' ? { kind: 'range' as const, min: c.ages.min, max: c.ages.max } : { kind: 'buckets' as const, buckets: c.ages.buckets.map((b) => ({ ...b })) },
        lifetimeBudgets: c.lifetimeBudgets,
        adText: {
          headline: { max: c.adText.headline.max, required: c.adText.headline.required, ...(c.adText.headline.count ? { count: c.adText.headline.count } : {}) },
          description: { max: c.adText.description.max, required: c.adText.description.required, ...(c.adText.description.label ? { label: c.adText.description.label } : {}), ...(c.adText.description.count ? { count: c.adText.description.count } : {}) },
          callToActions: c.adText.callToActions ? [...c.adText.callToActions] : null,
          countsWide: c.adText.countsWide,
        },
        requiredAdAssets: [...c.requiredAdAssets],
        minDailyBudgetMicros: Object.fromEntries(currencies.map((currency) => [currency, c.minDailyBudgetMicros(currency)])),
      };
    }),
  };
}

/**
 * Creates a campaign with one ad group and one ad on the account's platform (the adapter checks
 * every platform rule before sending), mirrors it at once, audits it, and queues a sync.
 */
export async function createCampaign(ctx: AppContext, access: OrgAccess, source: AuditSource, body: z.infer<typeof NewCampaignBody>): Promise<{ campaign: CampaignRow }> {
  return createOnPlatform(ctx, access.orgId, actorOf(access.actor), source, body, { accountIds: access.accountIds, proposal: null });
}

/**
 * The creation itself, for a person's direct launch or an approved proposal (`proposal`: the proposed
 * `campaign` change, which then becomes the history's creation entry instead of a new one).
 */
export async function createOnPlatform(
  ctx: AppContext,
  orgId: string,
  actor: ChangeActor,
  source: AuditSource,
  body: NewCampaign,
  options: { accountIds: readonly string[] | null; proposal: { id: string } | null },
): Promise<{ campaign: CampaignRow }> {
  const [row] = await ctx.db
    .select({ account: adAccounts, connection: platformConnections })
    .from(adAccounts)
    .innerJoin(platformConnections, and(eq(platformConnections.id, adAccounts.connectionId), eq(platformConnections.orgId, adAccounts.orgId)))
    .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, body.adAccountId)));
  if (!row || !row.account.selected || (options.accountIds !== null && !options.accountIds.includes(row.account.id))) throw fieldError('adAccountId', 'is not an account added to this organisation');
  const { account, connection } = row;
  if (connection.status !== 'active') throw new AppError('conflict', 'This account’s connection needs to be reconnected first');
  if (!ctx.platforms.registry.has(account.platform)) throw fieldError('adAccountId', 'is on a platform this installation cannot reach');
  await assertWithinPlan(ctx, ctx.db, orgId, 'campaigns');
  const spec: NewCampaignSpec = {
    name: body.name,
    objective: body.objective,
    status: body.status,
    budget: { kind: body.budget.kind, amount: { micros: body.budget.amountMicros, currency: account.currency } },
    startDate: body.startDate,
    endDate: body.endDate,
    adGroup: { name: body.adGroup.name, countries: body.adGroup.countries, ageMin: body.adGroup.ageMin, ageMax: body.adGroup.ageMax, keywords: body.adGroup.keywords },
    ad: {
      name: body.ad.name,
      headline: body.ad.headline,
      description: body.ad.description,
      finalUrl: body.ad.finalUrl,
      callToAction: body.ad.callToAction,
      extraHeadlines: body.ad.extraHeadlines,
      extraDescriptions: body.ad.extraDescriptions,
      assets: body.ad.assets,
    },
  };
  const adapter = ctx.platforms.registry.get(account.platform);
  const ref = { platformAccountId: account.platformAccountId, managerId: account.managerId ?? undefined, currency: account.currency, timeZone: account.timeZone };
  let created;
  try {
    const tokens = await loadTokens(ctx, connection);
    created = await ctx.platforms.call({ orgId: orgId, platform: account.platform, accountKey: account.platformAccountId }, (a) => a.campaigns.create(tokens, ref, spec));
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'invalid_request') throw fieldError(error.details.field ?? 'body', error.details.platformMessage ?? error.message);
    if (error instanceof PlatformError) throw new AppError('upstream_failed', `${ctx.platforms.registry.get(account.platform).displayName} did not create the campaign: ${error.details.platformMessage ?? error.message}`);
    throw error;
  }
  const c = created.campaign;
  const now = ctx.clock.now();
  const mirrored = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(campaigns)
      .values({
        orgId: orgId,
        adAccountId: account.id,
        platformId: c.platformId,
        name: c.name,
        status: c.status,
        rawStatus: c.rawStatus,
        objective: c.objective,
        dailyBudgetMicros: c.dailyBudget?.micros ?? null,
        lifetimeBudgetMicros: c.lifetimeBudget?.micros ?? null,
        currency: account.currency,
        syncedAt: now,
      })
      .onConflictDoUpdate({ target: [campaigns.adAccountId, campaigns.platformId], set: { name: sql`excluded.name`, status: sql`excluded.status`, syncedAt: sql`excluded.synced_at` } })
      .returning();
    await recordAudit(tx, source, {
      orgId: orgId,
      action: 'campaign.created',
      targetType: 'campaign',
      targetId: inserted!.id,
      after: { platform: account.platform, platformId: c.platformId, name: c.name, objective: c.objective, budget: body.budget, adGroup: created.adGroupPlatformId, ad: created.adPlatformId },
    });
    // The campaign's change history starts with its creation: who, and what was created.
    const entry = { campaignId: inserted!.id, after: c.status, message: describeCreation(adapter, spec), appliedAt: now };
    if (options.proposal) {
      await updateChangeFrom(tx, orgId, options.proposal.id, 'pending', { ...entry, state: 'applied', current: c.status });
    } else {
      await insertChanges(tx, orgId, [
        { ...entry, orgId, adAccountId: account.id, action: 'create', field: 'campaign', before: null, currency: account.currency, state: 'applied', origin: 'adloop', ...actorColumns(actor), createdAt: now },
      ]);
    }
    await ctx.jobs.enqueue(SYNC_ACCOUNT, { orgId: orgId, adAccountId: account.id, reason: 'manual' }, { db: tx });
    return inserted!;
  });
  return {
    campaign: {
      id: mirrored.id,
      platform: account.platform,
      platformId: mirrored.platformId,
      adAccountId: account.id,
      accountName: account.name,
      name: mirrored.name,
      status: mirrored.status,
      objective: mirrored.objective,
      dailyBudgetMicros: mirrored.dailyBudgetMicros,
      lifetimeBudgetMicros: mirrored.lifetimeBudgetMicros,
      currency: mirrored.currency,
      metrics: toKpis(emptyTotals()),
      syncedAt: mirrored.syncedAt.toISOString(),
    },
  };
}
