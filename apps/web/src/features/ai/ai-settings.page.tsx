import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { SaveBar } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from '../settings/settings-layout.tsx';
import { aiKeys, saveAiSettings, useAiSettings } from './ai-api.ts';
import { CAP_FIELD, formatUsd, formFieldOf, LIST_LIMITS, readValues, splitLines, toValues, type AiSettingsValues, type ListKey } from './ai-form.ts';
import type { AiSettings } from './ai-types.ts';

const INPUT =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 placeholder:text-gray-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500 disabled:bg-gray-50';

/** A list typed one entry per line, with its count against the limit and its error right below. */
function ListField({ label, hint, list, value, error, disabled, onChange }: { label: string; hint: string; list: ListKey; value: string; error: string | undefined; disabled: boolean; onChange: (value: string) => void }) {
  const id = useId();
  const limit = LIST_LIMITS[list];
  const count = splitLines(value).length;
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="block text-sm font-medium text-gray-800">
          {label}
        </label>
        <span className={`text-xs ${count > limit.most ? 'font-semibold text-red-600' : 'text-gray-500'}`}>
          {count} of {limit.most}
        </span>
      </div>
      <textarea
        id={id}
        name={limit.field}
        rows={Math.min(8, Math.max(3, count + 1))}
        className={INPUT}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-${error ? 'error' : 'hint'}`}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-gray-500">
          {hint}
        </p>
      )}
    </div>
  );
}

function AiSettingsForm({ orgId, settings }: { orgId: string; settings: AiSettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<AiSettingsValues>(() => toValues(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [isSaved, setSaved] = useState(false);
  const canEdit = settings.canEdit;
  const set = (patch: Partial<AiSettingsValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setSaved(false);
  };
  const list = (key: ListKey) => ({ list: key, value: values[key], error: errors[LIST_LIMITS[key].field], disabled: !canEdit, onChange: (value: string) => set({ [key]: value }) });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const read = readValues(values, { canChangeCap: settings.canChangeCap });
    if (!read.ok) return setErrors(read.errors);
    setErrors({});
    setSaving(true);
    try {
      const saved = await saveAiSettings(orgId, read.body);
      queryClient.setQueryData(aiKeys.settings(orgId), saved);
      setValues(toValues(saved));
      setSaved(true);
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        const fields: Record<string, string> = {};
        for (const issue of error.issues) fields[formFieldOf(issue.field)] ??= issue.message;
        setErrors(fields);
      } else setFormError(error instanceof Error ? error.message : 'Something went wrong');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-6" aria-label="AI settings">
      <Section title="Brand voice" description="What every AI-written ad follows. Banned terms are checked in every text before you see it; the rest guides the writing.">
        <div className="grid gap-4 md:grid-cols-2">
          <ListField label="Tone" hint="One word per line, such as friendly or expert (up to 10)." {...list('tone')} />
          <ListField label="Required terms" hint="One per line: your brand or product names the ads should carry (up to 25)." {...list('requiredTerms')} />
          <ListField label="Banned terms" hint="One per line: words no ad may contain, such as cheap or guaranteed (up to 25)." {...list('bannedTerms')} />
          <ListField label="Message restrictions" hint="One rule per line, such as “Do not mention prices” (up to 40)." {...list('messageRestrictions')} />
        </div>
      </Section>
      <Section title="Monthly AI limit" description="AI calls that could take this month’s spending past the limit are not sent. People can always write ads themselves.">
        <div className="max-w-sm space-y-2">
          {settings.canChangeCap ? (
            <TextField
              label="Limit per month (USD)"
              name={CAP_FIELD}
              inputMode="decimal"
              placeholder={String(settings.defaultCapMicros / 1_000_000)}
              value={values.capUsd}
              error={errors[CAP_FIELD]}
              hint={`Empty: your plan’s allowance, ${formatUsd(settings.defaultCapMicros)} a month. Owners and admins are told at 80 %.`}
              onChange={(e) => set({ capUsd: e.currentTarget.value })}
            />
          ) : (
            <p className="text-sm text-gray-700">
              {formatUsd(settings.capMicros)} a month{settings.monthlyCapMicros === null ? ' (your plan’s allowance)' : ''}. Only owners and admins can change it.
            </p>
          )}
          <Link to="/orgs/$orgId/settings/ai-usage" params={{ orgId }} className="text-sm font-medium text-indigo-700 underline">
            See this month’s AI usage
          </Link>
        </div>
      </Section>
      {canEdit && <SaveBar isSaving={isSaving} isSaved={isSaved} />}
      <FormError message={formError} />
    </form>
  );
}

/** Settings › AI: the brand voice AI copy follows, and the monthly AI spending limit. */
export function AiSettingsPage() {
  const { org } = useCurrentOrg();
  const settings = useAiSettings(org.id);
  let body: React.ReactNode;
  if (settings.isPending) body = <LoadingState label="Loading the AI settings…" />;
  else if (settings.isError) body = <ErrorState error={settings.error} orgId={org.id} onRetry={() => void settings.refetch()} />;
  else
    body = (
      <>
        {!settings.data.aiAvailable && (
          <Alert tone="info" title="No AI provider on this server">
            Suggested copy comes from templates instead. The brand voice still applies to them and to the checks of every ad.
          </Alert>
        )}
        {!settings.data.canEdit && <Alert tone="info">Only owners, admins and managers can change the brand voice.</Alert>}
        <AiSettingsForm orgId={org.id} settings={settings.data} />
      </>
    );
  return (
    <>
      <PageHeader title="AI" description="How AI-assisted ads sound, what they must and must not say, and how much AI may cost each month." />
      {body}
    </>
  );
}
