/**
 * What the changes benchmark sends: budget raises of every campaign in rounds. A campaign has one
 * change per round, so its changes apply one after the other (one change per campaign applies at
 * a time, and each is compare-and-set against the value the one before left). Each raise is the
 * same whole number of the platform's budget steps, about 2 % of the first budget: far inside the
 * budget-jump guardrail, and above an approval threshold of 1 % even after twenty raises.
 */
import type { BenchCampaign } from './changes-setup.ts';

export const RAISE_PERCENT = 2;

/** One budget change: `campaign` from `before` to `after` (micros of its currency). */
export interface PlannedChange {
  campaign: BenchCampaign;
  before: number;
  after: number;
}

function raiseOf(c: BenchCampaign): number {
  return Math.max(1, Math.ceil((c.dailyBudgetMicros * RAISE_PERCENT) / 100 / c.stepMicros)) * c.stepMicros;
}

/**
 * `total` changes over `campaigns` in rounds of at most one change per campaign; round r is each
 * campaign's `stepOf(r)`-th raise (the direct and approval paths take turns on the same campaigns).
 */
export function planRounds(campaigns: readonly BenchCampaign[], total: number, stepOf: (round: number) => number): PlannedChange[][] {
  const rounds: PlannedChange[][] = [];
  for (let done = 0, round = 0; done < total; round++) {
    const size = Math.min(campaigns.length, total - done);
    const step = stepOf(round);
    rounds.push(campaigns.slice(0, size).map((campaign) => ({ campaign, before: campaign.dailyBudgetMicros + step * raiseOf(campaign), after: campaign.dailyBudgetMicros + (step + 1) * raiseOf(campaign) })));
    done += size;
  }
  return rounds;
}

/** Splits `items` into requests of at most `size` (the API's limit per request). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
