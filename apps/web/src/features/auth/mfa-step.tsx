import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';

/** The second sign-in step: an authenticator code or a recovery code. */
export function MfaStep({ onSignedIn, onRestart }: { onSignedIn: () => Promise<void>; onRestart: () => void }) {
  const verify = useMutation({
    mutationFn: (code: string) => api.post('/auth/sign-in/mfa', { code }),
    onSuccess: () => onSignedIn(),
  });
  const errors = formErrors(verify.error, ['code']);
  // The pending sign-in expired: start again from the password.
  const hasExpired = isApiError(verify.error, 'unauthenticated');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    verify.mutate((readForm(event.currentTarget).code ?? '').trim());
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError message={errors.form} />
      <TextField
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        autoFocus
        required
        hint="6 digits, or a recovery code like abcde-12345."
        error={errors.fields.code}
      />
      {hasExpired ? (
        <Button className="w-full" onClick={onRestart}>
          Sign in again
        </Button>
      ) : (
        <Button type="submit" className="w-full" isLoading={verify.isPending}>
          Verify
        </Button>
      )}
      <button type="button" onClick={onRestart} className="w-full text-center text-sm text-gray-600 hover:underline">
        Use a different account
      </button>
    </form>
  );
}
