import { useQuery } from '@tanstack/react-query';
import type { DemoOfferResponse } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { Button } from '../../components/ui/button.tsx';

export interface DemoSignIn {
  email: string;
  password: string;
}

/**
 * Sandbox mode only: the demo account, with its sign-in shown and one button to use it. The server
 * answers no demo in production mode, and then nothing is rendered.
 */
export function DemoOffer({ onUse, isPending }: { onUse: (demo: DemoSignIn) => void; isPending: boolean }) {
  const offer = useQuery({ queryKey: ['demo-offer'], queryFn: () => api.get<DemoOfferResponse>('/demo'), staleTime: Infinity, retry: false });
  const demo = offer.data?.demo;
  if (!demo) return null;
  return (
    <section aria-labelledby="demo-offer-title" className="mt-6 rounded-md bg-indigo-50 p-4 text-sm text-indigo-900 ring-1 ring-inset ring-indigo-200">
      <h2 id="demo-offer-title" className="font-semibold">
        Try the demo
      </h2>
      <p className="mt-1">
        A demo organisation with Google Ads, Meta and TikTok sandbox accounts. Sign in as <span className="font-medium">{demo.email}</span> with the
        password <span className="font-mono">{demo.password}</span>.
      </p>
      <Button variant="secondary" className="mt-3 w-full" isLoading={isPending} onClick={() => onUse(demo)}>
        Sign in to the demo
      </Button>
    </section>
  );
}
