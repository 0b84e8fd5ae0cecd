import { sql } from 'drizzle-orm';
import { describeRule } from '@adloop/engine';
import type { RuleDefinition, RuleModeValue } from '@adloop/contracts';
import type { Db } from '@adloop/db';

/** The organisation's reporting currency and its added accounts' currencies: what a rule's amounts read in. */
export interface SentenceMoney {
  orgCurrency: string;
  accounts: readonly { id: string; platform: string; currency: string }[];
}

export async function loadSentenceMoney(db: Db, orgId: string): Promise<SentenceMoney> {
  const result = await db.execute(sql`
    SELECT o.reporting_currency AS org_currency, a.id, a.platform, a.currency
    FROM organizations o LEFT JOIN ad_accounts a ON a.org_id = o.id AND a.selected
    WHERE o.id = ${orgId}::uuid`);
  const rows = (result as unknown as { rows: { org_currency: string; id: string | null; platform: string | null; currency: string | null }[] }).rows;
  return {
    orgCurrency: rows[0]?.org_currency ?? 'USD',
    accounts: rows.flatMap((r) => (r.id && r.platform && r.currency ? [{ id: r.id, platform: r.platform, currency: r.currency }] : [])),
  };
}

/**
 * The currency a rule's amounts are said in: the organisation's for the `organization` basis; for the
 * `account` basis, the one currency every account in the rule's scope has (none when they differ:
 * the sentence then says "in each account's currency").
 */
export function sentenceCurrency(def: RuleDefinition, money: SentenceMoney): string | undefined {
  if (def.currencyBasis === 'organization') return money.orgCurrency;
  const { platforms, accountIds } = def.scope;
  const inScope = money.accounts.filter((a) => (platforms.length === 0 || platforms.includes(a.platform as (typeof platforms)[number])) && (accountIds.length === 0 || accountIds.includes(a.id)));
  const currencies = new Set(inScope.map((a) => a.currency));
  return currencies.size === 1 ? [...currencies][0] : undefined;
}

/** The rule in one plain sentence, amounts in the currency its accounts share (or the organisation's). */
export const sentenceOf = (def: RuleDefinition, mode: RuleModeValue, money: SentenceMoney | undefined): string => {
  const currency = money ? sentenceCurrency(def, money) : undefined;
  return describeRule(def, mode, currency ? { currency } : undefined);
};
