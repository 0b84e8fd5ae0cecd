import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { isApiError } from '../../lib/api.ts';
import { Spinner } from './spinner.tsx';
import { Button } from './button.tsx';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-2 py-10 text-sm text-gray-500">
      <Spinner />
      {label}
    </div>
  );
}

/** Explains a failed load, with a retry; a missing MFA enrolment links to the security page. */
export function ErrorState({ error, onRetry, orgId }: { error: unknown; onRetry?: () => void; orgId?: string }) {
  const message = error instanceof Error ? error.message : 'Something went wrong';
  const needsMfa = isApiError(error, 'mfa_enrolment_required');
  // Retrying helps with outages and network trouble, not with a 4xx answer.
  const canRetry = !isApiError(error) || error.status === 0 || error.status >= 500;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p className="font-semibold">{isApiError(error, 'forbidden') ? 'You do not have access to this' : 'Could not load this'}</p>
      <p className="mt-1">{message}</p>
      <div className="mt-3 flex gap-2">
        {needsMfa && orgId && (
          <Link to="/orgs/$orgId/settings/security" params={{ orgId }} className="font-semibold underline">
            Set up two-factor authentication
          </Link>
        )}
        {onRetry && canRetry && (
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        )}
      </div>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 px-6 py-10 text-center">
      <p className="text-sm font-semibold text-gray-900">{title}</p>
      {children && <div className="mt-1 text-sm text-gray-500">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
