import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';

/** Ends the session, forgets every cached answer and goes to the sign-in page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [isPending, setPending] = useState(false);
  const signOut = async () => {
    setPending(true);
    try {
      await api.post('/auth/sign-out');
    } catch {
      // Signed out already, or the server is away: either way, leave the app.
    } finally {
      setPending(false);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.meta[0] });
      queryClient.setQueryData(keys.me, null);
      void navigate({ to: '/sign-in' });
    }
  };
  return { signOut, isPending };
}

export function SignOutButton({ variant = 'link' }: { variant?: 'link' }) {
  const { signOut, isPending } = useSignOut();
  return (
    <button type="button" onClick={signOut} disabled={isPending} className={variant === 'link' ? 'font-medium text-gray-600 hover:underline' : ''}>
      Sign out
    </button>
  );
}
