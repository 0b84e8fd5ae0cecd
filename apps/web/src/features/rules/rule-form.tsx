import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import type { RuleMode } from './rule-types.ts';
import type { RuleDraft } from './rule-draft.ts';
import { ApiError } from '../../lib/api.ts';
import { rulePathWords, ruleFieldErrors } from './rule-errors.ts';
import { missingNumbers } from './rule-checks.ts';
import { ScopeFields } from './rule-scope-fields.tsx';
import { ConditionTree } from './rule-condition-fields.tsx';
import { ActionList } from './rule-action-fields.tsx';
import { LimitFields } from './rule-limit-fields.tsx';
import { CurrencyBasisField } from './rule-currency-field.tsx';
import { ConfirmAutomatic } from './rule-controls.tsx';
import { MODES } from './rule-words.ts';
import { useSentence } from './use-sentence.ts';
import { DryRunPanel } from './dry-run-panel.tsx';
import { BacktestPanel } from './backtest-panel.tsx';

/**
 * Moves to the control a message belongs to: the invalid one it describes, else the first invalid
 * one (a summary entry is a way to the field, by keyboard too).
 */
function focusField(message: string) {
  const invalid = [...document.querySelectorAll<HTMLElement>('form[aria-label="Rule"] [aria-invalid="true"]')];
  const described = invalid.find((control) => {
    const id = control.getAttribute('aria-describedby');
    return id !== null && (document.getElementById(id)?.textContent ?? '').includes(message);
  });
  const target = described ?? invalid[0];
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

/**
 * The rule builder: a sentence read top to bottom (for these objects → when → then → limits), the
 * plain sentence the server makes of it, the live preview of what matches now and the backtest.
 */
export function RuleForm({ orgId, initial, initialSentence, saveLabel, onSave, onCancel }: { orgId: string; initial: RuleDraft; initialSentence: string | null; saveLabel: string; onSave: (draft: RuleDraft) => Promise<unknown>; onCancel: () => void }) {
  const [draft, setDraft] = useState(initial);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [errorFrom, setErrorFrom] = useState<'save' | 'check'>('save');
  const [isSaving, setSaving] = useState(false);
  const [askAutomatic, setAskAutomatic] = useState(false);
  const sentence = useSentence(orgId, draft.definition, draft.mode, initialSentence);
  const errors = ruleFieldErrors(saveError);
  const errorList = Object.entries(errors);
  const def = draft.definition;
  const setDefinition = (definition: typeof def) => setDraft((d) => ({ ...d, definition }));

  /** A preview or backtest refused for the rule's fields: shown at the fields, as a save's would be. */
  const showCheckErrors = (error: unknown) => {
    setErrorFrom('check');
    setSaveError(error);
  };

  const chooseMode = (mode: RuleMode) => (mode === 'automatic' && draft.mode !== 'automatic' ? setAskAutomatic(true) : setDraft((d) => ({ ...d, mode })));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    setErrorFrom('save');
    try {
      const missing = missingNumbers(draft);
      if (missing.length > 0) throw new ApiError(400, 'validation_failed', 'Some fields need a number', missing);
      await onSave(draft);
    } catch (error) {
      setSaveError(error);
      document.getElementById('rule-form-errors')?.focus();
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="space-y-6">
      <form onSubmit={(e) => void submit(e)} className="space-y-6" noValidate aria-label="Rule">
        <div id="rule-form-errors" tabIndex={-1} className="focus:outline-none">
          {saveError !== null && (
            <Alert tone="error" title={errorFrom === 'save' ? 'The rule could not be saved' : 'Fix the rule first'}>
              {errorList.length > 0 ? (
                <ul className="list-disc pl-5">
                  {errorList.map(([field, message]) => (
                    <li key={field}>
                      <button type="button" className="text-left underline hover:no-underline focus-visible:outline-2 focus-visible:outline-red-700" onClick={() => focusField(message)}>
                        {rulePathWords(field)}
                      </button>
                      : {message}
                    </li>
                  ))}
                </ul>
              ) : saveError instanceof Error ? (
                saveError.message
              ) : (
                'Something went wrong'
              )}
            </Alert>
          )}
        </div>
        <section aria-label="The rule in words" className="rounded-lg bg-indigo-50 p-4 text-sm text-indigo-950 ring-1 ring-indigo-200">
          <p className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">In plain words</p>
          <p className="mt-1" aria-live="polite" data-testid="rule-sentence">
            {sentence.sentence ?? (sentence.isBusy ? 'Reading the rule…' : '—')}
          </p>
          {sentence.problem && <p className="mt-1 text-xs text-amber-800">Not complete yet: {sentence.problem}</p>}
        </section>
        <div className="max-w-md">
          <TextField label="Rule name" name="name" value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} error={errors.name} required maxLength={120} />
        </div>
        <div className="space-y-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
          <ScopeFields orgId={orgId} scope={def.scope} onChange={(scope) => setDefinition({ ...def, scope })} errors={errors} />
          <ConditionTree root={def.when} onChange={(when) => setDefinition({ ...def, when })} errors={errors} />
          <ActionList actions={def.then} level={def.scope.level} onChange={(then) => setDefinition({ ...def, then })} errors={errors} />
          <CurrencyBasisField orgId={orgId} basis={def.currencyBasis} scope={def.scope} onChange={(currencyBasis) => setDefinition({ ...def, currencyBasis })} />
          <LimitFields definition={def} onChange={setDefinition} errors={errors} />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-base font-semibold text-gray-900">Mode</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {MODES.map((mode) => (
              <label key={mode.id} className={`flex cursor-pointer gap-2 rounded-md p-3 text-sm ring-1 ${draft.mode === mode.id ? 'bg-indigo-50 ring-indigo-400' : 'bg-white ring-gray-200'}`}>
                <input type="radio" name="mode" value={mode.id} checked={draft.mode === mode.id} onChange={() => chooseMode(mode.id)} className="mt-0.5" />
                <span>
                  <span className="block font-medium text-gray-900">{mode.label}</span>
                  <span className="text-xs text-gray-600">{mode.explanation}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.mode && <p className="text-sm text-red-600">{errors.mode}</p>}
        </fieldset>
        <div className="flex gap-2">
          <Button type="submit" isLoading={isSaving}>
            {saveLabel}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
      <DryRunPanel orgId={orgId} definition={def} mode={draft.mode} onFieldErrors={showCheckErrors} />
      <BacktestPanel orgId={orgId} definition={def} onFieldErrors={showCheckErrors} />
      <ConfirmAutomatic
        open={askAutomatic}
        onOpenChange={setAskAutomatic}
        name={draft.name}
        confirmLabel="Use automatic mode"
        onConfirm={async () => setDraft((d) => ({ ...d, mode: 'automatic' }))}
      />
    </div>
  );
}
