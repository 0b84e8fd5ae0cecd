import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../lib/queries.ts';
import { formErrors } from '../../lib/form-errors.ts';
import type { ChangeSettings } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { SaveBar } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { saveChangeSettings } from '../approvals/approvals-api.ts';
import { FIELD, readValues, toValues, type ChangeSettingsValues } from './change-settings-form.ts';

/** The approval policy and the guardrails' limits: one form, one Save, read-only for those who may not change them. */
export function ChangeSettingsSections({ orgId, settings, currency, canEdit }: { orgId: string; settings: ChangeSettings; currency: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ChangeSettingsValues>(() => toValues(settings, currency));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [isSaved, setSaved] = useState(false);
  const set = (patch: Partial<ChangeSettingsValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setSaved(false);
  };
  const text = (key: keyof typeof FIELD) => ({
    name: FIELD[key],
    value: values[key],
    error: errors[FIELD[key]],
    disabled: !canEdit,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set({ [key]: e.currentTarget.value }),
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const read = readValues(values, currency);
    if (!read.ok) return setErrors(read.errors);
    setErrors({});
    setSaving(true);
    try {
      const saved = await saveChangeSettings(orgId, read.body);
      queryClient.setQueryData(keys.changeSettings(orgId), saved);
      setValues(toValues(saved, currency));
      setSaved(true);
    } catch (error) {
      const found = formErrors(error, Object.values(FIELD));
      setErrors(found.fields);
      setFormError(found.form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-6" aria-label="Approval policy and guardrails">
      <Section title="Approval policy" description="Which changes wait in the approval inbox until an owner, admin or manager approves them.">
        <div className="space-y-4">
          <label className="flex items-start gap-2 text-sm text-gray-800">
            <input type="checkbox" className="mt-0.5 size-4 rounded border-gray-300 text-indigo-600" checked={values.memberLaunches} disabled={!canEdit} onChange={(e) => set({ memberLaunches: e.currentTarget.checked })} />
            <span>
              New campaigns launched by members need approval
              <span className="block text-xs text-gray-500">Members prepare the campaign; it launches once a manager approves it.</span>
            </span>
          </label>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-gray-800">Budget changes need approval when they are above</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField label={`An amount per day (${currency})`} inputMode="decimal" hint="Empty: no amount limit." {...text('budgetAboveAmount')} />
              <TextField label="A rise of more than (%)" inputMode="numeric" hint="Of the old budget. Empty: no percentage limit." {...text('budgetAbovePercent')} />
            </div>
          </fieldset>
          <Alert tone="info" title="AI changes always need approval">
            This is fixed: the AI proposes, and a person decides every change it would make to your ads.
          </Alert>
        </div>
      </Section>
      <Section title="Guardrails" description="Limits every change passes, whoever makes it. A person may confirm past a limit; rules and the AI never can.">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Largest budget jump (%)" inputMode="numeric" hint="400 % lets a budget grow up to 5× (or shrink to a fifth) in one change." {...text('budgetJumpPercent')} />
          <TextField label="Changes per object per day" inputMode="numeric" hint="Every actor together, per campaign, ad group or ad." {...text('maxChangesPerEntityPerDay')} />
          <TextField label="Largest budget step while learning (%)" inputMode="numeric" hint="For ad groups and ad sets still in their learning phase." {...text('learningPhasePercent')} />
          <TextField label="Proposals expire after (hours)" inputMode="numeric" hint="From 1 hour to 90 days (2,160 hours)." {...text('proposalTtlHours')} />
        </div>
      </Section>
      {canEdit && <SaveBar isSaving={isSaving} isSaved={isSaved} />}
      <FormError message={formError} />
    </form>
  );
}
