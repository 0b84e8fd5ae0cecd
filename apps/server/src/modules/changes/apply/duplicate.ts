import { z } from 'zod';
import type { AdPlatform, Campaign as PlatformCampaign } from '@adloop/platforms';
import type { ChangeRow } from '../changes.repository.ts';
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

const DuplicatePayloadSchema = z.object({ duplicateOf: z.string().min(1), name: z.string().optional() });

/** The duplication a `campaign` change asks for (parse boundary: the payload is stored JSON), or null for a launch. */
export function duplicatePayloadOf(change: Pick<ChangeRow, 'field' | 'payload'>): DuplicatePayload | null {
  if (change.field !== 'campaign') return null;
  const parsed = DuplicatePayloadSchema.safeParse(change.payload);
  return parsed.success ? parsed.data : null;
}
