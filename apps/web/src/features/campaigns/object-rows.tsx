import type { CampaignDetail } from '../../lib/types.ts';
import { Badge } from '../../components/ui/card.tsx';
import { formatMicros } from './report-format.ts';
import { flagField, numberField, strategyWords, type ChangeOffer } from './object-offer.ts';
import { AdGroupAmount, ObjectStatusToggle } from './object-controls.tsx';
import type { EntityRow } from './campaign-detail.page.tsx';
import { AdGroupWriteAds } from '../copy/write-ads.tsx';

/**
 * The detail page's ad groups / ad sets with what the server offers on them: Pause / Enable, their own
 * daily budget and bid where the platform keeps those on ad groups, and Learning while the platform
 * says the ad group is still in its learning phase.
 */
export function adGroupRows(detail: CampaignDetail, offer: ChangeOffer, canEdit: boolean): EntityRow[] {
  const { campaign } = detail;
  const canToggle = canEdit && offer.statusLevels.includes('ad_group');
  // New ads (written with AI, proposed for approval) go into ad groups that still run or can run again.
  const canWrite = (status: string) => canEdit && (status === 'active' || status === 'paused');
  return detail.adGroups.map((group) => {
    const isLearning = flagField(group, 'isLearning');
    const bidMicros = numberField(group, 'bidMicros');
    return {
      ...group,
      badge: isLearning ? (
        <Badge tone="amber">
          <span title="The platform is still learning how to deliver this; large changes restart learning.">Learning</span>
        </Badge>
      ) : undefined,
      action:
        canToggle || canWrite(group.status) ? (
          <>
            {canToggle && <ObjectStatusToggle level="ad_group" row={group} campaignId={campaign.id} />}
            {canWrite(group.status) && <AdGroupWriteAds adGroup={group} campaign={campaign} />}
          </>
        ) : undefined,
      extra:
        canEdit && offer.adGroupBudgets ? (
          <AdGroupAmount kind="budget" row={group} amount={group.dailyBudgetMicros} currency={campaign.currency} isLearning={isLearning} />
        ) : (
          formatMicros(group.dailyBudgetMicros, campaign.currency)
        ),
      bid:
        canEdit && offer.adGroupBid ? (
          <AdGroupAmount kind="bid" row={group} amount={bidMicros} currency={campaign.currency} isLearning={isLearning} bidName={strategyWords(offer.adGroupBid)} />
        ) : (
          formatMicros(bidMicros, campaign.currency)
        ),
    };
  });
}

/** The detail page's ads, each with Pause / Enable where the server offers it. */
export function adRows(detail: CampaignDetail, offer: ChangeOffer, canEdit: boolean): EntityRow[] {
  const canToggle = canEdit && offer.statusLevels.includes('ad');
  return detail.ads.map((ad) => ({
    ...ad,
    extra: detail.adGroups.find((g) => g.platformId === ad.adGroupPlatformId)?.name ?? ad.adGroupPlatformId,
    action: canToggle ? <ObjectStatusToggle level="ad" row={ad} campaignId={detail.campaign.id} /> : undefined,
  }));
}
