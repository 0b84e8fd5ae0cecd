import { and, eq, inArray } from 'drizzle-orm';
import { memberships, notifications, users, type Db } from '@adloop/db';
import type { EntityDecision, EntityFacts } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { PERMISSIONS } from '../orgs/permissions.ts';
import { announceNotifications, notifyAdmins } from '../notifications/notifications.service.ts';
import type { RuleRow } from './rules.repository.ts';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const NAMED = 5;

async function approvers(db: Db, orgId: string): Promise<{ userId: string; email: string }[]> {
  return db
    .select({ userId: memberships.userId, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...PERMISSIONS['changes:approve'].roles])));
}

/**
 * A rule's `notify` action: one in-app notification per run to everyone who may approve changes
 * (owners, admins, managers), naming the objects matched, and one email each when the action asks for it.
 */
export async function notifyRuleMatches(ctx: AppContext, rule: RuleRow, runId: string, matched: readonly { facts: EntityFacts; decision: EntityDecision }[], at: Date): Promise<void> {
  const people = await approvers(ctx.db, rule.orgId);
  if (people.length === 0) return;
  const planned = matched.flatMap((m) => m.decision.planned).filter((p) => p.kind === 'notify');
  const email = planned.some((p) => p.channels.includes('email'));
  const custom = planned.map((p) => p.message).find((m) => m && m.length > 0);
  const names = matched.slice(0, NAMED).map((m) => m.facts.name);
  const more = matched.length > NAMED ? ` and ${matched.length - NAMED} more` : '';
  const title = `Rule “${rule.name}” matched ${matched.length === 1 ? '1 object' : `${matched.length} objects`}`;
  const body = `${custom ? `${custom} ` : ''}Matched: ${names.join(', ')}${more}. See the run for the numbers and what the rule did.`;
  const link = `/orgs/${rule.orgId}/rules/${rule.id}?run=${runId}`;
  await ctx.db.insert(notifications).values(people.map(({ userId }) => ({ orgId: rule.orgId, userId, kind: 'rule.matched', title, body, link, createdAt: at })));
  if (email) {
    const url = `${ctx.config.publicUrl}${link}`;
    for (const person of people) {
      await ctx.mailer.send({
        to: person.email,
        subject: `Adloop: ${title}`,
        text: `${title}.\n\n${body}\n\nOpen the rule's run: ${url}\n`,
        html: `<!doctype html><html><body style="font-family:sans-serif"><p>${escapeHtml(title)}.</p><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(url)}">Open the rule's run</a></p></body></html>`,
      });
    }
  }
  await announceNotifications(ctx, rule.orgId, people.length);
}

/** A rule Adloop stopped (oscillation): owners and admins are told why. */
export async function notifyRuleStopped(ctx: AppContext, rule: RuleRow, reason: string, at: Date): Promise<void> {
  const told = await notifyAdmins(ctx.db, rule.orgId, { kind: 'rule.stopped', title: `Rule “${rule.name}” was stopped`, body: `${reason} Look at the rules that act on the same objects, then enable it again.`, link: `/orgs/${rule.orgId}/rules/${rule.id}` }, at);
  await announceNotifications(ctx, rule.orgId, told);
}
