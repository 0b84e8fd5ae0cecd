import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { keys } from '../../lib/queries.ts';
import type { User } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from './settings-layout.tsx';

export function ProfilePage() {
  return (
    <>
      <PageHeader title="Profile" description="How you appear to your team, and the email you sign in with." />
      <NameSection />
      <EmailSection />
    </>
  );
}

function NameSection() {
  const { me } = useCurrentOrg();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (name: string) => api.patch<{ user: User }>('/me', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.me }),
  });
  const errors = formErrors(update.error, ['name']);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(readForm(event.currentTarget).name ?? '');
  };
  return (
    <Section title="Your name">
      <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
        <FormError message={errors.form} />
        {update.isSuccess && <Alert tone="success">Your name is saved.</Alert>}
        <TextField label="Name" name="name" autoComplete="name" required defaultValue={me.user.name} error={errors.fields.name} />
        <Button type="submit" isLoading={update.isPending}>
          Save name
        </Button>
      </form>
    </Section>
  );
}

function EmailSection() {
  const { me } = useCurrentOrg();
  const change = useMutation({ mutationFn: (body: { newEmail: string; password: string }) => api.post('/me/email', body) });
  const errors = formErrors(change.error, ['newEmail', 'password']);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    change.mutate({ newEmail: values.newEmail ?? '', password: values.password ?? '' });
  };
  return (
    <Section title="Email address" description={`You sign in with ${me.user.email}. To change it, confirm with your password; we email a link to the new address.`}>
      {change.isSuccess ? (
        <Alert tone="success" title="Check your new inbox">
          We sent a confirmation link to {change.variables.newEmail}. Your email changes when you open it.
        </Alert>
      ) : (
        <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
          <FormError message={errors.form} />
          <TextField label="New email" name="newEmail" type="email" autoComplete="email" required error={errors.fields.newEmail} />
          <TextField label="Current password" name="password" type="password" autoComplete="current-password" required error={errors.fields.password} />
          <Button type="submit" isLoading={change.isPending}>
            Change email
          </Button>
        </form>
      )}
    </Section>
  );
}
