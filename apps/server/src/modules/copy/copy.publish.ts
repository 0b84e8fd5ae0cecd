import type { PublishCopyBody, PublishCopyResponse } from '@adloop/contracts';
import { hasBlock } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { checkLandingPage } from '../../platform/net/index.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { proposeNewAds } from '../campaigns/propose-ad.ts';
import { addPublishedChanges, findGeneration } from './copy.repository.ts';
import { storedBrief, storedResult, storedVoice } from './copy.present.ts';
import { checkCopy } from './copy.review.ts';

/**
 * Publishing a variation (as edited): the copy is checked again (the platform's rules, the brand voice,
 * and the landing page, fetched now) and refused while anything blocks it; then it becomes proposals for
 * new ads in the ad group (actor `ai`), which a person approves in the inbox. AI never publishes by itself.
 * The same idempotency key answers the same proposals.
 */
export async function publishCopy(ctx: AppContext, access: OrgAccess, generationId: string, body: PublishCopyBody, source: AuditSource): Promise<PublishCopyResponse> {
  const row = await findGeneration(ctx.db, access.orgId, generationId);
  if (!row) throw notFound('Copy generation');
  const result = storedResult(row);
  const platform = result.platforms.find((p) => p.platform === body.platform);
  if (!platform) throw fieldError('platform', `This generation has no copy for ${body.platform}`);
  const variation = platform.variations.find((v) => v.id === body.variationId);
  if (!variation) throw fieldError('variationId', 'is not a variation of this generation (it may have been regenerated)');
  if (body.copy.platform !== body.platform) throw fieldError('copy.platform', `is ${body.copy.platform}, but the variation is for ${body.platform}`);

  const brief = storedBrief(row);
  const { text: _text, ...landing } = await checkLandingPage(ctx, brief.landingPage);
  const checks = checkCopy(body.platform, body.copy, { brief, voice: storedVoice(row), landing, seed: 0 });
  if (hasBlock(checks)) {
    const first = checks.find((c) => c.severity === 'block');
    throw new AppError('unprocessable', `This copy cannot be published yet: ${first?.message ?? 'a check blocks it'}`, { checks });
  }
  const edited = JSON.stringify(body.copy) !== JSON.stringify(variation.copy);
  const proposals = await proposeNewAds(ctx, access, source, {
    idempotencyKey: body.idempotencyKey,
    adGroupId: body.adGroupId,
    copy: body.copy,
    finalUrl: landing.finalUrl ?? brief.landingPage,
    generationId,
    reason: `${row.source === 'ai' ? 'AI-assisted' : 'Template'} copy for ${brief.product}${edited ? ', edited by a person' : ''}`,
  });
  const changeIds = proposals.map((p) => p.id);
  await ctx.db.transaction(async (tx) => {
    await addPublishedChanges(tx, access.orgId, generationId, changeIds, ctx.clock.now());
    await recordAudit(tx, source, {
      orgId: access.orgId, action: 'copy.published', targetType: 'copy_generation', targetId: generationId,
      after: { platform: body.platform, variationId: body.variationId, adGroupId: body.adGroupId, edited, changeIds },
    });
  });
  return { proposals };
}
