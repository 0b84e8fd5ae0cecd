import type { ReactNode } from 'react';
import { Navigate, useRouter } from '@tanstack/react-router';
import { useMe } from '../../lib/queries.ts';
import type { Me } from '../../lib/types.ts';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';

/** Renders children with the signed-in person; sends everyone else to sign in and back. */
export function RequireAuth({ children }: { children: (me: Me) => ReactNode }) {
  const me = useMe();
  // Read, not subscribed: re-rendering on every location change would re-fire <Navigate> below.
  const router = useRouter();
  if (me.isPending) return <LoadingState />;
  if (me.isError) {
    return (
      <div className="mx-auto max-w-md p-6">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) return <Navigate to="/sign-in" search={{ redirect: router.state.location.href }} replace />;
  return <>{children(me.data)}</>;
}
