import type { ActorType } from '../../lib/types.ts';

/** Who made or decided a change, in words: the kind first, so a rule is never mistaken for a person. */
export const ACTOR_KINDS: Readonly<Record<ActorType, string>> = {
  user: 'Person',
  api_key: 'API key',
  rule: 'Rule',
  ai: 'AI',
  system: 'Adloop',
  platform: 'On the platform',
};

/** "Person jane@example.com", "Rule Pause losers", "AI", "AI, asked by jane@example.com", "On the platform". */
export function actorText(type: ActorType | null, label: string | null): string {
  if (type === null) return label ?? 'Someone';
  const kind = ACTOR_KINDS[type];
  // AI-assisted copy names the person who asked for it: "AI, asked by jane@example.com".
  const asked = type === 'ai' ? /\(asked by ([^)]+)\)/.exec(label ?? '') : null;
  if (asked) return `${kind}, asked by ${asked[1]}`;
  // Adloop, the AI and the platform are named by their kind; their labels repeat it.
  if (type === 'system' || type === 'platform' || type === 'ai' || !label) return kind;
  return `${kind} ${label}`;
}

const ICONS: Record<ActorType, string> = {
  user: 'M10 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-6 6a6 6 0 0 1 12 0',
  api_key: 'M12.5 7.5a3 3 0 1 1-2.8 4H4v2.5M7 11.5V14',
  rule: 'M4 5h12M4 10h8M4 15h5M15 12l2 2-2 2',
  ai: 'M10 3v3M10 14v3M3 10h3M14 10h3M6 6l1.5 1.5M12.5 12.5 14 14M14 6l-1.5 1.5M7.5 12.5 6 14',
  system: 'M4 10a6 6 0 1 0 12 0 6 6 0 0 0-12 0Zm6-3v3l2 2',
  platform: 'M3 6h14v9H3zM7 17h6',
};

/** The actor with an icon; the icon is decoration, the words carry the meaning. */
export function ActorLabel({ type, label, className = '' }: { type: ActorType | null; label: string | null; className?: string }) {
  return (
    <span className={`inline-flex min-w-0 items-center gap-1 ${className}`}>
      {type && (
        <svg viewBox="0 0 20 20" className="size-3.5 shrink-0 text-gray-600" aria-hidden="true">
          <path d={ICONS[type]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      )}
      <span className="min-w-0 break-words">{actorText(type, label)}</span>
    </span>
  );
}
