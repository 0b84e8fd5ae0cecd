import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { AuthLayout, linkClass } from './auth-layout.tsx';

export function ForgotPasswordPage() {
  const search = useSearch({ from: '/forgot-password' });
  const request = useMutation({ mutationFn: (email: string) => api.post('/auth/forgot-password', { email }) });
  const errors = formErrors(request.error, ['email']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate(readForm(event.currentTarget).email ?? '');
  };

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="Enter your email and we will send you a link to choose a new password."
      footer={
        <Link to="/sign-in" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      {request.isSuccess ? (
        <Alert tone="success" title="Check your email">
          If an account uses that address, a reset link is on its way. It works once and expires after an hour.
        </Alert>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FormError message={errors.form} />
          <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={search.email} error={errors.fields.email} />
          <Button type="submit" className="w-full" isLoading={request.isPending}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
