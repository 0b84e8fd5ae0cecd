/**
 * UTM tags for ads' final URLs (INTG-013), from an organisation's template. No Zod here, so the web
 * bundle takes it as it is: the wizard shows the tags and the final URL they make.
 */
export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type UtmTemplate = Record<UtmKey, string>;

/** What the placeholders stand for when a campaign is created. */
export interface UtmValues {
  platform: string;
  account_name: string;
  campaign_name: string;
  ad_group_name: string;
  ad_name: string;
}
export const UTM_PLACEHOLDERS: readonly (keyof UtmValues)[] = ['platform', 'account_name', 'campaign_name', 'ad_group_name', 'ad_name'];

export const DEFAULT_UTM_TEMPLATE: UtmTemplate = { utm_source: '{platform}', utm_medium: 'paid', utm_campaign: '{campaign_name}', utm_content: '{ad_name}' };

/** The placeholders of a template value that are not known ("{adname}"), for the error that names them. */
export function unknownPlaceholders(value: string): string[] {
  return [...value.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '').filter((name) => !(UTM_PLACEHOLDERS as readonly string[]).includes(name));
}

/** A name as a tag value: lower case, spaces and runs of punctuation as one underscore ("Spring Sale – DE" → "spring_sale_de"). */
export function utmSlug(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** The template with its placeholders filled in; tags that come out empty are left out. */
export function expandUtm(template: UtmTemplate, values: UtmValues): Partial<UtmTemplate> {
  const tags: Partial<UtmTemplate> = {};
  for (const key of UTM_KEYS) {
    const value = template[key].replace(/\{(\w+)\}/g, (whole, name: string) => ((UTM_PLACEHOLDERS as readonly string[]).includes(name) ? utmSlug(values[name as keyof UtmValues]) : whole)).trim();
    if (value) tags[key] = value;
  }
  return tags;
}

/** The URL with the tags set (replacing any of the same name it had); null when `url` is not an absolute URL. */
export function withUtm(url: string, tags: Partial<Record<UtmKey, string>>): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  for (const key of UTM_KEYS) {
    const value = tags[key]?.trim();
    if (value) parsed.searchParams.set(key, value);
    else parsed.searchParams.delete(key);
  }
  return parsed.toString();
}

/** The platform as `{platform}` names it in tags: the source people filter by in analytics. */
export const UTM_PLATFORM_SOURCE: Record<string, string> = { google_ads: 'google', meta: 'meta', tiktok: 'tiktok' };
