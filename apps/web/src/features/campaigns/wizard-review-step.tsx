import { type ReactNode } from 'react';
import type { AdAccount, AdAccountAssets, PlatformCreationOptions } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { parseAmountToMicros } from './money-input.ts';
import { formatDay, formatMicros } from './report-format.ts';
import { adGroupWord, type StepId, type Draft, humanize, countryName, objectiveLabel } from './wizard-model.ts';
import { ageSummary } from './wizard-ages.ts';
import { MATCH_WORDS, parseKeywords } from './wizard-keywords.ts';
import { type Setter } from './wizard-fields.tsx';
import { chosenAssets } from './wizard-assets.tsx';

/** The review: every step's choices in words, each with an Edit that opens its step (and comes back here in one click). */
export function ReviewStep({
  draft,
  account,
  options,
  assets,
  goTo,
  set,
  finalUrl,
}: {
  draft: Draft;
  account: AdAccount;
  options: PlatformCreationOptions;
  assets: AdAccountAssets | undefined;
  goTo: (step: StepId) => void;
  set: Setter;
  /** The final URL as it will be sent, with its UTM tags. */
  finalUrl: string;
}) {
  const amount = parseAmountToMicros(draft.amount, account.currency);
  const rows: { step: StepId; label: string; value: ReactNode }[] = [
    { step: 'platform', label: 'Platform', value: draft.platform ? PLATFORM_NAMES[draft.platform] : '—' },
    { step: 'account', label: 'Account', value: `${account.name} (${account.currency})` },
    { step: 'objective', label: 'Campaign', value: `${draft.name.trim()} · ${objectiveLabel(options, draft.objective)}` },
    {
      step: 'budget',
      label: 'Budget',
      value: `${amount.ok ? formatMicros(amount.micros, account.currency) : draft.amount} ${draft.budgetKind === 'daily' ? 'per day' : 'in total'}${draft.startDate ? `, from ${formatDay(draft.startDate)}` : ''}${draft.endDate ? ` to ${formatDay(draft.endDate)}` : ''}`,
    },
    {
      step: 'adGroup',
      label: adGroupWord(draft.platform),
      value: (
        <>
          {`${draft.adGroupName.trim()} · ${draft.countries.map(countryName).join(', ')} · ${ageSummary(options.ages, draft.ageMin, draft.ageMax)}`}
          {options.keywordMatchTypes && (
            <span className="block text-xs text-gray-600">
              Keywords: {parseKeywords(draft.keywords).map((k) => `${k.text} (${MATCH_WORDS[k.matchType].toLowerCase()})`).join(', ')}
            </span>
          )}
        </>
      ),
    },
    {
      step: 'ad',
      label: 'Ad',
      value: (
        <>
          <span className="block">{draft.adName.trim()}</span>
          {draft.copyGenerationId && <span className="block text-xs text-indigo-800">Texts written with AI (AI-assisted): the launch goes to the approval inbox first.</span>}
          {options.adText.headline.max > 0 &&
            draft.headlines.filter((t) => t.trim()).map((t, i) => (
              <span key={`h${i}`} className="block font-medium">
                {t}
              </span>
            ))}
          {options.adText.description.max > 0 &&
            draft.descriptions.filter((t) => t.trim()).map((t, i) => (
              <span key={`d${i}`} className="block text-gray-600">
                {t}
              </span>
            ))}
          <span className="block font-mono text-xs break-all">{finalUrl}</span>
          {draft.callToAction && <span className="block text-xs">Button: {humanize(draft.callToAction)}</span>}
          {chosenAssets(draft, assets).map((a) => (
            <span key={a.asset} className="block text-xs">
              {a.label}: {a.name ?? <span className="font-mono">{a.id}</span>}
            </span>
          ))}
        </>
      ),
    },
  ];
  return (
    <>
      <dl className="divide-y divide-gray-100 text-sm">
        {rows.map((row) => (
          <div key={row.step} className="grid grid-cols-[7rem_1fr_auto] items-start gap-3 py-2.5">
            <dt className="text-gray-500">{row.label}</dt>
            <dd className="min-w-0 text-gray-900">{row.value}</dd>
            <dd>
              <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => goTo(row.step)}>
                Edit<span className="sr-only"> {row.label.toLowerCase()}</span>
              </Button>
            </dd>
          </div>
        ))}
      </dl>
      <div className="flex items-start gap-3">
        <input id="start-active" type="checkbox" className="mt-1 size-4 accent-indigo-600" checked={draft.startActive} onChange={(e) => set('startActive', e.currentTarget.checked)} aria-describedby="start-active-hint" />
        <div>
          <label htmlFor="start-active" className="text-sm font-medium text-gray-800">
            Start delivering right away
          </label>
          <p id="start-active-hint" className="text-xs text-gray-500">
            Otherwise the campaign is created paused, and you enable it when ready.
          </p>
        </div>
      </div>
    </>
  );
}
