import type { AccountRef, AdPlatform, Campaign as PlatformCampaign, TokenSet } from '@adloop/platforms';
import type { CampaignRow } from '../changes.targets.ts';

/** Where the field's new value goes on the platform: the object and the value as stored on the change. */
export interface SendTarget {
  tokens: TokenSet;
  ref: AccountRef;
  platformId: string;
  currency: string;
  after: string;
}

/**
 * How one field of a campaign is read and changed. Values are the strings stored on a change (a status
 * word, budget micros); the apply job compares them (compare-and-set) and never knows the field.
 */
export interface FieldApply {
  /** The value on the mirror row (stale proposals, outside changes). */
  mirrorValue(campaign: CampaignRow): string | null;
  /** The value the platform reports. */
  platformValue(campaign: PlatformCampaign): string | null;
  /** Sends the new value; the platform's answer is the campaign after it. */
  send(adapter: AdPlatform, target: SendTarget): Promise<PlatformCampaign>;
}
