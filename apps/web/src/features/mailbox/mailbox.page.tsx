import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearch } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { keys, useHasDevMailbox, metaQuery } from '../../lib/queries.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { MailboxMessage } from '../../lib/types.ts';
import { Logo } from '../../components/logo.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useQuery } from '@tanstack/react-query';
import { MessageView } from './message-view.tsx';

/** Emails caught by the local SMTP sink (sandbox mode): how people read links without real email. */
export function MailboxPage() {
  const meta = useQuery(metaQuery);
  const hasDevMailbox = useHasDevMailbox();
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
          <Link to="/" aria-label="Adloop home">
            <Logo />
          </Link>
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">Sandbox</span>
          <Link to="/" className="ml-auto text-sm font-medium text-indigo-600 hover:underline">
            Back to Adloop
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Dev mailbox</h1>
        <p className="mt-1 text-sm text-gray-600">Every email Adloop sends in sandbox mode lands here instead of a real inbox.</p>
        <div className="mt-6">
          {meta.isPending ? (
            <LoadingState />
          ) : hasDevMailbox ? (
            <Mailbox />
          ) : (
            <Alert tone="info">This server sends real email, so there is no dev mailbox.</Alert>
          )}
        </div>
      </main>
    </div>
  );
}

function Mailbox() {
  const { id } = useSearch({ from: '/dev/mailbox' });
  const queryClient = useQueryClient();
  const messages = usePaged<MailboxMessage>(keys.mailbox, '/dev/mailbox', {}, { refetchInterval: 2000, limit: 50 });
  const [isClearing, setClearing] = useState(false);
  const selected = messages.items.find((m) => m.id === id);

  const clear = async () => {
    await api.delete('/dev/mailbox');
    await queryClient.resetQueries({ queryKey: keys.mailbox });
  };

  let list: React.ReactNode;
  if (messages.isPending) list = <LoadingState label="Loading emails…" />;
  else if (messages.isError) list = <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />;
  else if (messages.items.length === 0) list = <EmptyState title="No emails yet">Sign up or invite someone and the email shows up here within seconds.</EmptyState>;
  else
    list = (
      <>
        <ul aria-label="Emails" className="divide-y divide-gray-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
          {messages.items.map((message) => (
            <li key={message.id}>
              <Link
                to="/dev/mailbox"
                search={{ id: message.id }}
                aria-current={message.id === id ? 'true' : undefined}
                className={`block px-4 py-3 hover:bg-gray-50 ${message.id === id ? 'bg-indigo-50' : ''}`}
              >
                <p className="truncate text-sm font-medium text-gray-900">{message.subject}</p>
                <p className="truncate text-xs text-gray-500">To {message.to.join(', ')}</p>
                <p className="text-xs text-gray-500">{formatDateTime(message.receivedAt)}</p>
              </Link>
            </li>
          ))}
        </ul>
        <LoadMore hasNextPage={messages.hasNextPage} isFetchingNextPage={messages.isFetchingNextPage} fetchNextPage={messages.fetchNextPage} />
      </>
    );

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      {/* min-w-0: a long subject or address is cut short in its row, never widening the page on a phone. */}
      <div className="min-w-0 space-y-3">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-semibold text-gray-900">Inbox ({messages.items.length})</h2>
          {messages.items.length > 0 && (
            <Button variant="ghost" onClick={() => setClearing(true)}>
              Empty mailbox
            </Button>
          )}
        </div>
        {list}
      </div>
      <div className="min-w-0">{id ? <MessageView id={id} summary={selected} /> : <EmptyState title="Select an email to read it" />}</div>
      <ConfirmDialog open={isClearing} onOpenChange={setClearing} title="Empty the dev mailbox?" description="Every caught email is deleted." confirmLabel="Delete all emails" onConfirm={clear} />
    </div>
  );
}
