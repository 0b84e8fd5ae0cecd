import { and, eq, inArray } from 'drizzle-orm';
import { memberships, users, type Db } from '@adloop/db';
import type { EntityDecision, EntityFacts } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { PERMISSIONS } from '../orgs/permissions.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { emitNotification } from '../notifications/emit.ts';
import { emitNotifications, type OrgNotificationEvent } from '../notifications/emit-together.ts';
import type { RuleRow } from './rules.repository.ts';

const NAMED = 5;

export type Approver = { userId: string; email: string };

/** Everyone who may approve changes in the organisation (a tick reads them once for all its rules). */
export async function approvers(db: Db, orgId: string): Promise<Approver[]> {
  return db
    .select({ userId: memberships.userId, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...PERMISSIONS['changes:approve'].roles])));
}

/** What one run of a rule matched and tells approvers about (a tick gathers these and tells them together). */
export interface RuleMatchNotice {
  rule: RuleRow;
  runId: string;
  matched: readonly { facts: EntityFacts; decision: EntityDecision }[];
}

/**
 * A rule's `notify` action: one notification per run to everyone who may approve changes (owners,
 * admins, managers), naming the objects matched, through the channels the action chose only.
 */
function ruleMatchedEvent({ rule, runId, matched }: RuleMatchNotice, people: readonly Approver[]): OrgNotificationEvent {
  const planned = matched.flatMap((m) => m.decision.planned).filter((p) => p.kind === 'notify');
  const custom = planned.map((p) => p.message).find((m) => m && m.length > 0);
  // Every notify action of the rule adds its channels; a rule saved before channels existed has ['in_app'] by default.
  const channels = [...new Set(planned.flatMap((p) => p.channels))];
  const names = matched.slice(0, NAMED).map((m) => m.facts.name);
  const more = matched.length > NAMED ? ` and ${matched.length - NAMED} more` : '';
  // Through the channels the action chose; the bell and email still follow each approver's preferences (rule.matched).
  return {
    orgId: rule.orgId,
    kind: 'rule.matched',
    title: `Rule “${rule.name}” matched ${matched.length === 1 ? '1 object' : `${matched.length} objects`}`,
    body: `${custom ? `${custom} ` : ''}Matched: ${names.join(', ')}${more}. See the run for the numbers and what the rule did.`,
    link: `/orgs/${rule.orgId}/rules/${rule.id}?run=${runId}`,
    recipients: people.map((p) => p.userId),
    ...(channels.length > 0 ? { channels } : {}),
    data: { ruleId: rule.id, runId, matched: matched.length },
  };
}

export async function notifyRuleMatches(ctx: AppContext, rule: RuleRow, runId: string, matched: readonly { facts: EntityFacts; decision: EntityDecision }[]): Promise<void> {
  const people = await approvers(ctx.db, rule.orgId);
  if (people.length === 0) return;
  await emitNotification(ctx, ctx.db, ruleMatchedEvent({ rule, runId, matched }, people));
  await announceNotifications(ctx, rule.orgId, people.length);
}

/**
 * The notices of a tick's runs, told together: a few statements for all of them in one transaction.
 * When that fails, each is told on its own (a failure is logged: the runs are recorded either way).
 */
export async function notifyRuleMatchesTogether(ctx: AppContext, orgId: string, notices: readonly RuleMatchNotice[], people: readonly Approver[]): Promise<void> {
  if (notices.length === 0 || people.length === 0) return;
  const events = notices.map((notice) => ruleMatchedEvent(notice, people));
  try {
    await ctx.db.transaction((tx) => emitNotifications(ctx, tx, events));
  } catch (error) {
    ctx.logger.error({ err: error, orgId }, 'telling the approvers of the due rules together failed; telling them one rule at a time');
    for (const event of events) {
      await emitNotification(ctx, ctx.db, event).catch((err: unknown) => ctx.logger.error({ err, orgId, ruleId: event.data?.ruleId }, 'telling the approvers of a rule run failed'));
    }
  }
  await announceNotifications(ctx, orgId, people.length);
}

/** A rule Adloop stopped (oscillation): owners and admins are told why. */
export async function notifyRuleStopped(ctx: AppContext, rule: RuleRow, reason: string, _at: Date): Promise<void> {
  const told = await emitNotification(ctx, ctx.db, {
    orgId: rule.orgId,
    kind: 'rule.stopped',
    title: `Rule “${rule.name}” was stopped`,
    body: `${reason} Look at the rules that act on the same objects, then enable it again.`,
    link: `/orgs/${rule.orgId}/rules/${rule.id}`,
    data: { ruleId: rule.id },
  });
  await announceNotifications(ctx, rule.orgId, told ? 1 : 0);
}
