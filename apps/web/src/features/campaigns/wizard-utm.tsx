import { DEFAULT_UTM_TEMPLATE, UTM_KEYS, UTM_PLATFORM_SOURCE, expandUtm, withUtm, type UtmKey, type UtmTemplate } from '@adloop/contracts/utm';
import type { AdAccount } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import type { Draft } from './wizard-model.ts';

const TAG_LABELS: Record<UtmKey, string> = { utm_source: 'Source', utm_medium: 'Medium', utm_campaign: 'Campaign', utm_content: 'Content' };

/** The tags the ad's final URL gets: the person's own where they edited them, else the organisation's template filled in. */
export function utmTags(draft: Draft, account: AdAccount | undefined, template: UtmTemplate | undefined): Partial<Record<UtmKey, string>> {
  if (draft.utm) return draft.utm;
  return expandUtm(template ?? DEFAULT_UTM_TEMPLATE, {
    platform: draft.platform ? (UTM_PLATFORM_SOURCE[draft.platform] ?? draft.platform) : '',
    account_name: account?.name ?? '',
    campaign_name: draft.name,
    ad_group_name: draft.adGroupName,
    ad_name: draft.adName,
  });
}

/** The final URL as it will be sent: with the tags, or as typed when it is not a URL yet. */
export const taggedUrl = (draft: Draft, tags: Partial<Record<UtmKey, string>>): string => withUtm(draft.finalUrl.trim(), tags) ?? draft.finalUrl.trim();

/** The UTM tags of the ad step: filled in from the organisation's template, editable, and the URL they make. */
export function UtmFields({ draft, tags, onChange }: { draft: Draft; tags: Partial<Record<UtmKey, string>>; onChange: (utm: Draft['utm']) => void }) {
  const edit = (key: UtmKey, value: string) => onChange({ ...Object.fromEntries(UTM_KEYS.map((k) => [k, tags[k] ?? ''])), [key]: value } as Record<UtmKey, string>);
  const url = withUtm(draft.finalUrl.trim(), tags);
  return (
    <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-gray-200">
      <legend className="px-1 text-sm font-medium text-gray-800">Tracking tags (UTM)</legend>
      <p className="text-xs text-gray-500">{draft.utm ? 'Edited for this ad.' : 'From your organisation’s template; change them here for this ad.'}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {UTM_KEYS.map((key) => (
          <TextField key={key} label={`${TAG_LABELS[key]} (${key})`} name={key} value={tags[key] ?? ''} maxLength={200} autoComplete="off" onChange={(e) => edit(key, e.currentTarget.value)} />
        ))}
      </div>
      {draft.utm && (
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => onChange(null)}>
          Use the organisation’s template again
        </Button>
      )}
      {url && (
        <p className="text-xs text-gray-600">
          Final URL with tags: <span className="font-mono break-all" data-testid="tagged-url">{url}</span>
        </p>
      )}
    </fieldset>
  );
}
