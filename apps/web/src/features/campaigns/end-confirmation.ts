import type { CampaignEndOffer } from './object-offer.ts';

export type EndKind = 'archive' | 'remove';

export interface EndConfirmation {
  title: string;
  /** Sentences shown before the person confirms; the first says whether it can be taken back. */
  body: string[];
  confirmLabel: string;
  /** True when nothing (not Adloop, not the platform) can bring the campaign back. */
  isPermanent: boolean;
}

/** The ways a campaign can be ended on its platform, in the order they are offered. */
export function endKinds(end: CampaignEndOffer | null): EndKind[] {
  if (!end) return [];
  return [...(end.archive ? (['archive'] as const) : []), ...(end.remove ? (['remove'] as const) : [])];
}

/**
 * What the confirmation says before a campaign is archived or removed. A permanent step says so
 * plainly before the button, in the platform's own word for it (Google "removed", TikTok "deleted").
 */
export function endConfirmation(kind: EndKind, end: CampaignEndOffer, platformName: string, campaignName: string): EndConfirmation {
  const quoted = `“${campaignName}”`;
  if (kind === 'archive') {
    const isPermanent = !end.archiveUndoable;
    return {
      title: `Archive ${quoted}?`,
      body: [
        isPermanent
          ? `This cannot be undone: on ${platformName} an archived campaign can never be enabled or paused again.`
          : `You can enable or pause it again later on ${platformName}.`,
        'It stops delivering at once. Its numbers and history stay in Adloop and on the platform.',
      ],
      confirmLabel: 'Archive campaign',
      isPermanent,
    };
  }
  const word = end.removalWord;
  const isPermanent = !end.removalUndoable;
  return {
    title: `${capitalize(verbOf(word))} ${quoted}?`,
    body: [
      isPermanent
        ? `This cannot be undone: a campaign ${word} on ${platformName} can never be brought back, by Adloop or on ${platformName}.`
        : `It can be brought back later on ${platformName}.`,
      'It stops delivering at once. Its past numbers stay in Adloop.',
    ],
    confirmLabel: isPermanent ? `${capitalize(verbOf(word))} for good` : `${capitalize(verbOf(word))} campaign`,
    isPermanent,
  };
}

/** "removed" → "remove", "deleted" → "delete". */
function verbOf(pastParticiple: string): string {
  return pastParticiple.endsWith('ed') ? pastParticiple.slice(0, pastParticiple.endsWith('ted') || pastParticiple.endsWith('ved') ? -1 : -2) : pastParticiple;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
