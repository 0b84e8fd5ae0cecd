import type { PlatformId } from '../../lib/types.ts';

/** What a sync run counted, in words: singular and plural, by the key the server stores. */
const COUNT_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  campaigns: ['campaign', 'campaigns'],
  adGroups: ['ad group', 'ad groups'],
  ads: ['ad', 'ads'],
  outsideChanges: ['change made outside Adloop', 'changes made outside Adloop'],
  rows: ['row read', 'rows read'],
  written: ['row saved', 'rows saved'],
  days: ['day', 'days'],
  shrunk: ['report asked again in smaller parts', 'reports asked again in smaller parts'],
};

/** "someCount" or "some_count" → "some count", for keys a newer server sends. */
const words = (key: string) => key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * "12 campaigns, 30 ad sets, 1 change made outside Adloop": a run's counts as a sentence, in the
 * platform's own words (Meta's ad groups are ad sets). `format` writes the numbers.
 */
export function syncCountsText(counts: Record<string, number>, platform: PlatformId, format: (n: number) => string): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return '—';
  return entries
    .map(([key, value]) => {
      const known = Object.hasOwn(COUNT_WORDS, key) ? COUNT_WORDS[key] : undefined;
      let word = known ? known[value === 1 ? 0 : 1] : words(key);
      if (platform === 'meta' && key === 'adGroups') word = value === 1 ? 'ad set' : 'ad sets';
      return `${format(value)} ${word}`;
    })
    .join(', ');
}
