import { and, eq, inArray, sql } from 'drizzle-orm';
import { adAccounts, memberships, organizations } from '@adloop/db';
import type { DailySummary } from '@adloop/contracts';
import { addDays, dateInZone } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { assignedAccountIds } from '../auth/auth.guard.ts';
import { emitNotification } from '../notifications/emit.ts';
import { dailySummary } from './summary.service.ts';
import { summaryText } from './summary.text.ts';

/** The local hour from which an organisation's summary of yesterday goes out. */
export const SUMMARY_HOUR = 8;

/** Roles that see every account of the organisation: the organisation-wide summary goes to them (per their preferences). */
const WHOLE_ORG_ROLES = ['owner', 'admin', 'manager'] as const;

function localHour(timeZone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
}

function summaryEvent(orgId: string, date: string, content: DailySummary, recipients: string[]) {
  const text = summaryText(content);
  return {
    orgId,
    kind: 'summary.daily' as const,
    title: text.title,
    body: text.body,
    link: `/orgs/${orgId}/dashboard?since=${date}&until=${date}`,
    recipients,
    data: { date, currency: content.currency, spendMicros: content.totals.spendMicros, conversions: content.totals.conversions, openAnomalies: content.openAnomalyCount, proposalsWaiting: content.proposalsWaiting },
  };
}

/**
 * Sends one organisation's summary of `date` unless it was already sent: the `daily_summary_runs`
 * row is the claim, taken in the same transaction as the notification events. Owners, admins and
 * managers get the organisation-wide summary; a member limited to some accounts gets one of those
 * accounts only. Returns whether it sent (and the organisation-wide event).
 */
export async function sendDailySummary(ctx: AppContext, orgId: string, date: string): Promise<{ sent: boolean; eventId: string | null }> {
  const content = await dailySummary(ctx, { orgId, accountIds: null }, date);
  const limited = await ctx.db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'member')));
  const perMember: { userId: string; content: DailySummary }[] = [];
  for (const { userId } of limited) {
    const accountIds = (await assignedAccountIds(ctx, orgId, userId, 'member')) ?? [];
    if (accountIds.length > 0) perMember.push({ userId, content: await dailySummary(ctx, { orgId, accountIds }, date) });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const claimed = (await tx.execute(sql`
      insert into daily_summary_runs (org_id, date, sent_at) values (${orgId}, ${date}, ${now.toISOString()}::timestamptz)
      on conflict do nothing returning org_id`)) as unknown as { rows: unknown[] };
    if (claimed.rows.length === 0) return { sent: false, eventId: null };
    const people = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...WHOLE_ORG_ROLES])));
    const eventId = people.length > 0 ? await emitNotification(ctx, tx, summaryEvent(orgId, date, content, people.map((p) => p.userId))) : null;
    for (const member of perMember) await emitNotification(ctx, tx, summaryEvent(orgId, date, member.content, [member.userId]));
    if (eventId) await tx.execute(sql`update daily_summary_runs set event_id = ${eventId} where org_id = ${orgId} and date = ${date}`);
    return { sent: true, eventId };
  });
}

/**
 * The scheduled tick: every organisation with ad accounts whose local time is past 08:00 gets its
 * summary of yesterday (in its time zone), once. Returns how many were sent.
 */
export async function summaryTick(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const orgs = await ctx.db
    .selectDistinct({ id: organizations.id, timeZone: organizations.timeZone })
    .from(organizations)
    .innerJoin(adAccounts, and(eq(adAccounts.orgId, organizations.id), eq(adAccounts.selected, true)));
  let sent = 0;
  for (const org of orgs) {
    if (localHour(org.timeZone, now) < SUMMARY_HOUR) continue;
    const date = addDays(dateInZone(org.timeZone, now), -1);
    const done = (await ctx.db.execute(sql`select 1 from daily_summary_runs where org_id = ${org.id} and date = ${date}`)) as unknown as { rows: unknown[] };
    if (done.rows.length > 0) continue;
    if ((await sendDailySummary(ctx, org.id, date)).sent) sent += 1;
  }
  return sent;
}
