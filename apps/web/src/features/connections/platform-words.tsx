/** A platform's own error message, quoted as it said it. */
export function PlatformWords({ platformName, text }: { platformName: string; text: string }) {
  return (
    <figure className="mt-1">
      <figcaption className="text-xs font-medium opacity-80">{platformName} said:</figcaption>
      <blockquote className="mt-0.5 border-l-2 border-current/30 pl-2 font-mono text-xs break-words">{text}</blockquote>
    </figure>
  );
}
