import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { api, isApiError } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import type { SignInResult } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { AuthLayout, linkClass } from './auth-layout.tsx';
import { MfaStep } from './mfa-step.tsx';
import { DemoOffer } from './demo-offer.tsx';
import { GoogleSignInButton } from './google-button.tsx';
import { useFinishSignIn } from './use-finish-sign-in.ts';

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const finish = useFinishSignIn();
  const [email, setEmail] = useState(search.email ?? '');
  const [needsMfa, setNeedsMfa] = useState(false);
  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<SignInResult>('/auth/sign-in', body),
    onSuccess: async (result) => {
      if (result.status === 'mfa_required') setNeedsMfa(true);
      else await finish(search.redirect);
    },
  });
  const resend = useMutation({ mutationFn: () => api.post('/auth/resend-verification', { email }) });
  const errors = formErrors(signIn.error, ['email', 'password']);
  const isUnverified = isApiError(signIn.error, 'email_not_verified');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    signIn.mutate({ email: values.email ?? '', password: values.password ?? '' });
  };

  if (needsMfa) {
    return (
      <AuthLayout title="Two-factor authentication" subtitle="Enter the 6-digit code from your authenticator app, or one of your recovery codes.">
        <MfaStep onSignedIn={() => finish(search.redirect)} onRestart={() => setNeedsMfa(false)} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Sign in to Adloop"
      footer={
        <>
          New to Adloop?{' '}
          <Link to="/sign-up" search={search} className={linkClass}>
            Create an account
          </Link>
        </>
      }
    >
      <GoogleSignInButton redirect={search.redirect} />
      <form onSubmit={submit} className="space-y-4" noValidate>
        {isUnverified ? (
          <Alert tone="warning" title="Verify your email first">
            <p>{signIn.error?.message}</p>
            {resend.isSuccess ? (
              <p className="mt-2 font-medium">A new verification link is on its way.</p>
            ) : (
              <Button variant="secondary" className="mt-2" isLoading={resend.isPending} onClick={() => resend.mutate()}>
                Resend verification email
              </Button>
            )}
          </Alert>
        ) : (
          <FormError message={errors.form} />
        )}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.fields.email}
        />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.fields.password} />
        <div className="flex justify-end text-sm">
          <Link to="/forgot-password" search={email ? { email } : {}} className={linkClass}>
            Forgot your password?
          </Link>
        </div>
        <Button type="submit" className="w-full" isLoading={signIn.isPending}>
          Sign in
        </Button>
      </form>
      <DemoOffer onUse={(demo) => signIn.mutate(demo)} isPending={signIn.isPending} />
    </AuthLayout>
  );
}
