import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { adGroups } from '@adloop/db';
import type { CheckCopyBody, CheckCopyResponse, CopyGeneration, CopyGenerationListQuery, CopyPlatformResult, CopyPromptView, GenerateCopyBody, LandingPageCheck, PlatformId, RegenerateCopyBody } from '@adloop/contracts';
import { hasBlock } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { checkLandingPage } from '../../platform/net/index.ts';
import { requireAccountInScope, type OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { getAiSettings } from '../ai/settings.repository.ts';
import type { AiCaller } from '../ai/metering.ts';
import { findGeneration, insertGeneration, listGenerations, updateGeneration, type StoredPrompt, type StoredResult } from './copy.repository.ts';
import { presentGeneration, presentPrompt, presentSummary, storedBrief, storedPrompt, storedResult, storedVoice } from './copy.present.ts';
import { checkCopy, reviewCopy } from './copy.review.ts';
import { writeCopy, type CopyOrder, type WrittenCopy } from './copy.writer.ts';

const callerOf = (access: OrgAccess): AiCaller => ({
  orgId: access.orgId,
  userId: access.actor.kind === 'user' ? access.actor.userId : null,
  userLabel: access.actor.kind === 'user' ? access.actor.email : `API key ${access.actor.name}`,
  feature: 'copy',
});

/** The landing page as checked over the network, without its text (kept for the prompt only). */
async function landingCheck(ctx: AppContext, url: string): Promise<{ check: LandingPageCheck; text: string | null }> {
  const { text, ...check } = await checkLandingPage(ctx, url);
  return { check, text: check.ok && text ? text : null };
}

/** The ad group copy is written for: the organisation's, and one the caller works on (else the same 404 as an unknown one). */
async function requireAdGroup(ctx: AppContext, access: OrgAccess, adGroupId: string): Promise<void> {
  const [group] = await ctx.db.select({ adAccountId: adGroups.adAccountId }).from(adGroups).where(and(eq(adGroups.orgId, access.orgId), eq(adGroups.id, adGroupId)));
  if (!group) throw notFound('Ad group');
  requireAccountInScope(access, group.adAccountId);
}

function promptCalls(written: WrittenCopy, at: Date): StoredPrompt {
  return written.calls.map((call) => ({ platform: call.platform, at: at.toISOString(), messages: call.messages }));
}

/**
 * New copy for a brief on one to three platforms: the landing page is checked (its text, fenced, helps the
 * model), the copy is written by the metered model (or the template grammar without a provider), every
 * variation goes through validate → repair → validate, and the generation is stored with the prompt as
 * sent and audited in one transaction.
 */
export async function generate(ctx: AppContext, access: OrgAccess, body: GenerateCopyBody, source: AuditSource): Promise<CopyGeneration> {
  if (body.adGroupId) await requireAdGroup(ctx, access, body.adGroupId);
  const { brandVoice: voice } = await getAiSettings(ctx.db, access.orgId);
  const landing = await landingCheck(ctx, body.brief.landingPage);
  const order: CopyOrder = body.platforms.map((platform) => ({ platform, count: body.variations }));
  const caller = callerOf(access);
  const written = await writeCopy(ctx, caller, { brief: body.brief, voice, order, landingText: landing.text, attempt: 0 });
  const at = ctx.clock.now();
  const review = { brief: body.brief, voice, landing: landing.check };
  const platforms: CopyPlatformResult[] = body.platforms.map((platform) => ({
    platform,
    variations: (written.copies.get(platform) ?? []).map((copy, i) => reviewCopy(platform, copy, { ...review, seed: i })),
  }));
  const result: StoredResult = {
    platforms,
    usage: written.usage ? { tokensIn: written.usage.tokensIn, tokensOut: written.usage.tokensOut, costMicros: written.usage.costMicros } : null,
    usageIds: written.usage ? [written.usage.usageId] : [],
    attempts: 0,
  };
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await insertGeneration(tx, {
      orgId: access.orgId, userId: caller.userId, userLabel: caller.userLabel, source: written.source, provider: written.provider, model: written.model,
      platforms: body.platforms, brief: body.brief, brandVoice: voice, prompt: promptCalls(written, at), result, landingPage: landing.check,
      adGroupId: body.adGroupId ?? null, usageId: written.usage?.usageId ?? null, at,
    });
    await recordAudit(tx, source, {
      orgId: access.orgId, action: 'copy.generated', targetType: 'copy_generation', targetId: inserted.id,
      after: { source: written.source, provider: written.provider, model: written.model, platforms: body.platforms, variations: body.variations, product: body.brief.product, landingPageOk: landing.check.ok, costMicros: result.usage?.costMicros ?? 0 },
    });
    return inserted;
  });
  return presentGeneration(row);
}

export async function listCopyGenerations(ctx: AppContext, orgId: string, query: z.infer<typeof CopyGenerationListQuery>): Promise<Page<ReturnType<typeof presentSummary>>> {
  const after = decodeCursor(query.cursor, z.tuple([z.iso.datetime({ offset: true }), z.uuid()]));
  const rows = await listGenerations(ctx.db, orgId, query.limit, after, query.adGroupId);
  return toPage(rows, query.limit, presentSummary, (row) => [row.createdAt.toISOString(), row.id]);
}

async function requireGeneration(ctx: AppContext, orgId: string, id: string) {
  const row = await findGeneration(ctx.db, orgId, id);
  if (!row) throw notFound('Copy generation');
  return row;
}

export async function getCopyGeneration(ctx: AppContext, orgId: string, id: string): Promise<CopyGeneration> {
  return presentGeneration(await requireGeneration(ctx, orgId, id));
}

export async function getCopyPrompt(ctx: AppContext, orgId: string, id: string): Promise<CopyPromptView> {
  return presentPrompt(await requireGeneration(ctx, orgId, id));
}

/**
 * Writes one variation, one platform's variations or everything again (a new metered call; template copy
 * again without a provider), reviewed like the first, and replaces what it rewrote. The prompt log and
 * the usage grow; each regeneration asks with a new attempt number so the copy differs.
 */
export async function regenerate(ctx: AppContext, access: OrgAccess, id: string, body: RegenerateCopyBody, source: AuditSource): Promise<CopyGeneration> {
  const row = await requireGeneration(ctx, access.orgId, id);
  const stored = storedResult(row);
  if (body.platform && !stored.platforms.some((p) => p.platform === body.platform)) throw fieldError('platform', `This generation has no copy for ${body.platform}`);
  const targets = stored.platforms.filter((p) => !body.platform || p.platform === body.platform);
  if (body.variationId && !targets[0]?.variations.some((v) => v.id === body.variationId)) throw notFound('Copy variation');
  const order: CopyOrder = targets.map((p) => ({ platform: p.platform, count: body.variationId ? 1 : Math.max(1, p.variations.length) }));
  const brief = storedBrief(row);
  const voice = storedVoice(row);
  const landing = await landingCheck(ctx, brief.landingPage);
  const attempt = stored.attempts + 1;
  const written = await writeCopy(ctx, callerOf(access), { brief, voice, order, landingText: landing.text, attempt });
  const at = ctx.clock.now();
  const review = { brief, voice, landing: landing.check };
  const platforms = stored.platforms.map((p): CopyPlatformResult => {
    const fresh = written.copies.get(p.platform);
    if (!fresh) return p;
    const reviewed = fresh.map((copy, i) => reviewCopy(p.platform, copy, { ...review, seed: attempt * 7 + i }));
    if (!body.variationId) return { platform: p.platform, variations: reviewed };
    return { platform: p.platform, variations: p.variations.map((v) => (v.id === body.variationId ? (reviewed[0] ?? v) : v)) };
  });
  const usage = written.usage
    ? { tokensIn: (stored.usage?.tokensIn ?? 0) + written.usage.tokensIn, tokensOut: (stored.usage?.tokensOut ?? 0) + written.usage.tokensOut, costMicros: (stored.usage?.costMicros ?? 0) + written.usage.costMicros }
    : stored.usage;
  const result: StoredResult = { platforms, usage, usageIds: [...stored.usageIds, ...(written.usage ? [written.usage.usageId] : [])], attempts: attempt };
  const updated = await ctx.db.transaction(async (tx) => {
    const next = await updateGeneration(tx, access.orgId, id, { result, prompt: [...storedPrompt(row), ...promptCalls(written, at)], ...(written.source === 'ai' ? { writtenBy: { provider: written.provider, model: written.model } } : {}), at });
    await recordAudit(tx, source, {
      orgId: access.orgId, action: 'copy.regenerated', targetType: 'copy_generation', targetId: id,
      after: { source: written.source, platform: body.platform ?? null, variationId: body.variationId ?? null, attempt, costMicros: written.usage?.costMicros ?? 0 },
    });
    return next;
  });
  return presentGeneration(updated);
}

/** Checks copy as a person edited it, the way generated copy is checked (and the landing page when asked). */
export async function checkEditedCopy(ctx: AppContext, orgId: string, body: CheckCopyBody): Promise<CheckCopyResponse> {
  const { brandVoice: voice } = await getAiSettings(ctx.db, orgId);
  const landing = body.checkLandingPage ? (await landingCheck(ctx, body.brief.landingPage)).check : null;
  const checks = checkCopy(body.copy.platform as PlatformId, body.copy, { brief: body.brief, voice, landing, seed: 0 });
  return { checks, landingPage: landing, publishable: !hasBlock(checks) };
}
