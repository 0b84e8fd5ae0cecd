import { useState, type FormEvent } from 'react';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { isApiError } from '../../lib/api.ts';
import { opsApi, type OperatorSession } from './ops-api.ts';
import { OpsSessionContext } from './ops-session.ts';

const ROLE_LABELS: Record<string, string> = { platform_admin: 'Platform Admin', support: 'Support', finance: 'Finance', on_call: 'On-Call' };

/** The operators' console: its own sign-in (password and TOTP code), then pages by role. */
export function OpsLayout() {
  const session = useQuery({ queryKey: ['ops', 'session'], queryFn: opsApi.session, retry: false });
  if (session.isPending) return <LoadingState label="Loading the console…" />;
  if (session.isError || !session.data) return <OpsSignIn />;
  if (session.data.passwordChangeRequired) return <OpsChoosePassword session={session.data} />;
  return <OpsShell session={session.data} />;
}

function OpsShell({ session }: { session: OperatorSession }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const can = (area: string) => session.areas.includes(area);
  const signOut = async () => {
    await opsApi.signOut().catch(() => undefined);
    queryClient.removeQueries({ queryKey: ['ops'] });
    await navigate({ to: '/ops' });
  };
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-300 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3 text-sm">
          <span className="font-semibold">Adloop operators</span>
          <nav aria-label="Console" className="flex gap-3">
            {can('tenants:read') && <Link to="/ops" className="hover:underline" activeOptions={{ exact: true }}>Tenants</Link>}
            {can('system') && <Link to="/ops/system" className="hover:underline">Jobs and queues</Link>}
            {can('operators') && <Link to="/ops/operators" className="hover:underline">Operators</Link>}
          </nav>
          <span className="ml-auto">{session.operator.email} · {ROLE_LABELS[session.operator.role] ?? session.operator.role}</span>
          <Button variant="secondary" onClick={() => void signOut()}>Sign out</Button>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">
        <OpsSessionContext.Provider value={session}>
          <Outlet />
        </OpsSessionContext.Provider>
      </main>
    </div>
  );
}

function OpsSignIn() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const session = await opsApi.signIn({ email: String(form.get('email')), password: String(form.get('password')), code: String(form.get('code')) });
      queryClient.setQueryData(['ops', 'session'], session);
    } catch (caught) {
      setError(isApiError(caught) ? caught.message : 'Could not sign in');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="mx-auto mt-16 max-w-sm rounded-lg bg-white p-6 shadow">
      <h1 className="mb-4 text-lg font-semibold">Operators’ console</h1>
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        <TextField label="Email" name="email" type="email" autoComplete="username" required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <TextField label="Authenticator code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required />
        <FormError message={error} />
        <Button type="submit" isLoading={isBusy}>Sign in</Button>
      </form>
    </main>
  );
}

/** First sign-in: the one-time password from `adloop operators add` only lets the operator choose their own. */
function OpsChoosePassword({ session }: { session: OperatorSession }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get('newPassword'));
    if (newPassword !== String(form.get('repeat'))) {
      setError('The two new passwords differ');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await opsApi.changePassword({ currentPassword: String(form.get('currentPassword')), newPassword });
      queryClient.setQueryData(['ops', 'session'], { ...session, passwordChangeRequired: false });
    } catch (caught) {
      setError(isApiError(caught) ? caught.message : 'Could not change the password');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="mx-auto mt-16 max-w-sm rounded-lg bg-white p-6 shadow">
      <h1 className="mb-2 text-lg font-semibold">Choose your password</h1>
      <p className="mb-4 text-sm text-gray-600">{session.operator.email}: the one-time password you were given works only to choose your own.</p>
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        <TextField label="One-time password" name="currentPassword" type="password" autoComplete="current-password" required />
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
        <TextField label="Repeat the new password" name="repeat" type="password" autoComplete="new-password" minLength={12} required />
        <FormError message={error} />
        <Button type="submit" isLoading={isBusy}>Save and continue</Button>
      </form>
    </main>
  );
}
