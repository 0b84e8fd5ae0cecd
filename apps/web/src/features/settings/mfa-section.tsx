import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { keys } from '../../lib/queries.ts';
import type { MfaSetup } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { RecoveryCodes } from './recovery-codes.tsx';

export function MfaSection() {
  const { me } = useCurrentOrg();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const isOn = me.user.mfaEnabled;
  return (
    <Section
      title="Two-factor authentication"
      description="Ask for a code from an authenticator app (Google Authenticator, 1Password, Authy…) when you sign in."
      actions={<Badge tone={isOn ? 'green' : 'gray'}>{isOn ? 'On' : 'Off'}</Badge>}
    >
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      ) : isOn ? (
        <DisableMfa />
      ) : (
        <EnrolMfa onEnabled={setRecoveryCodes} />
      )}
    </Section>
  );
}

function EnrolMfa({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const queryClient = useQueryClient();
  const setup = useMutation({ mutationFn: () => api.post<MfaSetup>('/me/mfa/setup') });
  const enable = useMutation({
    mutationFn: (code: string) => api.post<{ recoveryCodes: string[] }>('/me/mfa/enable', { code }),
    onSuccess: async (result) => {
      onEnabled(result.recoveryCodes);
      await queryClient.invalidateQueries({ queryKey: keys.me });
    },
  });
  const errors = formErrors(enable.error, ['code']);

  if (!setup.data) {
    return (
      <div className="space-y-3">
        {setup.isError && <Alert tone="error">{setup.error.message}</Alert>}
        <Button isLoading={setup.isPending} onClick={() => setup.mutate()}>
          Set up two-factor authentication
        </Button>
      </div>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    enable.mutate((readForm(event.currentTarget).code ?? '').trim());
  };

  return (
    <div className="grid gap-6 md:grid-cols-[auto_1fr]">
      <div>
        <p className="mb-2 text-sm font-medium text-gray-800">1. Scan this QR code</p>
        <img src={setup.data.qrCodeDataUrl} alt="QR code to add Adloop to your authenticator app" className="size-44 rounded-md ring-1 ring-gray-200" />
      </div>
      <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
        <TextField
          label="Secret key"
          name="secret"
          readOnly
          value={setup.data.secret}
          className="font-mono"
          hint="Cannot scan? Type this key into your authenticator app instead."
          onFocus={(event) => event.currentTarget.select()}
        />
        <p className="text-sm font-medium text-gray-800">2. Enter the 6-digit code the app shows</p>
        <FormError message={errors.form} />
        <TextField label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" required error={errors.fields.code} />
        <Button type="submit" isLoading={enable.isPending}>
          Turn on two-factor authentication
        </Button>
      </form>
    </div>
  );
}

function DisableMfa() {
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = useState(false);
  const disable = async (form: HTMLFormElement) => {
    const values = readForm(form);
    await api.post('/me/mfa/disable', { password: values.password ?? '', code: (values.code ?? '').trim() });
    await queryClient.invalidateQueries({ queryKey: keys.me });
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-600">Your account asks for an authenticator code at every sign-in.</p>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Turn off two-factor authentication
      </Button>
      <ConfirmDialog
        open={isOpen}
        onOpenChange={setOpen}
        title="Turn off two-factor authentication?"
        description="Your account will be protected by your password only. Organisations that require two-factor authentication will block you."
        confirmLabel="Turn off"
        onConfirm={disable}
        fieldNames={['password', 'code']}
      >
        {(errors) => (
          <>
            <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
            <TextField label="Authentication code" name="code" autoComplete="one-time-code" required hint="From your app, or a recovery code." error={errors.code} />
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
