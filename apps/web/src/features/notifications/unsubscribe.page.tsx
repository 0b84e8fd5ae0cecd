import { useState } from 'react';
import { useSearch } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { AuthLayout } from '../auth/auth-layout.tsx';

interface UnsubscribeResult {
  kind: string | null;
  label: string;
  organizationName: string | null;
  email: string;
  unsubscribed: boolean;
}

/** The page an email's unsubscribe link opens: no sign-in, one button (a link scanner's GET changes nothing). */
export function UnsubscribePage() {
  const { token } = useSearch({ from: '/unsubscribe' });
  const info = useQuery({ queryKey: ['unsubscribe', token], queryFn: () => api.get<UnsubscribeResult>('/notifications/unsubscribe', { token }), enabled: Boolean(token), retry: false });
  const [done, setDone] = useState<UnsubscribeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await api.post<UnsubscribeResult>(`/notifications/unsubscribe?token=${encodeURIComponent(token ?? '')}`, {}));
    } catch (e) {
      setError(isApiError(e) ? e.message : 'Could not unsubscribe. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthLayout title="Unsubscribe">
      {!token && <Alert tone="error">This link is incomplete. Open the link from the email again.</Alert>}
      {info.isPending && token && <LoadingState label="Reading the link…" />}
      {info.isError && <Alert tone="error" title="This link does not work">{isApiError(info.error) ? info.error.message : 'Try again later.'}</Alert>}
      {info.data && !done && (
        <div className="space-y-4">
          <p className="text-sm text-gray-700">
            Stop <strong>{info.data.label}</strong> emails to {info.data.email}
            {info.data.organizationName ? ` from ${info.data.organizationName}` : ''}? You still see them in the app, and can turn them back on in Settings › Notifications.
          </p>
          {error && <Alert tone="error">{error}</Alert>}
          <Button onClick={() => void confirm()} isLoading={busy} className="w-full">
            Unsubscribe
          </Button>
        </div>
      )}
      {done && (
        <Alert tone="success" title="Unsubscribed">
          {done.email} no longer receives {done.label.toLowerCase()} emails{done.organizationName ? ` from ${done.organizationName}` : ''}.
        </Alert>
      )}
    </AuthLayout>
  );
}
