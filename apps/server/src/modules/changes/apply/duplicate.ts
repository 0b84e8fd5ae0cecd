import type { AdPlatform, Campaign as PlatformCampaign } from '@adloop/platforms';
import type { SendTarget } from './field-apply.ts';

/** What a `campaign` change that duplicates carries in its payload: the source campaign's platform id, and the copy's name if not "<name> (copy)". */
export interface DuplicatePayload {
  duplicateOf: string;
  name?: string | undefined;
}

/**
 * Sends a duplication: the platform's copy (Meta) or the adapter's read-and-create (Google, TikTok),
 * always paused. Not idempotent on the platform: the job records `sent_at` first and never sends twice.
 */
export function sendDuplicate(adapter: AdPlatform, target: Omit<SendTarget, 'after' | 'platformId'>, payload: DuplicatePayload): Promise<PlatformCampaign> {
  return adapter.changes.duplicateCampaign(target.tokens, target.ref, payload.duplicateOf, payload.name);
}
