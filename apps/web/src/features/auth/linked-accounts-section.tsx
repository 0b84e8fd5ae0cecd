import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LinkedIdentity } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { googleStatusQuery } from './google-button.tsx';

const identitiesKey = ['me', 'identities'] as const;

/** Settings → Security: the Google account that can sign in as you, and unlinking it. */
export function LinkedAccountsSection() {
  const identities = useQuery({ queryKey: identitiesKey, queryFn: () => api.get<{ items: LinkedIdentity[] }>('/me/identities') });
  const google = useQuery(googleStatusQuery);
  const linkHref = `/api/v1/auth/google/start?intent=link&redirect=${encodeURIComponent(window.location.pathname)}`;
  const queryClient = useQueryClient();
  const [unlinking, setUnlinking] = useState<LinkedIdentity | null>(null);

  const unlink = async () => {
    if (!unlinking) return;
    await api.delete(`/me/identities/${unlinking.id}`);
    await queryClient.invalidateQueries({ queryKey: identitiesKey });
  };

  let body: React.ReactNode;
  if (identities.isPending) body = <LoadingState label="Loading linked accounts…" />;
  else if (identities.isError) body = <ErrorState error={identities.error} onRetry={() => void identities.refetch()} />;
  else if (identities.data.items.length === 0)
    body = (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-gray-600">No Google account is linked.</p>
        {google.data?.enabled && (
          <a href={linkHref} className={buttonClass('secondary')}>
            Link a Google account
          </a>
        )}
      </div>
    );
  else
    body = (
      <ul className="divide-y divide-gray-100">
        {identities.data.items.map((identity) => (
          <li key={identity.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="text-sm font-medium text-gray-900">Google · {identity.email}</p>
              <p className="text-xs text-gray-500">
                Linked {formatDateTime(identity.createdAt)}
                {identity.lastUsedAt && ` · last used ${formatDateTime(identity.lastUsedAt)}`}
              </p>
            </div>
            <Button variant="secondary" onClick={() => setUnlinking(identity)} aria-label={`Unlink Google account ${identity.email}`}>
              Unlink
            </Button>
          </li>
        ))}
      </ul>
    );

  return (
    <Section title="Sign in with Google" description="Google accounts that can sign in to Adloop as you.">
      {body}
      <ConfirmDialog
        open={unlinking !== null}
        onOpenChange={(open) => !open && setUnlinking(null)}
        title="Unlink this Google account?"
        description={unlinking ? `${unlinking.email} will no longer sign you in. Sign in with your email and password instead; if you never set a password, use “Forgot your password?”.` : ''}
        confirmLabel="Unlink"
        onConfirm={unlink}
      />
    </Section>
  );
}
