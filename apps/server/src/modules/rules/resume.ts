import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findEntity, submitChanges } from '../changes/index.ts';
import { objectOf, RESUME_KEY } from './memory.ts';
import { findChangeRow, findRule, objectStatus } from './rules.repository.ts';
import { statusChangedSince } from './resume.repository.ts';
import { ruleActor } from './runner.ts';

/**
 * The end of a `pause_until`: enables the object again as the rule, through the change pipeline,
 * only if the rule's pause was applied and nothing changed the object's status since (a person who
 * paused or enabled it meanwhile decided). Returns whether it asked for the enable.
 */
export async function resumePaused(ctx: AppContext, orgId: string, ruleId: string, changeId: string): Promise<boolean> {
  const [pause, rule] = await Promise.all([findChangeRow(ctx.db, orgId, changeId), findRule(ctx.db, orgId, ruleId)]);
  if (!pause || !rule || pause.state !== 'applied' || pause.field !== 'status' || pause.after !== 'paused' || !pause.campaignId) return false;
  const object = objectOf(pause);
  if (await statusChangedSince(ctx.db, orgId, { id: pause.id, campaignId: pause.campaignId, entityId: pause.entityId, createdAt: pause.createdAt })) return false;
  const level = pause.entityLevel;
  const current = await objectStatus(ctx.db, orgId, level, object);
  if (current?.status !== 'paused') return false;
  const entity = level === 'campaign' ? undefined : await findEntity(ctx.db, orgId, level, object);
  if (level !== 'campaign' && !entity) return false;
  try {
    await submitChanges(ctx, orgId, ruleActor(rule), [{ campaignId: pause.campaignId, entity, action: 'enable', expected: { status: 'paused' } }], {
      ruleMode: rule.mode === 'automatic' ? 'auto' : 'approve',
      reason: `The rule paused it until now: its pause ended.`,
      idempotencyKey: `${RESUME_KEY}${changeId}`,
    });
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    ctx.logger.warn({ ruleId, changeId, code: error.code, message: error.message }, 'rule could not end its pause');
    return false;
  }
}
