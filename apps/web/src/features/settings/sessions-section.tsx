import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { Session } from '../../lib/types.ts';
import { describeAgent, describePlace } from './session-labels.ts';
import { Badge, Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';

export function SessionsSection() {
  const sessions = useQuery({ queryKey: keys.sessions, queryFn: () => api.get<{ items: Session[] }>('/me/sessions') });
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<Session | null>(null);

  const revoke = async () => {
    if (!revoking) return;
    await api.delete(`/me/sessions/${revoking.id}`);
    await queryClient.invalidateQueries({ queryKey: keys.sessions });
  };

  let body: React.ReactNode;
  if (sessions.isPending) body = <LoadingState label="Loading sessions…" />;
  else if (sessions.isError) body = <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  else if (sessions.data.items.length === 0) body = <EmptyState title="No active sessions" />;
  else
    body = (
      <ul className="divide-y divide-gray-100">
        {sessions.data.items.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="flex items-center gap-2 text-sm font-medium text-gray-900">
                {describeAgent(session.userAgent)}
                {session.current && <Badge tone="indigo">This device</Badge>}
              </p>
              <p className="text-xs text-gray-500">
                {describePlace(session)} · signed in {formatDateTime(session.createdAt)} · last active {formatRelative(session.lastSeenAt)}
              </p>
            </div>
            {!session.current && (
              <Button variant="secondary" onClick={() => setRevoking(session)} aria-label={`Sign out ${describeAgent(session.userAgent)} session from ${describePlace(session)}`}>
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
    );

  return (
    <Section title="Sessions" description="Devices signed in to your account. Sign out any you do not recognise.">
      {body}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Sign out this session?"
        description={revoking ? `${describeAgent(revoking.userAgent)} (${describePlace(revoking)}) will need to sign in again.` : ''}
        confirmLabel="Sign out session"
        onConfirm={revoke}
      />
    </Section>
  );
}
