import type { ChangeOptions } from '@adloop/contracts';
import type { Capabilities, EntityStatus } from '@adloop/platforms';
import { NAME_MAX } from '../changes/object-validate.ts';

/**
 * What the campaign page and table offer to change on one campaign, from its adapter's capabilities
 * only (the same ones `validateCampaignObjectChange` and `validateEntityChange` check a request
 * against), so nothing is offered that the server would refuse for the platform.
 */
export function changeOptionsFor(c: Capabilities, campaign: { status: EntityStatus; bidStrategy: string | null }): ChangeOptions {
  const ended = c.frozenStatuses.includes(campaign.status);
  const { campaignEnd, bidding } = c;
  return {
    renameLevels: [...c.renameLevels],
    nameMaxLength: NAME_MAX,
    // An archived or removed campaign cannot be ended again.
    end: ended ? null : { archive: campaignEnd.archive, archiveUndoable: campaignEnd.archiveUndoable, remove: true, removalUndoable: campaignEnd.removalUndoable, removalWord: campaignEnd.removalWord },
    // Every adapter copies a campaign (`campaignCopy` says whether the platform or the adapter does the copying).
    duplicate: c.campaignCopy === 'platform' || c.campaignCopy === 'adapter',
    bidding: campaign.bidStrategy !== null && bidding.campaignStrategies.length > 0 ? { strategy: campaign.bidStrategy, value: bidding.strategyValue[campaign.bidStrategy] ?? 'none' } : null,
    adGroupBudgets: c.adGroupBudgets,
    adGroupBid: bidding.adGroupBidField,
    // Pause / enable is part of the change contract on every level.
    statusLevels: ['campaign', 'ad_group', 'ad'],
  };
}
