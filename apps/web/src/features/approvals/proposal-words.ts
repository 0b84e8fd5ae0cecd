import type { CampaignChange } from '../../lib/types.ts';
import { formatMicros } from '../connections/money.ts';

/** Proposals in words: what is changed, from what to what, and on which object. */
type Change = Pick<CampaignChange, 'field' | 'currency'>;

const FIELD_WORDS: Readonly<Record<CampaignChange['field'], string>> = {
  status: 'Status',
  daily_budget: 'Daily budget',
  lifetime_budget: 'Lifetime budget',
  campaign: 'New campaign',
  name: 'Name',
  bid: 'Bid',
  target_roas: 'Target ROAS',
  ad: 'New ad',
};

const LEVEL_WORDS: Readonly<Record<CampaignChange['entityLevel'], string>> = { campaign: 'Campaign', ad_group: 'Ad group', ad: 'Ad' };

export const fieldWords = (field: CampaignChange['field']) => FIELD_WORDS[field];
export const levelWords = (level: CampaignChange['entityLevel']) => LEVEL_WORDS[level];

/** Fields whose values are amounts of money in micros of the change's currency. */
export const isMoneyField = (field: CampaignChange['field']) => field === 'daily_budget' || field === 'lifetime_budget' || field === 'bid';

/** A value in words: money in its currency, a status, a ROAS target as "4.00×"; missing values are said, not blank. */
export function valueWords(change: Change, value: string | null): string {
  if (value === null) return isMoneyField(change.field) ? 'none' : '—';
  if (isMoneyField(change.field)) {
    const micros = Number(value);
    return Number.isFinite(micros) ? formatMicros(micros, change.currency) : value;
  }
  if (change.field === 'target_roas') {
    const ratio = Number(value);
    return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : value;
  }
  if (change.field === 'status') return value === 'active' ? 'Enabled' : value.charAt(0).toUpperCase() + value.slice(1);
  return value;
}

/** "Daily budget: $10.00 → $25.00"; a proposed launch or new ad says what it creates. */
export function beforeAfterWords(change: Pick<CampaignChange, 'field' | 'currency' | 'before' | 'after' | 'campaignName'>): string {
  if (change.field === 'campaign') return `Launch “${change.campaignName}”`;
  // A new ad's copy is shown in full beside it (`NewAdCopy`).
  if (change.field === 'ad') return 'New ad';
  return `${fieldWords(change.field)}: ${valueWords(change, change.before)} → ${valueWords(change, change.after)}`;
}

/** Only budgets and bids can be edited before approving: they are amounts the approver may want smaller. */
export const canEditValue = (change: Pick<CampaignChange, 'field' | 'state'>) => change.state === 'proposed' && (change.field === 'daily_budget' || change.field === 'lifetime_budget');
