import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import type { SignInResult } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { AuthLayout, linkClass } from './auth-layout.tsx';
import { MfaStep } from './mfa-step.tsx';
import { useFinishSignIn } from './use-finish-sign-in.ts';

/**
 * Google signed someone in with the email of an existing Adloop account. Nothing is linked until
 * that account confirms: its password here, or the link emailed to it.
 */
export function LinkGooglePage() {
  const finish = useFinishSignIn();
  const [needsMfa, setNeedsMfa] = useState(false);
  const pending = useQuery({
    queryKey: ['auth', 'google', 'link'],
    queryFn: () => api.get<{ email: string; accountEmail: string; returnTo: string | null }>('/auth/google/link'),
    retry: false,
  });
  const returnTo = pending.data?.returnTo ?? undefined;
  const confirm = useMutation({
    mutationFn: (password: string) => api.post<SignInResult>('/auth/google/link', { password }),
    onSuccess: async (result) => {
      if (result.status === 'mfa_required') setNeedsMfa(true);
      else await finish(returnTo);
    },
  });
  const sendEmail = useMutation({ mutationFn: () => api.post('/auth/google/link/email') });
  const errors = formErrors(confirm.error, ['password']);

  if (needsMfa) {
    return (
      <AuthLayout title="Two-factor authentication" subtitle="Google is linked. Enter the 6-digit code from your authenticator app, or one of your recovery codes.">
        <MfaStep onSignedIn={() => finish(returnTo)} onRestart={() => window.location.assign('/sign-in')} />
      </AuthLayout>
    );
  }
  if (pending.isPending) return <AuthLayout title="Link your Google account"><LoadingState /></AuthLayout>;
  if (pending.isError) {
    return (
      <AuthLayout title="Link your Google account">
        <div className="space-y-4">
          <Alert tone="error">{pending.error.message}</Alert>
          <a href="/api/v1/auth/google/start" className={buttonClass('primary', 'w-full')}>
            Continue with Google again
          </a>
        </div>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate(readForm(event.currentTarget).password ?? '');
  };
  const { email, accountEmail } = pending.data;
  const strong = (text: string) => <strong className="font-medium text-gray-900">{text}</strong>;
  return (
    <AuthLayout
      title="Link your Google account"
      subtitle={
        email === accountEmail ? (
          <>An Adloop account already uses {strong(email)}. Confirm it is yours to sign in with Google from now on.</>
        ) : (
          <>Confirm with the password of your Adloop account {strong(accountEmail)} to let the Google account {strong(email)} sign in as you.</>
        )
      }
      footer={<Link to="/sign-in" className={linkClass}>Cancel and sign in another way</Link>}
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={errors.form} />
        <TextField label="Adloop password" name="password" type="password" autoComplete="current-password" required error={errors.fields.password} />
        <Button type="submit" className="w-full" isLoading={confirm.isPending}>
          Link Google and sign in
        </Button>
      </form>
      <div className="mt-6 border-t border-gray-100 pt-4 text-sm text-gray-600">
        {sendEmail.isSuccess ? (
          <Alert tone="success" title="Check your inbox">
            We sent a confirmation link to {accountEmail}. Open it to link Google, then continue with Google again.
          </Alert>
        ) : (
          <>
            <p>No password, or forgot it?</p>
            <Button variant="secondary" className="mt-2 w-full" isLoading={sendEmail.isPending} onClick={() => sendEmail.mutate()}>
              Email me a confirmation link
            </Button>
            {sendEmail.isError && <p className="mt-2 text-red-700">{sendEmail.error.message}</p>}
          </>
        )}
      </div>
    </AuthLayout>
  );
}
