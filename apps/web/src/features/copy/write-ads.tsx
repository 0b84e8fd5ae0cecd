import { useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { Alert } from '../../components/ui/alert.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { isApiError } from '../../lib/api.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { emptyBrief } from './brief-model.ts';
import { usePublishCopy } from './copy-api.ts';
import { CopyPanel, useCopySession, type CopyActionContext } from './copy-panel.tsx';
import { WideDialog } from './copy-dialogs.tsx';
import { copyFields, sameTexts } from './copy-model.ts';
import type { AdCopy, PlatformId } from './copy-types.ts';
import { UsageLink } from './usage-link.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';

const newKey = () => `copy-${crypto.randomUUID()}`;

/** "Write ads" for an ad group of the current organisation's campaign. */
export function AdGroupWriteAds(props: { adGroup: { id: string; name: string }; campaign: { name: string; platform: PlatformId } }) {
  const { org } = useCurrentOrg();
  return <WriteAdsButton orgId={org.id} {...props} />;
}

/**
 * An ad group's "Write ads": copy from a brief prefilled with the campaign, then Publish, which proposes
 * a new ad in the ad group. Nothing reaches the platform before an owner or admin approves it in the inbox.
 */
export function WriteAdsButton({ orgId, adGroup, campaign }: { orgId: string; adGroup: { id: string; name: string }; campaign: { name: string; platform: PlatformId } }) {
  const [open, setOpen] = useState(false);
  const session = useCopySession(() => emptyBrief(campaign.platform, { product: campaign.name }));
  const counts = copyFields(campaign.platform)
    .filter((f) => f.most > 1)
    .map((f) => `${f.most} ${f.label.toLowerCase()}s`)
    .join(', ');
  return (
    <WideDialog
      open={open}
      onOpenChange={setOpen}
      title={`Write ads for “${adGroup.name}” · ${PLATFORM_NAMES[campaign.platform]}`}
      trigger={
        <Button variant="secondary" className="px-2 py-1 text-xs">
          Write ads<span className="sr-only"> for {adGroup.name}</span>
        </Button>
      }
    >
      <p className="mb-3 text-sm text-gray-600">
        Up to {counts} per ad, checked against {PLATFORM_NAMES[campaign.platform]}’s rules. Publishing proposes a new ad in this {campaign.platform === 'meta' ? 'ad set' : 'ad group'}; an owner or admin approves it in the
        approval inbox before anything reaches the platform.
      </p>
      <CopyPanel
        orgId={orgId}
        session={session}
        platform={campaign.platform}
        adGroupId={adGroup.id}
        usageLink={<UsageLink orgId={orgId} />}
        manualHint="Ads can still be written by hand: create one in the campaign wizard, or write it on the platform."
        renderAction={(copy, publishable, context) => <PublishAction orgId={orgId} adGroupId={adGroup.id} copy={copy} publishable={publishable} context={context} />}
      />
    </WideDialog>
  );
}

function PublishAction({ orgId, adGroupId, copy, publishable, context }: { orgId: string; adGroupId: string; copy: AdCopy; publishable: boolean; context: CopyActionContext }) {
  const publish = usePublishCopy(orgId, context.generation.id);
  // One key per copy published: a retry of the same copy is the same proposal, an edit is a new one.
  const key = useRef<{ copy: AdCopy; key: string } | null>(null);
  const [sent, setSent] = useState<AdCopy | null>(null);
  const alreadySent = sent !== null && sameTexts(sent, copy) && sent.source === copy.source;
  const run = () => {
    if (!key.current || !sameTexts(key.current.copy, copy) || key.current.copy.source !== copy.source) key.current = { copy, key: newKey() };
    publish.mutate({ idempotencyKey: key.current.key, platform: context.platform, variationId: context.variation.id, copy, adGroupId }, { onSuccess: () => setSent(copy) });
  };
  const error = publish.error;
  return (
    <div className="flex w-full flex-col items-end gap-2">
      {error && (
        <div className="w-full">
          <Alert tone="error" title="Not published">
            {isApiError(error) && error.issues.length > 0 ? error.issues.map((i) => i.message).join('; ') : error.message}
          </Alert>
        </div>
      )}
      {alreadySent && publish.data ? (
        <div className="w-full">
          <Alert tone="success" title="Proposed: waiting for approval">
            <p>
              {publish.data.proposals.length === 1 ? 'A new ad was proposed' : `${publish.data.proposals.length} new ads were proposed`} in this {context.platform === 'meta' ? 'ad set' : 'ad group'}. It is created on the
              platform once an owner or admin approves it.
            </p>
            <Link to="/orgs/$orgId/approvals" params={{ orgId }} className={`${buttonClass('secondary')} mt-2`}>
              Open the approval inbox
            </Link>
          </Alert>
        </div>
      ) : (
        <Button onClick={run} isLoading={publish.isPending} disabled={!publishable} title={publishable ? undefined : 'Fix what blocks publishing first'}>
          Publish as a new ad
        </Button>
      )}
    </div>
  );
}
