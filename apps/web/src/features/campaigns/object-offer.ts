/**
 * What the server offers to change on a campaign and its ad groups / ads, read from the campaign
 * detail's optional `changeOptions` (parse boundary: read defensively, so an older server that does not
 * send it simply offers nothing beyond pause and budget). Nothing here names a platform: every
 * decision comes from the offer, which the server derives from the adapter's capabilities.
 */
export type EntityLevel = 'campaign' | 'ad_group' | 'ad';
export type BidValueKind = 'campaign_bid' | 'target_roas' | 'ad_group_bid' | 'none';

export interface CampaignEndOffer {
  /** The campaign can be archived: kept and reported, never delivering again. */
  archive: boolean;
  archiveUndoable: boolean;
  /** The campaign can be removed (deleted on the platform). */
  remove: boolean;
  removalUndoable: boolean;
  /** The platform's own word for removal ("removed", "deleted"). */
  removalWord: string;
}

export interface ChangeOffer {
  /** Levels whose objects can be renamed. */
  renameLevels: readonly EntityLevel[];
  /** Longest name the platform accepts, in characters. */
  nameMaxLength: number;
  end: CampaignEndOffer | null;
  duplicate: boolean;
  /** The campaign's bid strategy in the platform's words, and which value it takes; null: no strategy on the campaign. */
  bidding: { strategy: string; label: string; value: BidValueKind } | null;
  /** Ad groups / ad sets carry their own budgets. */
  adGroupBudgets: boolean;
  /** Ad groups / ad sets carry their own bid (its name on the platform), or null. */
  adGroupBid: string | null;
  /** Ad groups / ads can be paused and enabled. */
  statusLevels: readonly EntityLevel[];
}

export const NO_OFFER: ChangeOffer = {
  renameLevels: [],
  nameMaxLength: 255,
  end: null,
  duplicate: false,
  bidding: null,
  adGroupBudgets: false,
  adGroupBid: null,
  // Pause / Enable is part of the change contract on every level, whatever the platform.
  statusLevels: ['campaign', 'ad_group', 'ad'],
};

const LEVELS: readonly EntityLevel[] = ['campaign', 'ad_group', 'ad'];
const VALUE_KINDS: readonly BidValueKind[] = ['campaign_bid', 'target_roas', 'ad_group_bid', 'none'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const levelsIn = (value: unknown): EntityLevel[] => (Array.isArray(value) ? LEVELS.filter((l) => value.includes(l)) : []);
const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value.trim() !== '' ? value : fallback);

function readEnd(value: unknown): CampaignEndOffer | null {
  if (!isRecord(value)) return null;
  const end = {
    archive: value.archive === true,
    archiveUndoable: value.archiveUndoable === true,
    remove: value.remove !== false,
    removalUndoable: value.removalUndoable === true,
    removalWord: text(value.removalWord, 'removed'),
  };
  return end.archive || end.remove ? end : null;
}

function readBidding(value: unknown): ChangeOffer['bidding'] {
  if (!isRecord(value) || typeof value.strategy !== 'string') return null;
  const kind = VALUE_KINDS.find((k) => k === value.value) ?? 'none';
  return { strategy: value.strategy, label: text(value.label, strategyWords(value.strategy)), value: kind };
}

/** The offer in a campaign detail response (or none). */
export function readChangeOffer(detail: unknown): ChangeOffer {
  const options = isRecord(detail) ? detail.changeOptions : undefined;
  if (!isRecord(options)) return NO_OFFER;
  const max = options.nameMaxLength;
  return {
    renameLevels: levelsIn(options.renameLevels),
    nameMaxLength: typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : NO_OFFER.nameMaxLength,
    end: readEnd(options.end),
    duplicate: options.duplicate === true,
    bidding: readBidding(options.bidding),
    adGroupBudgets: options.adGroupBudgets === true,
    adGroupBid: typeof options.adGroupBid === 'string' ? options.adGroupBid : null,
    statusLevels: options.statusLevels === undefined ? NO_OFFER.statusLevels : levelsIn(options.statusLevels),
  };
}

/** A platform strategy word in plain words: TARGET_CPA → "Target CPA", LOWEST_COST_WITH_BID_CAP → "Lowest cost with bid cap". */
export function strategyWords(strategy: string): string {
  const words = strategy.toLowerCase().split(/[_\s]+/).filter(Boolean);
  const acronyms = new Set(['cpa', 'roas', 'cpc', 'cpm', 'cpv']);
  const shown = words.map((w) => (acronyms.has(w) ? w.toUpperCase() : w));
  const joined = shown.join(' ');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** Why a new name cannot be sent, or null when it can. Counted in characters as a person sees them. */
export function nameProblem(name: string, current: string, maxLength: number): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name.';
  const length = [...trimmed].length;
  if (length > maxLength) return `The name is ${length} characters; the platform takes at most ${maxLength}.`;
  if (trimmed === current.trim()) return 'The name is the same as now.';
  return null;
}

/** An optional number field of a row the server may send (`bidMicros`, `targetRoas`, `isLearning`'s kin); null when absent. */
export function numberField(row: unknown, field: string): number | null {
  const value = isRecord(row) ? row[field] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** True only when the server says so (`isLearning: true`). */
export function flagField(row: unknown, field: string): boolean {
  return isRecord(row) && row[field] === true;
}
