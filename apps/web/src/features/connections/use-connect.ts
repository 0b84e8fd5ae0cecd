import { useEffect } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { PlatformId, StartConnectResult } from '../../lib/types.ts';

/**
 * Starts connecting (or reconnecting) a platform: asks Adloop for the platform's consent page and
 * sends the browser there. The platform sends it back to this page with `?pick=` or `?error=`.
 */
export function useStartConnect(orgId: string) {
  const mutation = useMutation({
    mutationFn: (platform: PlatformId) => api.post<StartConnectResult>(`/orgs/${orgId}/connections/authorize`, { platform }),
    onSuccess: ({ authorizeUrl }) => {
      window.location.href = authorizeUrl;
      // Stays pending while the browser leaves, so the button keeps its spinner.
      return new Promise<void>(() => undefined);
    },
  });
  const { reset } = mutation;
  useEffect(() => {
    // Coming back with the Back button restores this page as it was left: clear the spinner.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) reset();
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [reset]);
  return mutation;
}
