import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { emptyBrief } from './brief-model.ts';
import { CopyPanel, useCopySession } from './copy-panel.tsx';
import { WideDialog } from './copy-dialogs.tsx';
import { keywordList, sourceLabel, wizardTexts } from './copy-model.ts';
import type { AdCopy, PlatformId } from './copy-types.ts';
import { UsageLink } from './usage-link.tsx';

export interface WizardAdTexts {
  headlines: string[];
  descriptions: string[];
  callToAction: string | undefined;
}

/**
 * The wizard's "Write with AI": a brief prefilled from the wizard (the campaign or ad group name as the
 * product, its keywords, the final URL), variations checked against the platform's rules, and "Use in
 * the ad", which fills the ad step's texts. A launch with AI copy is proposed, never created directly.
 */
export function WizardCopy({
  orgId,
  platform,
  prefill,
  limits,
  generationId,
  onUse,
  onForget,
}: {
  orgId: string;
  platform: PlatformId;
  prefill: { product: string; keywords: string; landingPage: string };
  /** How many headlines and descriptions the wizard's ad takes. */
  limits: { headlines: number; descriptions: number };
  /** The generation whose copy the ad uses, if any. */
  generationId: string;
  onUse: (texts: WizardAdTexts, generationId: string, source: AdCopy['source']) => void;
  /** Empties the ad's texts and forgets the generation: the person writes the ad. */
  onForget: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState<{ variationId: string; label: string } | null>(null);
  const session = useCopySession(() => emptyBrief(platform, { product: prefill.product, keywords: keywordList(prefill.keywords).join(', '), landingPage: prefill.landingPage }));
  const isUsed = generationId !== '';
  return (
    <div className="rounded-md bg-indigo-50 p-3 ring-1 ring-indigo-200 ring-inset">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-indigo-950">
          {isUsed ? (
            <>
              The texts below are {used ? `${used.label} copy` : 'AI-assisted copy'}; edit them freely. Launching sends the campaign to the approval inbox.
            </>
          ) : (
            <>Let AI draft the texts from a short brief; every draft is checked against {PLATFORM_NAMES[platform]}’s rules.</>
          )}
        </p>
        <div className="flex flex-wrap gap-2">
          {isUsed && (
            <Button
              variant="ghost"
              className="px-2 py-1 text-xs"
              onClick={() => {
                setUsed(null);
                onForget();
              }}
            >
              Clear the AI texts
            </Button>
          )}
          <WideDialog
            open={open}
            onOpenChange={setOpen}
            title={`Write the ad with AI · ${PLATFORM_NAMES[platform]}`}
            trigger={<Button variant="secondary">{isUsed ? 'Back to AI copy' : 'Write with AI'}</Button>}
          >
            <CopyPanel
              orgId={orgId}
              session={session}
              platform={platform}
              usageLink={<UsageLink orgId={orgId} />}
              manualHint="You can still write the ad yourself: close this and type the texts in the ad step."
              renderAction={(copy, publishable, { generation, variation }) => (
                <Button
                  onClick={() => {
                    onUse(wizardTexts(copy, limits), generation.id, copy.source);
                    setUsed({ variationId: variation.id, label: sourceLabel(copy.source) });
                    setOpen(false);
                  }}
                  disabled={!publishable}
                  title={publishable ? undefined : 'Fix what blocks publishing first'}
                >
                  {used?.variationId === variation.id ? 'Use again in the ad' : 'Use in the ad'}
                </Button>
              )}
            />
          </WideDialog>
        </div>
      </div>
    </div>
  );
}
