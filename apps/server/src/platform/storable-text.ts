/**
 * Text from outside (a platform's names) as PostgreSQL can hold it: text columns cannot hold
 * U+0000, which the platforms allow in free text. Request input with it is refused instead
 * (http/input-guard.ts): there the person can fix it.
 */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}
