import type { ReactNode } from 'react';

type Tone = 'error' | 'success' | 'info' | 'warning';

const TONES: Record<Tone, string> = {
  error: 'bg-red-50 text-red-800 ring-red-200',
  success: 'bg-green-50 text-green-800 ring-green-200',
  info: 'bg-indigo-50 text-indigo-900 ring-indigo-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
};

/** A message box; errors are announced to screen readers. */
export function Alert({ tone = 'info', title, children }: { tone?: Tone; title?: ReactNode; children?: ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-md p-3 text-sm ring-1 ring-inset ${TONES[tone]}`}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? 'mt-1' : ''}>{children}</div>}
    </div>
  );
}

/** The words the API uses for the way forward at a plan limit; in a message they become a link to the Billing page. */
const BILLING_WORDS = 'Settings › Billing';

/** A message with "Settings › Billing" linked to the organisation's Billing page (plan limits, read-only objects). */
export function WithBillingLink({ message }: { message: string }) {
  const at = message.indexOf(BILLING_WORDS);
  const orgId = /^\/orgs\/([^/]+)/.exec(window.location.pathname)?.[1];
  if (at < 0 || !orgId) return <>{message}</>;
  return (
    <>
      {message.slice(0, at)}
      <a className="font-semibold underline" href={`/orgs/${orgId}/settings/billing`}>{BILLING_WORDS}</a>
      {message.slice(at + BILLING_WORDS.length)}
    </>
  );
}

/** The form-level error: shown when an error names no field of the form. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return <Alert tone="error"><WithBillingLink message={message} /></Alert>;
}
