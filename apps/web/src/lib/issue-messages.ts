/**
 * The API's validation messages come from Zod ("Invalid input: expected object, received
 * undefined"). People read them next to fields, after the field's name, so they are turned into
 * short phrases in the product's words here: "is required", "must be at most 200 characters".
 * Messages the server wrote itself pass through unchanged.
 */

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  bigint: 'must be a whole number',
  boolean: 'must be yes or no',
  array: 'must be a list',
  object: 'is missing or incomplete',
  date: 'must be a date',
};

const RULES: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/expected [a-z]+, received (undefined|null)$/i, () => 'is required'],
  [/^Invalid input: expected ([a-z]+)(?:, received \w+)?$/i, (m) => TYPE_WORDS[m[1]!.toLowerCase()] ?? 'is not valid'],
  [/^Expected ([a-z]+), received \w+$/i, (m) => TYPE_WORDS[m[1]!.toLowerCase()] ?? 'is not valid'],
  [/^Too small: expected string to have >=?1 characters?$/i, () => 'cannot be empty'],
  [/^Too small: expected string to have >=?(\d+) characters?$/i, (m) => `must be at least ${m[1]} characters`],
  [/^Too big: expected string to have <=?(\d+) characters?$/i, (m) => `must be at most ${m[1]} characters`],
  [/^Too small: expected array to have >=?(\d+) items?$/i, (m) => (m[1] === '1' ? 'needs at least one' : `needs at least ${m[1]}`)],
  [/^Too big: expected array to have <=?(\d+) items?$/i, (m) => `can have at most ${m[1]}`],
  [/^Too small: expected (?:number|int|bigint) to be >=(-?[\d.]+)$/i, (m) => `must be at least ${Number(m[1]).toLocaleString()}`],
  [/^Too small: expected (?:number|int|bigint) to be >(-?[\d.]+)$/i, (m) => `must be more than ${Number(m[1]).toLocaleString()}`],
  [/^Too big: expected (?:number|int|bigint) to be <=(-?[\d.]+)$/i, (m) => `must be at most ${Number(m[1]).toLocaleString()}`],
  [/^Too big: expected (?:number|int|bigint) to be <(-?[\d.]+)$/i, (m) => `must be less than ${Number(m[1]).toLocaleString()}`],
  [/^Invalid option: expected one of (.+)$/i, (m) => `must be one of ${m[1]!.replace(/"/g, '').split('|').join(', ')}`],
  [/^Invalid email address$/i, () => 'is not a valid email address'],
  [/^Invalid (UUID|GUID|cuid2?|ulid)$/i, () => 'is not a valid id'],
  [/^Invalid (URL|url)$/i, () => 'is not a valid web address'],
  [/^Invalid ISO (datetime|date|time)$/i, () => 'is not a valid date'],
  [/^Unrecognized keys?: (.+)$/i, (m) => `has fields Adloop does not know: ${m[1]!.replace(/"/g, '')}`],
  [/^Invalid input$/i, () => 'is not valid'],
  [/^Invalid string: must (.+)$/i, (m) => `must ${m[1]}`],
];

/** A validation message in the product's words (unchanged when it already is). */
export function humanIssueMessage(message: string): string {
  for (const [pattern, say] of RULES) {
    const match = pattern.exec(message.trim());
    if (match) return say(match);
  }
  return message;
}

/** "changes.0.amountMicros" → "Amount micros"; the last named part of a field path, in words. */
export function fieldWords(field: string): string {
  const name = field.split('.').reverse().find((part) => part && !/^\d+$/.test(part)) ?? field;
  const words = name.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Name is required" from a field and its phrase; a message that is already a sentence stays one. */
export const withField = (field: string, message: string) => (/^[a-z]/.test(message) ? `${fieldWords(field)} ${message}` : message);
