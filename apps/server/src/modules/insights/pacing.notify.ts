import { planPacingWarnings, type PacedEntity } from '@adloop/engine';
import type { PacingDto } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { emitNotification, resolveNotificationIncident } from '../notifications/emit.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { accountMonths, PACING_TOLERANCE, todayOfOrg } from './projection.service.ts';
import { openPacingWarnings } from './pacing.repository.ts';

/** An open warning resolves once the projection is back within this share of the plan (half the warning's tolerance). */
const BACK_ON_PLAN = PACING_TOLERANCE / 2;

const monthName = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function titleOf(name: string, pacing: PacingDto, month: string): string {
  const when = monthName(month);
  if (pacing.status === 'on_track') return `${name} is back on plan for ${when}`;
  if (pacing.status === 'exhausted') return `${name} has spent its plan for ${when}`;
  return `${name} will ${pacing.status === 'over' ? 'overspend' : 'underspend'} its plan for ${when}`;
}

interface Paced {
  name: string;
  month: string;
  pacing: PacingDto;
  link: string;
  data: Record<string, unknown>;
}

export interface PacingCheckOutcome {
  /** Warnings emitted (a repeat of an open one folds into it and is not sent again). */
  warned: number;
  /** Open warnings resolved because the projection came back to plan (each said once). */
  backOnPlan: number;
  /** Open warnings resolved quietly: the month is over, or the account or campaign is no longer paced. */
  closed: number;
}

/**
 * Tells the organisation (`budget.pacing`, to approvers) about each account and campaign whose month
 * will miss its plan. The incident key is the account or campaign and the month: while the warning is
 * open, later checks fold into it. Once the projection is back within half the tolerance the warning
 * resolves and a "back on plan" note is sent, once; drifting again later raises a new warning.
 */
export async function checkPacingOfOrg(ctx: AppContext, orgId: string): Promise<PacingCheckOutcome> {
  const { today } = await todayOfOrg(ctx, orgId);
  const results = await accountMonths(ctx, { orgId, accountIds: null }, today);
  const paced = new Map<string, Paced>();
  for (const { entry, campaigns } of results) {
    if (entry.pacing) {
      paced.set(`account:${entry.accountId}:${entry.month}`, {
        name: entry.name, month: entry.month, pacing: entry.pacing, link: `/orgs/${orgId}/dashboard`,
        data: { scope: 'account', accountId: entry.accountId, month: entry.month, currency: entry.currency },
      });
    }
    for (const c of campaigns) {
      paced.set(`campaign:${c.campaignId}:${entry.month}`, {
        name: c.name, month: entry.month, pacing: c.pacing, link: `/orgs/${orgId}/campaigns/${c.campaignId}`,
        data: { scope: 'campaign', campaignId: c.campaignId, accountId: c.accountId, month: entry.month, currency: c.currency },
      });
    }
  }
  const entities: PacedEntity[] = [...paced].map(([key, p]) => ({ key, status: p.pacing.status, gapShare: Math.abs(p.pacing.gapMicros) / p.pacing.planMicros }));
  const plan = planPacingWarnings(await openPacingWarnings(ctx.db, orgId), entities, BACK_ON_PLAN);
  const outcome: PacingCheckOutcome = { warned: 0, backOnPlan: 0, closed: 0 };
  const now = ctx.clock.now();
  for (const key of plan.warn) {
    const p = paced.get(key)!;
    const id = await emitNotification(ctx, ctx.db, {
      orgId, kind: 'budget.pacing', title: titleOf(p.name, p.pacing, p.month), body: p.pacing.message, link: p.link, incidentKey: key, data: { ...p.data, ...p.pacing },
    });
    if (id) outcome.warned += 1;
  }
  for (const key of plan.backOnPlan) {
    const p = paced.get(key)!;
    // Resolved and said in one transaction: a retried check finds the warning closed and says nothing more.
    await ctx.db.transaction(async (tx) => {
      await resolveNotificationIncident(tx, { orgId }, 'budget.pacing', key, now);
      await emitNotification(ctx, tx, {
        orgId, kind: 'budget.pacing', title: titleOf(p.name, p.pacing, p.month), body: p.pacing.message, link: p.link, data: { ...p.data, ...p.pacing, resolved: key },
      });
    });
    outcome.backOnPlan += 1;
  }
  for (const key of plan.closed) {
    await resolveNotificationIncident(ctx.db, { orgId }, 'budget.pacing', key, now);
    outcome.closed += 1;
  }
  await announceNotifications(ctx, orgId, outcome.warned + outcome.backOnPlan);
  return outcome;
}
