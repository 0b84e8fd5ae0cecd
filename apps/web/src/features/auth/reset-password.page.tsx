import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { AuthLayout, linkClass } from './auth-layout.tsx';

export function ResetPasswordPage() {
  const { token } = useSearch({ from: '/reset-password' });
  const [mismatch, setMismatch] = useState<string | null>(null);
  const reset = useMutation({ mutationFn: (password: string) => api.post('/auth/reset-password', { token, password }) });
  const errors = formErrors(reset.error, ['password']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    if (values.password !== values.confirm) {
      setMismatch('The passwords do not match');
      return;
    }
    setMismatch(null);
    reset.mutate(values.password ?? '');
  };

  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <Alert tone="error">
          This link is incomplete.{' '}
          <Link to="/forgot-password" className={linkClass}>
            Ask for a new one
          </Link>
          .
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password">
      {reset.isSuccess ? (
        <div className="space-y-4">
          <Alert tone="success" title="Password changed">
            You have been signed out everywhere. Sign in with your new password.
          </Alert>
          <Link to="/sign-in" className={buttonClass('primary', 'w-full')}>
            Sign in
          </Link>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FormError message={errors.form} />
          <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." error={errors.fields.password} />
          <TextField label="Confirm new password" name="confirm" type="password" autoComplete="new-password" required error={mismatch ?? undefined} />
          <Button type="submit" className="w-full" isLoading={reset.isPending}>
            Change password
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
