import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { Logo } from '../../components/logo.tsx';
import { useHasDevMailbox } from '../../lib/queries.ts';
import { LegalLinks } from '../legal/legal-links.tsx';

/** The centred card every signed-out page uses. */
export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  const hasDevMailbox = useHasDevMailbox();
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <header>
        <Link to="/" aria-label="Adloop home">
          <Logo className="text-xl" />
        </Link>
      </header>
      <main className="mt-8 w-full max-w-md rounded-xl bg-white p-6 shadow-sm ring-1 ring-gray-200 sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">{title}</h1>
        {subtitle && <div className="mt-1 text-sm text-gray-600">{subtitle}</div>}
        <div className="mt-6">{children}</div>
      </main>
      <footer>
        {footer && <div className="mt-6 text-center text-sm text-gray-600">{footer}</div>}
        {hasDevMailbox && (
          <p className="mt-4 text-center text-xs text-gray-500">
            Sandbox mode: emails are not sent, they land in the{' '}
            <Link to="/dev/mailbox" className="font-medium text-indigo-600 hover:underline">
              dev mailbox
            </Link>
            .
          </p>
        )}
        <LegalLinks className="mt-6" />
      </footer>
    </div>
  );
}

export const linkClass = 'font-medium text-indigo-600 hover:text-indigo-500 hover:underline';
