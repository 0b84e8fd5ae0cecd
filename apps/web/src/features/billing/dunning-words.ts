import { queryOptions } from '@tanstack/react-query';
import type { BillingOverview } from '@adloop/contracts';
import { api } from '../../lib/api.ts';

/** The organisation's billing overview: one cached query shared by the Billing page and the dunning bar on every page. */
export const billingOverviewQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'billing'],
    queryFn: () => api.get<BillingOverview>(`/orgs/${orgId}/billing`),
  });

/** "7 Mar 2026": the dates the dunning messages name. */
export const billingDate = (iso: string): string => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * The one-line dunning notice every page of the organisation shows, or null when billing is fine:
 * a failed payment names the day the organisation becomes read-only, read-only names the day it did.
 */
export function dunningNotice(overview: Pick<BillingOverview, 'billingState' | 'readOnlyAt'>): string | null {
  if (overview.billingState === 'past_due') {
    return overview.readOnlyAt ? `Payment failed — update your card by ${billingDate(overview.readOnlyAt)}` : 'Payment failed — update your card';
  }
  if (overview.billingState === 'read_only') {
    return overview.readOnlyAt ? `Read-only since ${billingDate(overview.readOnlyAt)}: automation paused` : 'Read-only: automation paused';
  }
  return null;
}
