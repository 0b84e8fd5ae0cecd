import type { ChangeProblem } from '@adloop/engine';
import type { AdPlatform } from '@adloop/platforms';
import type { ChangeRow } from './changes.repository.ts';
import type { CampaignRow } from './changes.targets.ts';
import type { ChangeIntent } from './submit.ts';

/** A campaign change beyond status and budget, as stored: the field, its values as strings, and what a copy carries. */
export interface ValidObjectChange {
  field: ChangeRow['field'];
  before: string | null;
  after: string;
  payload?: Record<string, unknown> | undefined;
}

/** Longest campaign name accepted on every platform, in characters. */
export const NAME_MAX = 255;
const micros = (value: number | null): string | null => (value === null ? null : String(value));

/**
 * Checks a rename, bid, target ROAS, end or duplication of a campaign against the adapter's
 * capabilities (never the platform's name): the first problem names the request's field.
 */
export function validateCampaignObjectChange(campaign: CampaignRow, intent: ChangeIntent, adapter: AdPlatform): ValidObjectChange | ChangeProblem {
  const c = adapter.capabilities;
  const { expected } = intent;
  switch (intent.action) {
    case 'rename': {
      if (!c.renameLevels.includes('campaign')) return { field: 'action', message: `${adapter.displayName} campaigns cannot be renamed` };
      if (intent.name === undefined) return { field: 'name', message: 'is required for a rename' };
      if (intent.name.length > NAME_MAX) return { field: 'name', message: `is longer than ${NAME_MAX} characters` };
      if (expected.name === undefined) return { field: 'expected.name', message: 'is required: send the name you saw' };
      return { field: 'name', before: expected.name, after: intent.name };
    }
    case 'set_bid': {
      if (intent.amountMicros === undefined) return { field: 'amountMicros', message: 'is required for a bid' };
      const kind = campaign.bidStrategy ? c.bidding.strategyValue[campaign.bidStrategy] : undefined;
      const offered = c.bidding.campaignStrategies.filter((s) => c.bidding.strategyValue[s] === 'campaign_bid');
      if (kind !== 'campaign_bid' && offered.length !== 1) return { field: 'action', message: `this campaign's bid strategy (${campaign.bidStrategy ?? 'none'}) takes no bid on the campaign` };
      if (expected.bidMicros === undefined) return { field: 'expected.bidMicros', message: 'is required: send the bid you saw' };
      return { field: 'bid', before: micros(expected.bidMicros), after: String(intent.amountMicros) };
    }
    case 'set_target_roas': {
      if (intent.targetRoas === undefined) return { field: 'targetRoas', message: 'is required for a target ROAS' };
      const kind = campaign.bidStrategy ? c.bidding.strategyValue[campaign.bidStrategy] : undefined;
      const offered = c.bidding.campaignStrategies.filter((s) => c.bidding.strategyValue[s] === 'target_roas');
      if (kind !== 'target_roas' && offered.length !== 1) return { field: 'action', message: `${adapter.displayName} campaigns take no target ROAS` };
      if (expected.targetRoas === undefined) return { field: 'expected.targetRoas', message: 'is required: send the target ROAS you saw' };
      return { field: 'target_roas', before: expected.targetRoas === null ? null : String(expected.targetRoas), after: String(intent.targetRoas) };
    }
    case 'archive':
    case 'remove': {
      if (intent.action === 'archive' && !c.campaignEnd.archive) return { field: 'action', message: `${adapter.displayName} campaigns cannot be archived` };
      if (c.frozenStatuses.includes(campaign.status)) return { field: 'action', message: `the campaign is ${campaign.status} already` };
      if (expected.status === undefined) return { field: 'expected.status', message: 'is required: send the status you saw' };
      return { field: 'status', before: expected.status, after: intent.action === 'archive' ? 'archived' : 'removed' };
    }
    case 'duplicate': {
      const name = intent.name ?? `${campaign.name} (copy)`;
      if (name.length > NAME_MAX) return { field: 'name', message: `is longer than ${NAME_MAX} characters` };
      return { field: 'campaign', before: null, after: name, payload: { duplicateOf: campaign.platformId, sourceCampaignId: campaign.id, name } };
    }
    default:
      return { field: 'action', message: `${intent.action} is not a change of a campaign's name, bid or end` };
  }
}
