import { and, asc, count, eq, gte, ne, sql } from 'drizzle-orm';
import { adAccounts, billingAccounts, billingEvents, campaigns, copyGenerations, memberships, metricsAccountDaily, plans, rules, type Db } from '@adloop/db';

export type PlanRow = typeof plans.$inferSelect;
export type BillingAccountRow = typeof billingAccounts.$inferSelect;

/** The subscription state copied from Stripe's objects (never from a browser). */
export interface SubscriptionCopy {
  stripeSubscriptionId: string | null;
  status: string | null;
  planId: string | null;
  interval: 'month' | 'year' | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  /** When the unpaid invoice of a past-due subscription first failed (Stripe's time). */
  pastDueSince: Date | null;
  /** The next phase of the subscription's schedule (a change at period end). */
  scheduledPlanId: string | null;
  scheduledInterval: 'month' | 'year' | null;
  scheduledAt: Date | null;
  stripeScheduleId: string | null;
}

export function createBillingRepository(db: Db) {
  return {
    plans: (): Promise<PlanRow[]> => db.select().from(plans).orderBy(asc(plans.position)),

    async plan(id: string): Promise<PlanRow | null> {
      const [row] = await db.select().from(plans).where(eq(plans.id, id));
      return row ?? null;
    },

    async planByLookupKey(key: string): Promise<PlanRow | null> {
      const [row] = await db.select().from(plans).where(eq(plans.stripeLookupKey, key));
      return row ?? null;
    },

    async account(orgId: string): Promise<BillingAccountRow | null> {
      const [row] = await db.select().from(billingAccounts).where(eq(billingAccounts.orgId, orgId));
      return row ?? null;
    },

    async accountByCustomer(customerId: string): Promise<BillingAccountRow | null> {
      const [row] = await db.select().from(billingAccounts).where(eq(billingAccounts.stripeCustomerId, customerId));
      return row ?? null;
    },

    /** Links the organisation to its Stripe customer once; a second caller gets the first link. */
    async linkCustomer(orgId: string, customerId: string): Promise<BillingAccountRow> {
      await db.insert(billingAccounts).values({ orgId, stripeCustomerId: customerId }).onConflictDoNothing();
      const [row] = await db.select().from(billingAccounts).where(eq(billingAccounts.orgId, orgId));
      if (!row) throw new Error('billing account vanished');
      return row;
    },

    async saveSubscription(orgId: string, copy: SubscriptionCopy, at: Date): Promise<void> {
      await db.update(billingAccounts).set({ ...copy, updatedAt: at }).where(eq(billingAccounts.orgId, orgId));
    },

    /** Records a Stripe event id; false when it was already recorded (a repeated delivery). */
    async claimEvent(eventId: string, type: string, orgId: string | null): Promise<boolean> {
      const inserted = await db.insert(billingEvents).values({ eventId, type, orgId }).onConflictDoNothing().returning({ id: billingEvents.eventId });
      return inserted.length > 0;
    },

    async releaseEvent(eventId: string): Promise<void> {
      await db.delete(billingEvents).where(eq(billingEvents.eventId, eventId));
    },

    /** What the organisation has now, counted from the tables themselves. */
    async usage(orgId: string, monthStart: Date): Promise<Record<'adAccounts' | 'campaigns' | 'users' | 'rules' | 'aiGenerationsPerMonth', number>> {
      const one = async (q: Promise<Array<{ n: number }>>): Promise<number> => Number((await q)[0]?.n ?? 0);
      const [accounts, camps, users, ruleCount, generations] = await Promise.all([
        one(db.select({ n: count() }).from(adAccounts).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.selected, true)))),
        one(db.select({ n: count() }).from(campaigns).innerJoin(adAccounts, eq(adAccounts.id, campaigns.adAccountId)).where(and(eq(campaigns.orgId, orgId), eq(adAccounts.selected, true), ne(campaigns.status, 'removed')))),
        one(db.select({ n: count() }).from(memberships).where(eq(memberships.orgId, orgId))),
        one(db.select({ n: count() }).from(rules).where(eq(rules.orgId, orgId))),
        one(db.select({ n: count() }).from(copyGenerations).where(and(eq(copyGenerations.orgId, orgId), gte(copyGenerations.createdAt, monthStart)))),
      ]);
      return { adAccounts: accounts, campaigns: camps, users, rules: ruleCount, aiGenerationsPerMonth: generations };
    },

    async spendSince(orgId: string, fromDate: string): Promise<number> {
      const [row] = await db.select({ total: sql<string>`coalesce(sum(${metricsAccountDaily.spendMicros}), 0)` }).from(metricsAccountDaily).where(and(eq(metricsAccountDaily.orgId, orgId), gte(metricsAccountDaily.date, fromDate)));
      return Number(row?.total ?? 0);
    },
  };
}

export type BillingRepository = ReturnType<typeof createBillingRepository>;
