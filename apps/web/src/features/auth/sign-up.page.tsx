import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { rememberReturnTo } from '../../lib/return-to.ts';
import { rememberReferral } from '../../lib/referral.ts';
import type { User } from '../../lib/types.ts';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { AuthLayout, linkClass } from './auth-layout.tsx';
import { GoogleSignInButton } from './google-button.tsx';
import { OrgReportingFields } from '../shell/org-reporting-fields.tsx';

const FIELDS = ['name', 'email', 'password', 'organizationName', 'reportingCurrency', 'timeZone'] as const;

export function SignUpPage() {
  const search = useSearch({ from: '/sign-up' });
  const navigate = useNavigate();
  const isJoining = search.redirect?.startsWith('/accept-invitation') ?? false;
  const [email, setEmail] = useState(search.email ?? '');
  const [organizationName, setOrganizationName] = useState('');
  // A referral link's code goes with the organisation's first checkout.
  useEffect(() => {
    if (search.ref) rememberReferral(search.ref);
  }, [search.ref]);
  const signUp = useMutation({
    mutationFn: (body: Record<string, string>) => api.post<{ user: User }>('/auth/sign-up', body),
    onSuccess: ({ user }) => {
      if (search.redirect) rememberReturnTo(search.redirect);
      void navigate({ to: '/check-email', search: { email: user.email } });
    },
  });
  const errors = formErrors(signUp.error, FIELDS);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    const body: Record<string, string> = { name: values.name ?? '', email: values.email ?? '', password: values.password ?? '' };
    if (values.organizationName?.trim()) {
      body.organizationName = values.organizationName;
      if (values.reportingCurrency) body.reportingCurrency = values.reportingCurrency;
      if (values.timeZone) body.timeZone = values.timeZone;
    }
    signUp.mutate(body);
  };

  return (
    <AuthLayout
      title="Create your Adloop account"
      subtitle={isJoining ? 'You are signing up to accept an invitation.' : 'Start automating your ads in minutes.'}
      footer={
        <>
          Already have an account?{' '}
          <Link to="/sign-in" search={search} className={linkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <GoogleSignInButton redirect={search.redirect} />
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={errors.form} />
        <TextField label="Your name" name="name" autoComplete="name" required error={errors.fields.name} />
        <TextField
          label="Work email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.fields.email}
        />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." error={errors.fields.password} />
        {!isJoining && (
          <TextField
            label="Organisation name"
            name="organizationName"
            autoComplete="organization"
            hint="Your company or agency. You can create more later."
            value={organizationName}
            onChange={(event) => setOrganizationName(event.target.value)}
            error={errors.fields.organizationName}
          />
        )}
        {!isJoining && organizationName.trim() && <OrgReportingFields errors={errors.fields} />}
        <Button type="submit" className="w-full" isLoading={signUp.isPending}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
