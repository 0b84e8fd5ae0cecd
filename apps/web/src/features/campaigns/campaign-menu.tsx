import * as Menu from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import type { CampaignRow } from '../../lib/types.ts';
import { menuContent, menuItem } from '../shell/org-switcher.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { endConfirmation, endKinds, type EndKind } from './end-confirmation.ts';
import { numberField, type ChangeOffer } from './object-offer.ts';
import { BidDialog, DuplicateDialog, EndDialog, RenameDialog } from './object-dialogs.tsx';
import { useChangeTracker } from './changes.tsx';

type Open = 'rename' | 'duplicate' | 'bid' | EndKind | null;
const END_LABELS: Record<EndKind, string> = { archive: 'Archive…', remove: 'Remove…' };

/**
 * A campaign's further actions (rename, duplicate, bid or target, archive / remove), offered as far as
 * the server's change options say the platform has them. Nothing offered: no menu.
 */
export function CampaignActionsMenu({ row, offer }: { row: CampaignRow; offer: ChangeOffer }) {
  const [open, setOpen] = useState<Open>(null);
  const isPending = useChangeTracker().pendingFor(row.id) !== undefined;
  const isLive = row.status === 'active' || row.status === 'paused';
  const canRename = isLive && offer.renameLevels.includes('campaign');
  const ends = isLive ? endKinds(offer.end) : [];
  const hasBid = isLive && offer.bidding !== null && (offer.bidding.value === 'campaign_bid' || offer.bidding.value === 'target_roas');
  const removalWord = offer.end?.removalWord === 'deleted' ? 'Delete…' : END_LABELS.remove;
  if (!canRename && !offer.duplicate && !hasBid && ends.length === 0) return null;
  const close = (next: boolean) => {
    if (!next) setOpen(null);
  };
  return (
    <>
      <Menu.Root modal={false}>
        <Menu.Trigger disabled={isPending} className="rounded-md px-2 py-1 text-xs font-semibold text-gray-700 ring-1 ring-gray-300 ring-inset hover:bg-gray-50 disabled:opacity-50">
          More<span className="sr-only"> actions for {row.name}</span>
        </Menu.Trigger>
        <Menu.Content className={menuContent} align="end" sideOffset={4}>
          {canRename && (
            <Menu.Item className={menuItem} onSelect={() => setOpen('rename')}>
              Rename…
            </Menu.Item>
          )}
          {hasBid && offer.bidding && (
            <Menu.Item className={menuItem} onSelect={() => setOpen('bid')}>
              {offer.bidding.value === 'target_roas' ? 'Target ROAS…' : `${offer.bidding.label} amount…`}
            </Menu.Item>
          )}
          {offer.duplicate && (
            <Menu.Item className={menuItem} onSelect={() => setOpen('duplicate')}>
              Duplicate…
            </Menu.Item>
          )}
          {ends.length > 0 && <Menu.Separator className="my-1 h-px bg-gray-100" />}
          {ends.map((kind) => (
            <Menu.Item key={kind} className={`${menuItem} text-red-700`} onSelect={() => setOpen(kind)}>
              {kind === 'remove' ? removalWord : END_LABELS.archive}
            </Menu.Item>
          ))}
        </Menu.Content>
      </Menu.Root>
      {open === 'rename' && <RenameDialog open onOpenChange={close} row={row} offer={offer} />}
      {open === 'duplicate' && <DuplicateDialog open onOpenChange={close} row={row} offer={offer} />}
      {open === 'bid' && <BidDialog open onOpenChange={close} row={row} offer={offer} bidMicros={numberField(row, 'bidMicros')} targetRoas={numberField(row, 'targetRoas')} />}
      {(open === 'archive' || open === 'remove') && offer.end && (
        <EndDialog open onOpenChange={close} row={row} kind={open} words={endConfirmation(open, offer.end, PLATFORM_NAMES[row.platform], row.name)} />
      )}
    </>
  );
}
