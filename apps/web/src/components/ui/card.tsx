import { useId, type ReactNode } from 'react';

/** A titled section of a page: a third-level heading on settings pages, a second-level one (`level={2}`) right under a page's title. */
export function Section({ title, description, actions, level = 3, children }: { title: string; description?: ReactNode; actions?: ReactNode; level?: 2 | 3; children: ReactNode }) {
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-gray-100 px-5 py-4">
        <div>
          <Heading id={headingId} className="text-base font-semibold text-gray-900">
            {title}
          </Heading>
          {description && <p className="mt-1 text-sm text-gray-500">{description}</p>}
        </div>
        {actions}
      </header>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

export function Badge({ children, tone = 'gray' }: { children: ReactNode; tone?: 'gray' | 'green' | 'amber' | 'indigo' | 'red' }) {
  const tones = {
    gray: 'bg-gray-100 text-gray-700',
    green: 'bg-green-100 text-green-800',
    amber: 'bg-amber-100 text-amber-800',
    indigo: 'bg-indigo-100 text-indigo-800',
    red: 'bg-red-100 text-red-800',
  };
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}
