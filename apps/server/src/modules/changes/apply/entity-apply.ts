import type { adGroups, ads } from '@adloop/db';
import type { Ad as PlatformAd, AdGroup as PlatformAdGroup, AdPlatform, Money } from '@adloop/platforms';
import type { SendTarget } from './field-apply.ts';

type AdGroupRow = typeof adGroups.$inferSelect;
type AdRow = typeof ads.$inferSelect;

/**
 * How one field of an ad group / ad set or an ad is read and changed: the same contract as a campaign's
 * `FieldApply` (values are the strings stored on the change; compare-and-set happens in the job), with
 * the object's own read so the job compares against the platform's current value.
 */
export interface EntityApply<Row, Live> {
  mirrorValue(row: Row): string | null;
  platformValue(live: Live): string | null;
  read(adapter: AdPlatform, target: Omit<SendTarget, 'after'>): Promise<Live>;
  send(adapter: AdPlatform, target: SendTarget): Promise<Live>;
}

const micros = (money: Money | null | undefined): string | null => (money ? String(money.micros) : null);
const amount = (t: SendTarget): Money => ({ micros: Number(t.after), currency: t.currency });
const readGroup = (adapter: AdPlatform, t: Omit<SendTarget, 'after'>) => adapter.changes.getAdGroup(t.tokens, t.ref, t.platformId);
const readAd = (adapter: AdPlatform, t: Omit<SendTarget, 'after'>) => adapter.changes.getAd(t.tokens, t.ref, t.platformId);
const activeOrPaused = (after: string): 'active' | 'paused' => (after === 'paused' ? 'paused' : 'active');

/** Ad-group fields: status, its own budgets (`capabilities.adGroupBudgets`), its bid (`bidding.adGroupBidField`), name. */
export const AD_GROUP_APPLY: Partial<Record<'status' | 'daily_budget' | 'lifetime_budget' | 'bid' | 'name', EntityApply<AdGroupRow, PlatformAdGroup>>> = {
  status: {
    mirrorValue: (g) => g.status, platformValue: (g) => g.status, read: readGroup,
    send: (adapter, t) => adapter.changes.setAdGroupStatus(t.tokens, t.ref, t.platformId, activeOrPaused(t.after)),
  },
  daily_budget: {
    mirrorValue: (g) => (g.dailyBudgetMicros === null ? null : String(g.dailyBudgetMicros)), platformValue: (g) => micros(g.dailyBudget), read: readGroup,
    send: (adapter, t) => adapter.changes.setAdGroupBudget(t.tokens, t.ref, t.platformId, { kind: 'daily', amount: amount(t) }),
  },
  lifetime_budget: {
    mirrorValue: (g) => (g.lifetimeBudgetMicros === null ? null : String(g.lifetimeBudgetMicros)), platformValue: (g) => micros(g.lifetimeBudget), read: readGroup,
    send: (adapter, t) => adapter.changes.setAdGroupBudget(t.tokens, t.ref, t.platformId, { kind: 'lifetime', amount: amount(t) }),
  },
  bid: {
    mirrorValue: (g) => (g.bidMicros === null ? null : String(g.bidMicros)), platformValue: (g) => (g.bidMicros === undefined ? null : String(g.bidMicros)), read: readGroup,
    send: (adapter, t) => adapter.changes.setAdGroupBid(t.tokens, t.ref, t.platformId, amount(t)),
  },
  name: {
    mirrorValue: (g) => g.name, platformValue: (g) => g.name, read: readGroup,
    send: async (adapter, t) => {
      await adapter.changes.rename(t.tokens, t.ref, { level: 'ad_group', id: t.platformId }, t.after);
      return readGroup(adapter, t);
    },
  },
};

/** Ad fields: status and name (`capabilities.renameLevels`). */
export const AD_APPLY: Partial<Record<'status' | 'name', EntityApply<AdRow, PlatformAd>>> = {
  status: {
    mirrorValue: (a) => a.status, platformValue: (a) => a.status, read: readAd,
    send: (adapter, t) => adapter.changes.setAdStatus(t.tokens, t.ref, t.platformId, activeOrPaused(t.after)),
  },
  name: {
    mirrorValue: (a) => a.name, platformValue: (a) => a.name, read: readAd,
    send: async (adapter, t) => {
      await adapter.changes.rename(t.tokens, t.ref, { level: 'ad', id: t.platformId }, t.after);
      return readAd(adapter, t);
    },
  },
};
