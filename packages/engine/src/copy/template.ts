import type { AdCopy, BrandVoice, CopyBrief } from '@adloop/contracts';
import { copyFormat, type CopyPlatform } from '@adloop/contracts/copy-formats';
import { capitalsOf } from './check-text.ts';
import { fieldsOf, withFields } from './fields.ts';
import { fillFields } from './fill.ts';
import { seededRandom } from './seeded.ts';

type CopyOf<P extends CopyPlatform> = Extract<AdCopy, { platform: P }>;

/** Each platform's copy with no texts yet. */
export const EMPTY_COPY: { readonly [P in CopyPlatform]: CopyOf<P> } = {
  google_ads: { platform: 'google_ads', source: 'template', headlines: [], descriptions: [], paths: [] },
  meta: { platform: 'meta', source: 'template', primaryTexts: [], headlines: [], descriptions: [] },
  tiktok: { platform: 'tiktok', source: 'template', adTexts: [] },
};

/** Call-to-action buttons a template picks from, in order of preference, where the platform has them. */
const PREFERRED_ACTIONS = ['LEARN_MORE', 'SHOP_NOW', 'SIGN_UP', 'ORDER_NOW', 'CONTACT_US'];

/** A call to action from the platform's own list for this seed; undefined where ads have none. */
export function templateCallToAction(platform: CopyPlatform, seed: number): string | undefined {
  const offered = copyFormat(platform).callToActions;
  if (offered === null) return undefined;
  const preferred = PREFERRED_ACTIONS.filter((a) => offered.includes(a));
  const choices = preferred.length > 0 ? preferred : [...offered];
  return choices[Math.floor(seededRandom(seed)() * choices.length)];
}

/**
 * Copy without a language model: keyword × benefit × call-to-action patterns filled from the brief, every
 * field filled as far as its maximum, each text passing the platform's rules and the brand voice. Same
 * brief, voice and seed, same copy. Labelled `source: 'template'`.
 */
export function templateCopy<P extends CopyPlatform>(platform: P, brief: CopyBrief, voice: BrandVoice, seed = 0): CopyOf<P> {
  const ctx = { brief, voice };
  const empty: CopyOf<P> = EMPTY_COPY[platform];
  const fields = fieldsOf(empty);
  fillFields(platform, fields, ctx, seed, (field) => field.format.most, capitalsOf(ctx));
  const copy = withFields(empty, fields);
  const callToAction = templateCallToAction(platform, seed);
  return callToAction === undefined ? copy : { ...copy, callToAction };
}
