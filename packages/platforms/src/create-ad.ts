import { adTextLength } from '@adloop/contracts/ad-text';
import { COPY_FORMATS, type CopyField } from '@adloop/contracts/copy-formats';
import { hasEmoji } from './create-campaign.ts';
import { PlatformError, type NewAdSpec, type PlatformId } from './types.ts';

type TextField = 'headlines' | 'descriptions' | 'primaryTexts' | 'paths';

/** Which of the platform's copy fields (`COPY_FORMATS`) each text list of a new ad fills; absent: the platform's ads have no such text. */
const FIELDS: Record<PlatformId, Partial<Record<TextField, CopyField>>> = {
  google_ads: { headlines: COPY_FORMATS.google_ads.fields.headlines, descriptions: COPY_FORMATS.google_ads.fields.descriptions, paths: COPY_FORMATS.google_ads.fields.paths },
  meta: { primaryTexts: COPY_FORMATS.meta.fields.primaryTexts, headlines: COPY_FORMATS.meta.fields.headlines, descriptions: COPY_FORMATS.meta.fields.descriptions },
  // One ad text shows per TikTok ad: each text is its own ad.
  tiktok: { primaryTexts: { ...COPY_FORMATS.tiktok.fields.adTexts, most: 1 } },
};

function refuse(platform: PlatformId, field: string, message: string): never {
  throw new PlatformError('invalid_request', message, { platform, field });
}

/**
 * Checks a new ad's copy against the platform's ad format before anything is sent: the texts it takes
 * (how many, how long as the platform counts), none it has no field for, its call-to-action words, an
 * http(s) landing page, Google's path2 only after path1 and TikTok's text without emoji. Throws
 * `invalid_request` naming `ad.<field>` or `ad.<field>.<index>`.
 */
export function validateNewAd(platform: PlatformId, ad: NewAdSpec): void {
  const format = COPY_FORMATS[platform];
  const fields = FIELDS[platform];
  if (ad.status !== 'active' && ad.status !== 'paused') refuse(platform, 'ad.status', 'A new ad is active or paused.');
  if (platform !== 'google_ads' && ad.name.trim() === '') refuse(platform, 'ad.name', 'The ad needs a name.');
  if (ad.name.length > 512) refuse(platform, 'ad.name', 'The ad name is longer than 512 characters.');
  for (const key of ['headlines', 'descriptions', 'primaryTexts', 'paths'] as const) {
    const texts = ad[key] ?? [];
    const limit = fields[key];
    if (!limit) {
      if (texts.length > 0) refuse(platform, `ad.${key}`, `This platform's ads have no ${key === 'primaryTexts' ? 'primary text' : key}.`);
      continue;
    }
    const label = limit.label.toLowerCase();
    if (texts.length < limit.min) refuse(platform, `ad.${key}`, `The ad needs at least ${limit.min} ${label}${limit.min === 1 ? '' : 's'}; ${texts.length} given.`);
    if (texts.length > limit.most) refuse(platform, `ad.${key}`, `The ad takes at most ${limit.most} ${label}${limit.most === 1 ? '' : 's'}; ${texts.length} given.`);
    const seen = new Set<string>();
    for (const [i, text] of texts.entries()) {
      const at = `ad.${key}.${i}`;
      if (text.trim() === '') refuse(platform, at, `${limit.label} ${i + 1} is empty.`);
      const length = adTextLength(text, format.countsWide);
      if (length > limit.max) refuse(platform, at, `${limit.label} ${i + 1} is ${length} characters; at most ${limit.max} are allowed${format.countsWide ? ' (double-width characters count as 2)' : ''}.`);
      const same = text.trim().toLowerCase();
      if (key !== 'paths' && seen.has(same)) refuse(platform, at, `${limit.label} ${i + 1} repeats another ${label}.`);
      seen.add(same);
      if (platform === 'tiktok' && hasEmoji(text)) refuse(platform, at, 'TikTok ad text cannot contain emoji.');
    }
  }
  if (ad.callToAction !== undefined) {
    if (format.callToActions === null) refuse(platform, 'ad.callToAction', "This platform's ads have no call-to-action button.");
    else if (!(format.callToActions as readonly string[]).includes(ad.callToAction)) refuse(platform, 'ad.callToAction', `Call to action must be one of ${format.callToActions.join(', ')}.`);
  }
  let url: URL | null = null;
  try {
    url = new URL(ad.finalUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) refuse(platform, 'ad.finalUrl', 'The landing page must be an http(s) address such as https://example.com/.');
  if (ad.finalUrl.length > 2048) refuse(platform, 'ad.finalUrl', 'The landing page address is longer than 2,048 characters.');
}
