import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { MailboxMessage } from '../../lib/types.ts';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';

/** Links in the email open in the whole window, not inside the frame. */
function withTopTarget(html: string): string {
  const base = '<base target="_top">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : /<body/i.test(html) ? html.replace(/<body/i, `${base}<body`) : `${base}${html}`;
}

export function MessageView({ id, summary }: { id: string; summary: MailboxMessage | undefined }) {
  const message = useQuery({
    queryKey: keys.mail(id),
    queryFn: () => api.get<MailboxMessage>(`/dev/mailbox/${id}`),
    ...(summary ? { initialData: summary } : {}),
  });
  if (message.isPending) return <LoadingState label="Opening the email…" />;
  if (message.isError) return <ErrorState error={message.error} onRetry={() => void message.refetch()} />;
  const mail = message.data;

  return (
    <article aria-labelledby="mail-subject" className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200">
      <header>
        <h2 id="mail-subject" className="text-lg font-semibold text-gray-900">
          {mail.subject}
        </h2>
        <dl className="mt-2 grid grid-cols-[4rem_1fr] gap-x-2 text-sm text-gray-600">
          <dt className="text-gray-500">From</dt>
          <dd>{mail.from}</dd>
          <dt className="text-gray-500">To</dt>
          <dd>{mail.to.join(', ')}</dd>
          <dt className="text-gray-500">Date</dt>
          <dd>{formatDateTime(mail.receivedAt)}</dd>
        </dl>
      </header>
      {mail.links.length > 0 && (
        <nav aria-label="Links in this email" className="rounded-md bg-indigo-50 p-3 text-sm">
          <p className="font-medium text-indigo-900">Links in this email</p>
          <ul className="mt-1 space-y-1">
            {mail.links.map((link) => (
              <li key={link} className="break-all">
                <a href={link} className="text-indigo-700 underline hover:text-indigo-500">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {mail.html ? (
        <iframe
          title={`HTML part of “${mail.subject}”`}
          sandbox="allow-popups allow-top-navigation-by-user-activation"
          srcDoc={withTopTarget(mail.html)}
          className="h-80 w-full rounded-md bg-white ring-1 ring-gray-200"
        />
      ) : null}
      <details>
        <summary className="cursor-pointer text-sm font-medium text-gray-700">Text part</summary>
        <pre className="mt-2 overflow-x-auto rounded-md bg-gray-50 p-3 font-mono text-xs whitespace-pre-wrap text-gray-800">{mail.text}</pre>
      </details>
    </article>
  );
}
