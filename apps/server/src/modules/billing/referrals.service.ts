import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { and, desc, eq, sql } from 'drizzle-orm';
import { organizations, referralCodes, referralCommissions, referrals, type Db } from '@adloop/db';
import type { ReferralOverview } from '@adloop/contracts';
import { fieldError } from '../../platform/errors.ts';
import { csvCell } from '../metrics/campaign-csv.ts';

const MONTH_MS = 30.44 * 86_400_000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newCode(): string {
  return [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** The organisation's referral code, created on first use (one per organisation). */
export async function referralCodeOf(db: Db, orgId: string): Promise<typeof referralCodes.$inferSelect> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [existing] = await db.select().from(referralCodes).where(eq(referralCodes.orgId, orgId));
    if (existing) return existing;
    await db.insert(referralCodes).values({ orgId, code: newCode() }).onConflictDoNothing();
  }
  throw new Error('could not create a referral code');
}

/** Records who referred the organisation (the first code wins); an unknown or own code is a 400 naming `referralCode`. */
export async function recordReferral(db: Db, orgId: string, rawCode: string): Promise<void> {
  const code = rawCode.trim().toUpperCase();
  const [owner] = await db.select().from(referralCodes).where(eq(referralCodes.code, code));
  if (!owner) throw fieldError('referralCode', 'no organisation has this referral code');
  if (owner.orgId === orgId) throw fieldError('referralCode', 'an organisation cannot refer itself');
  await db.insert(referrals).values({ referredOrgId: orgId, referrerOrgId: owner.orgId, code }).onConflictDoNothing();
}

/**
 * Credits the referrer with its commission on a paid invoice of a referred organisation, within the
 * terms' first months after the referral. Keyed by the invoice id: any number of deliveries credit once.
 */
export async function creditCommission(db: Db, referredOrgId: string, invoice: Stripe.Invoice): Promise<boolean> {
  if (invoice.status !== 'paid' || !invoice.id || invoice.amount_paid <= 0) return false;
  const [row] = await db.select({ referral: referrals, terms: referralCodes }).from(referrals)
    .innerJoin(referralCodes, eq(referralCodes.orgId, referrals.referrerOrgId)).where(eq(referrals.referredOrgId, referredOrgId));
  if (!row) return false;
  const paidAt = new Date((invoice.status_transitions.paid_at ?? invoice.created) * 1000);
  if (paidAt.getTime() > row.referral.createdAt.getTime() + row.terms.commissionMonths * MONTH_MS) return false;
  const inserted = await db.insert(referralCommissions).values({
    invoiceId: invoice.id, referrerOrgId: row.referral.referrerOrgId, referredOrgId, invoiceNumber: invoice.number ?? null,
    amountPaidCents: invoice.amount_paid, commissionBps: row.terms.commissionBps, commissionCents: Math.round((invoice.amount_paid * row.terms.commissionBps) / 10_000),
    currency: invoice.currency, paidAt,
  }).onConflictDoNothing().returning({ id: referralCommissions.invoiceId });
  return inserted.length > 0;
}

async function commissionsOf(db: Db, orgId: string) {
  return db.select({ c: referralCommissions, name: organizations.name }).from(referralCommissions)
    .innerJoin(organizations, eq(organizations.id, referralCommissions.referredOrgId))
    .where(eq(referralCommissions.referrerOrgId, orgId)).orderBy(desc(referralCommissions.paidAt), desc(referralCommissions.invoiceId));
}

export async function referralOverview(db: Db, orgId: string, publicUrl: string): Promise<ReferralOverview> {
  const terms = await referralCodeOf(db, orgId);
  const referred = await db.select({ orgId: referrals.referredOrgId, name: organizations.name, since: referrals.createdAt, commissionCents: sql<string>`coalesce((select sum(${referralCommissions.commissionCents}) from ${referralCommissions} where ${referralCommissions.referredOrgId} = ${referrals.referredOrgId} and ${referralCommissions.referrerOrgId} = ${orgId}), 0)` })
    .from(referrals).innerJoin(organizations, eq(organizations.id, referrals.referredOrgId)).where(and(eq(referrals.referrerOrgId, orgId))).orderBy(desc(referrals.createdAt));
  const commissions = (await commissionsOf(db, orgId)).map(({ c, name }) => ({
    invoiceId: c.invoiceId, invoiceNumber: c.invoiceNumber, referredOrgId: c.referredOrgId, referredOrgName: name, amountPaidCents: c.amountPaidCents,
    commissionCents: c.commissionCents, currency: c.currency, paidAt: c.paidAt.toISOString(),
  }));
  return {
    code: terms.code, link: `${publicUrl}/sign-up?ref=${terms.code}`, commissionPercent: terms.commissionBps / 100, commissionMonths: terms.commissionMonths,
    referred: referred.map((r) => ({ orgId: r.orgId, name: r.name, since: r.since.toISOString(), commissionCents: Number(r.commissionCents) })),
    commissions, totalCommissionCents: commissions.reduce((sum, c) => sum + c.commissionCents, 0),
  };
}

/** The commissions CSV: one row per paid invoice; every cell quoted when needed and kept from running as a spreadsheet formula. */
export function toCommissionsCsv(rows: { c: typeof referralCommissions.$inferSelect; name: string }[]): string {
  const header = ['paid_at', 'invoice_id', 'invoice_number', 'referred_org_id', 'referred_org_name', 'amount_paid', 'commission_percent', 'commission', 'currency'];
  const lines = rows.map(({ c, name }) => [
    c.paidAt.toISOString(), c.invoiceId, c.invoiceNumber, c.referredOrgId, name, (c.amountPaidCents / 100).toFixed(2), (c.commissionBps / 100).toString(), (c.commissionCents / 100).toFixed(2), c.currency.toUpperCase(),
  ]);
  return [header, ...lines].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The commissions owed to the organisation, one row per paid invoice, for finance to pay out. */
export async function commissionsCsv(db: Db, orgId: string): Promise<string> {
  return toCommissionsCsv(await commissionsOf(db, orgId));
}
