import type { ChangeSettings } from '@adloop/contracts';
import type { ApprovalPolicy, GuardrailSettings } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { publish } from '../../platform/live/publish.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import type { ChangeActor } from './actor.ts';
import { announce } from './changes.announce.ts';
import { emitNotification } from '../notifications/emit.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { stopAutomatedChanges } from './changes.repository.ts';
import { loadChangeSettings, type ChangeSettingsValue } from './settings.ts';
import { writeAutomationStop, writeChangeSettings } from './settings.repository.ts';

const automationOf = (s: ChangeSettingsValue) => ({ stopped: s.automationStoppedAt !== null, stoppedAt: s.automationStoppedAt?.toISOString() ?? null, stoppedBy: s.automationStoppedBy });

const present = (s: ChangeSettingsValue): ChangeSettings => ({ approvalPolicy: s.approvalPolicy, guardrails: s.guardrails, proposalTtlHours: s.proposalTtlHours, automation: automationOf(s) });

export async function getChangeSettings(ctx: AppContext, orgId: string): Promise<ChangeSettings> {
  return present(await loadChangeSettings(ctx.db, orgId));
}

/** Saves what is sent (each part optional; the rest stays), audited with before and after. */
export async function updateChangeSettings(
  ctx: AppContext,
  orgId: string,
  source: AuditSource,
  patch: { approvalPolicy?: ApprovalPolicy | undefined; guardrails?: GuardrailSettings | undefined; proposalTtlHours?: number | undefined },
): Promise<ChangeSettings> {
  const before = await loadChangeSettings(ctx.db, orgId);
  const approvalPolicy = patch.approvalPolicy ?? before.approvalPolicy;
  const guardrails = patch.guardrails ?? before.guardrails;
  const proposalTtlHours = patch.proposalTtlHours ?? before.proposalTtlHours;
  await ctx.db.transaction(async (tx) => {
    await writeChangeSettings(tx, orgId, { approvalPolicy: { ...approvalPolicy, proposalTtlHours }, guardrailSettings: { ...guardrails } });
    await recordAudit(tx, source, {
      orgId,
      action: 'org.change_settings_updated',
      targetType: 'organization',
      targetId: orgId,
      before: { approvalPolicy: before.approvalPolicy, guardrails: before.guardrails, proposalTtlHours: before.proposalTtlHours },
      after: { approvalPolicy, guardrails, proposalTtlHours },
    });
  });
  return present({ ...before, approvalPolicy, guardrails, proposalTtlHours });
}

export { STOPPED_MESSAGE } from './apply/apply-change.ts';
import { STOPPED_MESSAGE } from './apply/apply-change.ts';

/**
 * The kill switch: in ONE transaction, automation is marked stopped and every automated (rule, AI)
 * change not yet sent (proposed, or pending without a send) becomes `stopped`. The apply job checks
 * the switch again right before sending, for a change already picked up.
 */
export async function stopAutomation(ctx: AppContext, orgId: string, actor: ChangeActor, source: AuditSource) {
  const now = ctx.clock.now();
  const before = await loadChangeSettings(ctx.db, orgId);
  const stoppedAt = before.automationStoppedAt ?? now;
  const stoppedBy = before.automationStoppedBy ?? actor.label;
  const stopped = await ctx.db.transaction(async (tx) => {
    await writeAutomationStop(tx, orgId, stoppedAt, stoppedBy);
    const rows = await stopAutomatedChanges(tx, orgId, STOPPED_MESSAGE, now);
    await recordAudit(tx, source, { orgId, action: 'automation.stopped', targetType: 'organization', targetId: orgId, after: { stoppedChanges: rows.length, changeIds: rows.map((r) => r.id) } });
    // Once per stop: pressing it again while stopped folds into the open notice.
    await emitNotification(ctx, tx, {
      orgId,
      kind: 'kill_switch.on',
      title: `${stoppedBy} turned the kill switch on`,
      body: `Rules and AI proposals no longer change anything${rows.length ? `; ${rows.length} waiting change${rows.length === 1 ? ' was' : 's were'} stopped` : ''}. Owners and admins can start automation again in change settings.`,
      link: `/orgs/${orgId}/settings/automation-safety`,
      incidentKey: `kill-switch:${stoppedAt.toISOString()}`,
      data: { stoppedBy, stoppedChanges: rows.length },
    });
    return rows;
  });
  await announceNotifications(ctx, orgId, 1);
  await announce(ctx, orgId, stopped);
  if (stopped.length > 0) await publish(ctx, orgId, { type: 'proposal' });
  return { ...automationOf({ ...before, automationStoppedAt: stoppedAt, automationStoppedBy: stoppedBy }), stoppedChanges: stopped.length };
}

export async function resumeAutomation(ctx: AppContext, orgId: string, source: AuditSource) {
  const before = await loadChangeSettings(ctx.db, orgId);
  await ctx.db.transaction(async (tx) => {
    await writeAutomationStop(tx, orgId, null, null);
    await recordAudit(tx, source, { orgId, action: 'automation.resumed', targetType: 'organization', targetId: orgId, before: { stoppedAt: before.automationStoppedAt?.toISOString() ?? null } });
  });
  return automationOf({ ...before, automationStoppedAt: null, automationStoppedBy: null });
}
