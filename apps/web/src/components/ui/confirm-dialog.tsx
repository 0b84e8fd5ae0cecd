import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from './dialog.tsx';
import { Button } from './button.tsx';
import { FormError } from './alert.tsx';
import { formErrors, type FormErrors } from '../../lib/form-errors.ts';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  /** Runs the action; the dialog closes when it resolves and shows the error when it rejects. */
  onConfirm: (form: HTMLFormElement) => Promise<unknown>;
  tone?: 'danger' | 'primary';
  /** Extra inputs (e.g. a password) read by onConfirm from the form, given their field errors. */
  children?: (fieldErrors: Record<string, string>) => ReactNode;
  /** Names of the inputs in children, so their errors show next to them. */
  fieldNames?: readonly string[];
}

/** Asks before a destructive action. */
export function ConfirmDialog({ open, onOpenChange, title, description, confirmLabel, onConfirm, tone = 'danger', children, fieldNames = [] }: ConfirmDialogProps) {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<FormErrors | null>(null);

  const change = (next: boolean) => {
    if (!next) setError(null);
    onOpenChange(next);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(event.currentTarget);
      change(false);
    } catch (failure) {
      setError(formErrors(failure, fieldNames));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={change} title={title} description={description}>
      <form onSubmit={submit} className="space-y-4">
        <FormError message={error?.form} />
        {children?.(error?.fields ?? {})}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" variant={tone} isLoading={isBusy}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
