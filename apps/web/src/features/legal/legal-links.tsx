import { Link } from '@tanstack/react-router';

const LINKS = [
  { to: '/legal/privacy', label: 'Privacy' },
  { to: '/legal/terms', label: 'Terms' },
  { to: '/legal/cookies', label: 'Cookies' },
  { to: '/legal/security', label: 'Security' },
  { to: '/legal/data-residency', label: 'Data residency' },
] as const;

/** The small row of links to the legal pages, for page footers. */
export function LegalLinks({ className = '' }: { className?: string }) {
  return (
    <nav aria-label="Legal" className={className}>
      <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-gray-600">
        {LINKS.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="hover:text-gray-900 hover:underline">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
