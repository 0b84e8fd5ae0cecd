import { isDay } from '../time/days.ts';

/** Cell parsers shared by the row validators. Each returns the value or a message saying what to write instead. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** One of `choices`, case-insensitive ("Pause" → "pause"). */
export function parseChoice<T extends string>(text: string, choices: readonly T[]): Parsed<T> {
  const found = choices.find((c) => c.toLowerCase() === text.trim().toLowerCase());
  return found ? ok(found) : fail(`must be one of ${choices.join(', ')}`);
}

/** A calendar date written YYYY-MM-DD. */
export function parseDay(text: string): Parsed<string> {
  const day = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return fail('must be a date like 2026-06-30');
  if (!isDay(day)) return fail('is not a calendar date');
  return ok(day);
}

/** A whole number between `min` and `max`. */
export function parseWhole(text: string, min: number, max: number): Parsed<number> {
  if (!/^\d+$/.test(text.trim())) return fail(`must be a whole number from ${min} to ${max}`);
  const value = Number(text.trim());
  return value < min || value > max ? fail(`must be from ${min} to ${max}`) : ok(value);
}

/** "a | b|c" → ["a", "b", "c"]; empty items are dropped. */
export function parseList(text: string): string[] {
  return text
    .split('|')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Two-letter country codes ("us|GB" → ["US", "GB"]). */
export function parseCountries(text: string): Parsed<string[]> {
  const codes = parseList(text).map((c) => c.toUpperCase());
  if (codes.length === 0) return fail('needs at least one country code like US');
  const bad = codes.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad) return fail(`"${bad}" is not a two-letter country code like US`);
  if (codes.length > 50) return fail('has more than 50 countries');
  return ok([...new Set(codes)]);
}

export type MatchType = 'EXACT' | 'PHRASE' | 'BROAD';

/** Keywords the way search ad editors write them: `[exact]`, `"phrase"`, or broad as is. */
export function parseKeywords(text: string): Parsed<Array<{ text: string; matchType: MatchType }>> {
  const keywords = parseList(text).map((item) => {
    if (/^\[.*\]$/.test(item)) return { text: item.slice(1, -1).trim(), matchType: 'EXACT' as const };
    if (/^".*"$/.test(item)) return { text: item.slice(1, -1).trim(), matchType: 'PHRASE' as const };
    return { text: item, matchType: 'BROAD' as const };
  });
  if (keywords.some((k) => k.text === '')) return fail('has an empty keyword');
  const long = keywords.find((k) => k.text.length > 80);
  if (long) return fail(`"${long.text.slice(0, 20)}…" is longer than 80 characters`);
  if (keywords.length > 200) return fail('has more than 200 keywords');
  return ok(keywords);
}

/** An http(s) address. */
export function parseUrl(text: string): Parsed<string> {
  const value = text.trim();
  if (value.length > 2000) return fail('is longer than 2,000 characters');
  if (!URL.canParse(value)) return fail('must be a full address like https://example.com/page');
  const protocol = new URL(value).protocol;
  return protocol === 'http:' || protocol === 'https:' ? ok(value) : fail('must start with http:// or https://');
}
