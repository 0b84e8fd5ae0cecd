import { Link } from '@tanstack/react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AdAccount, AdAccountAssets, ConnectionsOverview, CreationOptions, PlatformCreationOptions, PlatformId } from '../../lib/types.ts';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { adGroupWord, type Draft, type Errors, type TextKind, textWords, textLimit, textCount, humanize, eligibleAccounts, objectiveLabel, plural } from './wizard-model.ts';
import { ageChoices } from './wizard-ages.ts';
import { KeywordsField } from './wizard-keywords-field.tsx';
import { UtmFields } from './wizard-utm.tsx';
import { ImageUpload, NoImageNote } from './wizard-image.tsx';
import type { UtmKey } from '@adloop/contracts/utm';
import { type Setter, ChoiceList, Choice, CountriesInput, CountedField } from './wizard-fields.tsx';
import { AssetPickers } from './wizard-assets.tsx';

/** A line under each objective on what it optimises for (by its label, the same across platforms). */
const OBJECTIVE_HINTS: Record<string, string> = {
  Traffic: 'Visits to your website.',
  Awareness: 'Showing the ad to as many people as possible.',
  Reach: 'Showing the ad to as many people as possible.',
  Engagement: 'People who interact with the ad and visit the page.',
  Leads: 'People likely to sign up or get in touch.',
  Sales: 'People likely to buy.',
  Search: 'Text ads on Google search results for your keywords.',
  'Video views': 'People who watch the video.',
};

export function PlatformStep({ draft, options, overview, error, onChange }: { draft: Draft; options: CreationOptions; overview: ConnectionsOverview; error?: string | undefined; onChange: (p: PlatformId) => void }) {
  return (
    <ChoiceList legend="Where should the campaign run?" error={error}>
      {options.platforms.map((p) => {
        const count = eligibleAccounts(overview, p.platform).length;
        return (
          <Choice
            key={p.platform}
            name="platform"
            value={p.platform}
            checked={draft.platform === p.platform}
            disabled={count === 0}
            onChange={() => onChange(p.platform)}
            label={PLATFORM_NAMES[p.platform]}
            detail={count === 0 ? `No ${PLATFORM_NAMES[p.platform]} account added yet: add one on the Connections page.` : `${plural(count, 'account')} · ${plural(p.objectives.length, 'objective')}${p.lifetimeBudgets ? ' · daily or lifetime budgets' : ' · daily budgets'}`}
          />
        );
      })}
    </ChoiceList>
  );
}

export function AccountStep({ draft, accounts, orgId, error, onChange }: { draft: Draft; accounts: AdAccount[]; orgId: string; error?: string | undefined; onChange: (id: string) => void }) {
  if (accounts.length === 0)
    return (
      <EmptyState
        title="No account on this platform"
        action={
          <Link to="/orgs/$orgId/connections" params={{ orgId }} className={buttonClass('secondary')}>
            Go to Connections
          </Link>
        }
      >
        Only accounts added to Adloop, of connections that work, can get new campaigns.
      </EmptyState>
    );
  return (
    <ChoiceList legend="Which ad account?" error={error}>
      {accounts.map((a) => (
        <Choice
          key={a.id}
          name="account"
          value={a.id}
          checked={draft.accountId === a.id}
          onChange={() => onChange(a.id)}
          label={a.name}
          detail={
            <>
              <span className="font-mono">{a.platformAccountId}</span> · {a.currency} · {a.timeZone}
            </>
          }
        />
      ))}
    </ChoiceList>
  );
}

export function ObjectiveStep({ draft, options, errors, set }: { draft: Draft; options: PlatformCreationOptions; errors: Errors; set: Setter }) {
  return (
    <>
      <TextField label="Campaign name" name="name" value={draft.name} maxLength={255} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} autoComplete="off" />
      <ChoiceList legend="Objective" error={errors.objective}>
        {options.objectives.map((o) => (
          <Choice key={o} name="objective" value={o} checked={draft.objective === o} onChange={() => set('objective', o)} label={objectiveLabel(options, o)} detail={OBJECTIVE_HINTS[objectiveLabel(options, o)]} />
        ))}
      </ChoiceList>
    </>
  );
}

export function AdGroupStep({ draft, options, countries, errors, set }: { draft: Draft; options: PlatformCreationOptions; countries: string[]; errors: Errors; set: Setter }) {
  const ages = ageChoices(options.ages);
  return (
    <>
      <TextField label={`${adGroupWord(draft.platform)} name`} name="adGroupName" value={draft.adGroupName} maxLength={255} onChange={(e) => set('adGroupName', e.currentTarget.value)} error={errors.adGroupName} autoComplete="off" />
      <CountriesInput value={draft.countries} countries={countries} onChange={(c) => set('countries', c)} error={errors.countries} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={ages.minLabel} name="ageMin" value={draft.ageMin} onChange={(e) => set('ageMin', e.currentTarget.value)} error={errors.ageMin} options={[{ value: '', label: `Any (${ages.lowest})` }, ...ages.min]} />
        <SelectField label={ages.maxLabel} name="ageMax" value={draft.ageMax} onChange={(e) => set('ageMax', e.currentTarget.value)} error={errors.ageMax} options={[{ value: '', label: 'Any (65+)' }, ...ages.max]} />
      </div>
      <p className="text-xs text-gray-500">{ages.note}</p>
      {options.keywordMatchTypes && <KeywordsField value={draft.keywords} onChange={(k) => set('keywords', k)} error={errors.keywords} />}
    </>
  );
}

/** Two-letter country codes as removable chips: type "US, DE" and press Enter (or Add). */
function AdTexts({ kind, texts, options, errors, setText }: { kind: TextKind; texts: string[]; options: PlatformCreationOptions; errors: Errors; setText: (kind: TextKind, index: number, value: string | null) => void }) {
  const limit = textLimit(options, kind)!;
  if (limit.max === 0) return null;
  const words = textWords(options, kind);
  const count = textCount(limit);
  const { countsWide } = options.adText;
  if (count.max <= 1) {
    return (
      <CountedField
        label={words.one}
        value={texts[0] ?? ''}
        max={limit.max}
        countsWide={countsWide}
        optional={!limit.required}
        multiline={kind === 'descriptions'}
        error={errors[`${kind}.0`]}
        onChange={(t) => setText(kind, 0, t)}
      />
    );
  }
  return (
    <fieldset className="space-y-3" aria-describedby={errors[kind] ? `${kind}-error` : undefined}>
      <legend className="text-sm font-medium text-gray-800">
        {words.many}{' '}
        <span className="font-normal text-gray-500">
          ({count.min} to {count.max}, each at most {limit.max} characters)
        </span>
      </legend>
      {texts.map((text, i) => (
        <CountedField
          key={i}
          label={`${words.one} ${i + 1}`}
          value={text}
          max={limit.max}
          countsWide={countsWide}
          optional={i >= count.min}
          error={errors[`${kind}.${i}`]}
          onChange={(t) => setText(kind, i, t)}
          onRemove={i >= count.min ? () => setText(kind, i, null) : undefined}
        />
      ))}
      {errors[kind] && (
        <p id={`${kind}-error`} className="text-sm text-red-600">
          {errors[kind]}
        </p>
      )}
      {texts.length < count.max && (
        <Button variant="secondary" onClick={() => setText(kind, texts.length, '')}>
          Add {words.one.toLowerCase()}
        </Button>
      )}
    </fieldset>
  );
}

export function AdStep({
  draft,
  options,
  errors,
  set,
  setText,
  setAsset,
  assets,
  tags,
  upload,
}: {
  draft: Draft;
  options: PlatformCreationOptions;
  errors: Errors;
  set: Setter;
  setText: (kind: TextKind, index: number, value: string | null) => void;
  setAsset: (asset: string, value: string) => void;
  assets: UseQueryResult<AdAccountAssets>;
  tags: Partial<Record<UtmKey, string>>;
  /** Where an image is uploaded to: absent before an account is chosen. */
  upload?: { orgId: string; accountId: string } | undefined;
}) {
  const { adText } = options;
  return (
    <>
      <TextField label="Ad name" name="adName" value={draft.adName} maxLength={255} onChange={(e) => set('adName', e.currentTarget.value)} error={errors.adName} autoComplete="off" />
      <AdTexts kind="headlines" texts={draft.headlines} options={options} errors={errors} setText={setText} />
      <AdTexts kind="descriptions" texts={draft.descriptions} options={options} errors={errors} setText={setText} />
      <TextField label="Final URL" name="finalUrl" type="url" inputMode="url" placeholder="https://example.com/offer" value={draft.finalUrl} onChange={(e) => set('finalUrl', e.currentTarget.value)} error={errors.finalUrl} autoComplete="url" />
      <UtmFields draft={draft} tags={tags} onChange={(utm) => set('utm', utm)} />
      {adText.callToActions && adText.callToActions.length > 0 && (
        <SelectField
          label="Call to action"
          name="callToAction"
          value={draft.callToAction}
          onChange={(e) => set('callToAction', e.currentTarget.value)}
          error={errors.callToAction}
          options={[{ value: '', label: 'None' }, ...adText.callToActions.map((c) => ({ value: c, label: humanize(c) }))]}
        />
      )}
      <AssetPickers draft={draft} options={options} errors={errors} assets={assets} setAsset={setAsset} />
      {options.videoUpload && upload && (
        <ImageUpload
          kind="video"
          orgId={upload.orgId}
          accountId={upload.accountId}
          rules={options.videoUpload}
          uploaded={null}
          onUploaded={(id) => {
            setAsset('videoId', id);
            // The library listing now holds the new video, so the picker shows it chosen.
            void assets.refetch();
          }}
        />
      )}
      {options.imageUpload && upload && (
        <ImageUpload
          orgId={upload.orgId}
          accountId={upload.accountId}
          rules={options.imageUpload}
          uploaded={draft.imageHash ? draft.imageName : null}
          error={errors.imageHash}
          onUploaded={(hash, name) => {
            set('imageHash', hash);
            set('imageName', name);
          }}
        />
      )}
      {!options.imageUpload && <NoImageNote platform={options.platform} />}
    </>
  );
}
