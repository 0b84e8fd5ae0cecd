import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { keys } from '../../lib/queries.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';

export function PasswordSection() {
  const queryClient = useQueryClient();
  const [mismatch, setMismatch] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post('/me/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
  const errors = formErrors(change.error, ['currentPassword', 'newPassword']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = readForm(form);
    if (values.newPassword !== values.confirmPassword) {
      setMismatch('The passwords do not match');
      return;
    }
    setMismatch(null);
    change.mutate({ currentPassword: values.currentPassword ?? '', newPassword: values.newPassword ?? '' }, { onSuccess: () => form.reset() });
  };

  return (
    <Section title="Password" description="Changing your password signs you out of every other session.">
      <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
        <FormError message={errors.form} />
        {change.isSuccess && <Alert tone="success">Password changed. Your other sessions were signed out.</Alert>}
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.fields.currentPassword} />
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint="At least 12 characters." error={errors.fields.newPassword} />
        <TextField label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={mismatch ?? undefined} />
        <Button type="submit" isLoading={change.isPending}>
          Change password
        </Button>
      </form>
    </Section>
  );
}
