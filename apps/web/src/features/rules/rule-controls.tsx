import { useState } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import type { Rule } from './rule-types.ts';

/** On / off switch of a rule; switching on an automatic rule asks first (it will change live objects itself). */
export function RuleSwitch({ rule, disabled, onChange }: { rule: Pick<Rule, 'name' | 'status' | 'mode'>; disabled?: boolean; onChange: (enabled: boolean) => Promise<unknown> }) {
  const [isAsking, setAsking] = useState(false);
  const isOn = rule.status === 'enabled';
  const flip = () => {
    if (!isOn && rule.mode === 'automatic') setAsking(true);
    else void onChange(!isOn).catch(() => undefined);
  };
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={isOn}
        aria-label={`Rule “${rule.name}” on`}
        disabled={disabled}
        onClick={flip}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50 ${isOn ? 'bg-indigo-600' : 'bg-gray-300'}`}
      >
        <span aria-hidden="true" className={`inline-block size-5 rounded-full bg-white shadow transition ${isOn ? 'translate-x-5' : 'translate-x-0.5'}`} />
      </button>
      <ConfirmAutomatic open={isAsking} onOpenChange={setAsking} name={rule.name} confirmLabel="Switch on" onConfirm={() => onChange(true)} />
    </>
  );
}

/** Asks before a rule applies changes itself. */
export function ConfirmAutomatic({ open, onOpenChange, name, confirmLabel, onConfirm }: { open: boolean; onOpenChange: (open: boolean) => void; name: string; confirmLabel: string; onConfirm: () => Promise<unknown> }) {
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      tone="primary"
      title="Let the rule change campaigns itself?"
      description={`In automatic mode “${name || 'this rule'}” applies its changes on the platforms without waiting for approval, within the organisation’s guardrails. Every change can be undone from its history.`}
      confirmLabel={confirmLabel}
      onConfirm={onConfirm}
    />
  );
}

/** Asks before deleting a rule. */
export function ConfirmDelete({ open, onOpenChange, name, onConfirm }: { open: boolean; onOpenChange: (open: boolean) => void; name: string; onConfirm: () => Promise<unknown> }) {
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete the rule “${name}”?`}
      description="It stops running. Changes it already made stay, with their history and Undo."
      confirmLabel="Delete rule"
      onConfirm={onConfirm}
    />
  );
}
