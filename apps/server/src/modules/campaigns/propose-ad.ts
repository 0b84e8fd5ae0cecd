import { needsApproval } from '@adloop/engine';
import type { AdCopy, CampaignChange, NewAdPayload } from '@adloop/contracts';
import { PlatformError, validateNewAd } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publish } from '../../platform/live/publish.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudits, type AuditSource } from '../audit/audit.writer.ts';
import { actorColumns, actorOf, type ChangeActor } from '../changes/actor.ts';
import { copyFieldOf, newAdSpecOf } from '../changes/apply/create-ad.ts';
import { announce } from '../changes/changes.announce.ts';
import { presentMany } from '../changes/changes.present.ts';
import { changesOfDay, findByIdempotencyKey, insertChanges, type ChangeRow, type NewChangeRow } from '../changes/changes.repository.ts';
import { findTargets } from '../changes/changes.targets.ts';
import { findEntity } from '../changes/entity-targets.ts';
import { checkGuardrails, guardedEntity, guardrailRefusal } from '../changes/guardrail-check.ts';
import { notifyApprovers } from '../changes/notify-approvers.ts';
import { loadChangeSettings } from '../changes/settings.ts';

export interface NewAdsInput {
  /** The same key again answers the proposals it made. */
  idempotencyKey: string;
  /** Adloop's id of the ad group / ad set the ads go in. */
  adGroupId: string;
  /** The copy, in the ad group's platform's fields. */
  copy: AdCopy;
  finalUrl: string;
  /** The copy generation the texts come from: the proposals' actor. */
  generationId: string;
  reason?: string | undefined;
}

/** The ads one copy makes: one for Google and Meta (every text in one ad), one per ad text on TikTok (an ad shows one). */
function adsOf(copy: AdCopy): AdCopy[] {
  if (copy.platform !== 'tiktok' || copy.adTexts.length <= 1) return [copy];
  return copy.adTexts.map((text) => ({ ...copy, adTexts: [text] }));
}

/** The first text of the copy, for the ad's name. */
function firstText(copy: AdCopy): string {
  const text = copy.platform === 'google_ads' ? copy.headlines[0] : copy.platform === 'meta' ? (copy.headlines[0] ?? copy.primaryTexts[0]) : copy.adTexts[0];
  return (text ?? '').trim();
}

const keyOf = (key: string, index: number) => (index === 0 ? key : `${key}:${index + 1}`);

async function existing(ctx: AppContext, orgId: string, key: string, count: number): Promise<ChangeRow[]> {
  const rows: ChangeRow[] = [];
  for (let i = 0; i < count; i++) rows.push(...(await findByIdempotencyKey(ctx.db, orgId, keyOf(key, i))));
  return rows;
}

/**
 * Publishing AI-assisted copy: new ads in an existing ad group as proposals in the approval inbox, never
 * applied directly (the AI proposes, a person approves; any owner or admin may, the asker included).
 * Each is a `create_ad` change of the ad group with the copy in its payload, checked now against the
 * platform's ad format (400 naming `copy.<field>.<i>`) and the guardrails (the kill switch refuses),
 * and created by the apply job once approved. The same idempotency key again answers the same proposals.
 */
export async function proposeNewAds(ctx: AppContext, access: OrgAccess, source: AuditSource, input: NewAdsInput): Promise<CampaignChange[]> {
  const { orgId } = access;
  const copies = adsOf(input.copy);
  const again = await existing(ctx, orgId, input.idempotencyKey, copies.length);
  if (again.length > 0) return presentMany(ctx.db, orgId, again);

  const group = await findEntity(ctx.db, orgId, 'ad_group', input.adGroupId);
  const reachable = group && (access.accountIds === null || access.accountIds.includes(group.row.adAccountId));
  if (!group || group.level !== 'ad_group' || !reachable) throw fieldError('adGroupId', 'is not an ad group of this organisation');
  const target = (await findTargets(ctx.db, orgId, [group.campaignId])).get(group.campaignId);
  if (!target) throw fieldError('adGroupId', 'is not an ad group of this organisation');
  const { account, campaign } = target;
  if (input.copy.platform !== account.platform) throw fieldError('copy.platform', `is ${input.copy.platform}, but the ad group is on ${account.platform}`);
  if (!ctx.platforms.registry.has(account.platform)) throw new AppError('conflict', `${account.platform} is not available on this installation`);
  const adapter = ctx.platforms.registry.get(account.platform);

  const now = ctx.clock.now();
  const day = now.toISOString().slice(0, 10);
  const person = actorOf(access.actor).label;
  const actor: ChangeActor = { type: 'ai', id: input.generationId, label: `AI-assisted copy (asked by ${person})` };
  const settings = await loadChangeSettings(ctx.db, orgId);
  const history = (await changesOfDay(ctx.db, orgId, [campaign.id], now)).get(campaign.id) ?? [];
  const approval = needsApproval({ actorType: 'ai', role: access.role, canApprove: false, field: 'ad', before: null, after: 'active' }, settings.approvalPolicy);

  const rows: NewChangeRow[] = copies.map((copy, index) => {
    const lead = firstText(copy).slice(0, 60);
    const name = `AI copy ${day}${lead ? ` · ${lead}` : ''}${copies.length > 1 ? ` · ${index + 1}` : ''}`;
    try {
      validateNewAd(account.platform, newAdSpecOf(copy, input.finalUrl, name, 'active'));
    } catch (error) {
      if (!(error instanceof PlatformError) || error.kind !== 'invalid_request') throw error;
      const field = copyFieldOf(copy.platform, error.details.field);
      // A TikTok text split into its own ad keeps the index it had in the copy.
      const shown = copies.length > 1 ? field.replace(/^copy\.adTexts\.0$/, `copy.adTexts.${index}`) : field;
      throw fieldError(shown, error.message);
    }
    const checked = checkGuardrails(
      { actor, confirmer: actor, field: 'ad', before: null, after: 'active', target, entity: guardedEntity(group), adapter, history: [...history.map((c) => c.at), ...Array.from({ length: index }, () => now.getTime())], confirm: [], at: 'adGroupId' },
      settings,
      now,
    );
    if (checked.refused.length > 0) throw guardrailRefusal(checked.refused, false);
    const payload: NewAdPayload = { copy, finalUrl: input.finalUrl, name, generationId: input.generationId };
    return {
      orgId,
      adAccountId: account.id,
      campaignId: campaign.id,
      entityLevel: 'ad_group',
      entityId: group.row.id,
      action: 'create_ad',
      field: 'ad',
      before: null,
      after: 'active',
      currency: campaign.currency,
      state: 'proposed',
      origin: 'adloop',
      idempotencyKey: keyOf(input.idempotencyKey, index),
      ...actorColumns(actor),
      reason: input.reason ?? null,
      evidence: null,
      payload,
      stakeMicrosPerDay: null,
      guardrails: checked.kept,
      expiresAt: new Date(now.getTime() + settings.proposalTtlHours * 3_600_000),
      message: `Waiting for approval: ${approval.why ?? 'AI changes always wait for a person'}.`,
      createdAt: now,
    };
  });

  const { created, notified } = await ctx.db.transaction(async (tx) => {
    const inserted = await insertChanges(tx, orgId, rows);
    await recordAudits(
      tx,
      source,
      inserted.map((row) => ({ orgId, action: 'ad.proposed', targetType: 'change', targetId: row.id, after: { adGroupId: group.row.id, generationId: input.generationId, platform: account.platform, state: 'proposed' } })),
    );
    return { created: inserted, notified: inserted.length ? await notifyApprovers(ctx, tx, orgId, actor, inserted, now) : 0 };
  });
  await announce(ctx, orgId, created);
  if (notified > 0) await publish(ctx, orgId, { type: 'notification' });
  if (created.length > 0) await publish(ctx, orgId, { type: 'proposal' });
  // A concurrent call with the same key won the race: answer with its proposals.
  if (created.length < rows.length) return presentMany(ctx.db, orgId, await existing(ctx, orgId, input.idempotencyKey, copies.length));
  return presentMany(ctx.db, orgId, created);
}
