import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { LegalInfo } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { Logo } from '../../components/logo.tsx';
import { LoadingState, ErrorState } from '../../components/ui/states.tsx';
import { LegalLinks } from './legal-links.tsx';

export const legalInfoQuery = queryOptions({
  queryKey: ['legal'],
  queryFn: () => api.get<LegalInfo>('/legal'),
  staleTime: 5 * 60_000,
});

/** A signed-out legal page: the logo, the title, the text and the links to the other legal pages. */
export function LegalLayout({ title, updated, children }: { title: string; updated?: string; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center px-4 py-12">
      <header>
        <Link to="/" aria-label="Adloop home">
          <Logo className="text-xl" />
        </Link>
      </header>
      <main className="mt-8 w-full max-w-3xl rounded-xl bg-white p-6 shadow-sm ring-1 ring-gray-200 sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">{title}</h1>
        {updated && <p className="mt-1 text-sm text-gray-600">Last updated {updated}</p>}
        <div className="legal-text mt-6 space-y-4 text-sm leading-6 text-gray-700">{children}</div>
      </main>
      <footer className="mt-6">
        <LegalLinks />
      </footer>
    </div>
  );
}

/** A section of a legal page. */
export function LegalSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2 pt-2">
      <h2 className="text-base font-semibold text-gray-900">{title}</h2>
      {children}
    </section>
  );
}

/** Renders `children` with the operator's details once they have loaded. */
export function WithOperator({ children }: { children: (info: LegalInfo) => ReactNode }) {
  const info = useQuery(legalInfoQuery);
  if (info.isPending) return <LoadingState label="Loading the operator’s details…" />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  return <>{children(info.data)}</>;
}

/** Who runs this installation: name, address, contact. */
export function OperatorDetails({ info }: { info: LegalInfo }) {
  return (
    <address className="not-italic">
      <strong className="font-semibold text-gray-900">{info.companyName}</strong>
      <br />
      {info.address}
      <br />
      <a href={`mailto:${info.contactEmail}`} className="font-medium text-indigo-600 hover:underline">
        {info.contactEmail}
      </a>
    </address>
  );
}
