import type { PlatformCreationOptions } from '../../lib/types.ts';

type Ages = PlatformCreationOptions['ages'];
type Option = { value: string; label: string };

const ageWord = (age: number) => (age >= 65 ? '65+' : String(age));
const bucketWord = (from: number, to: number) => (to >= 65 ? `${from}+` : `${from}–${to}`);

/**
 * The age selects as the platform defines ages: any year in its range (Meta 18–65+), or its own
 * ranges (Google 18–24 … 65+, TikTok 18–24 … 55+), "from" taking a range's first year and "to" its last.
 */
export function ageChoices(ages: Ages): { min: Option[]; max: Option[]; minLabel: string; maxLabel: string; lowest: number; note: string } {
  if (ages.kind === 'range') {
    const years = Array.from({ length: ages.max - ages.min + 1 }, (_, i) => ages.min + i);
    return {
      min: years.map((a) => ({ value: String(a), label: ageWord(a) })),
      max: years.map((a) => ({ value: String(a), label: ageWord(a) })),
      minLabel: 'Minimum age',
      maxLabel: 'Maximum age',
      lowest: ages.min,
      note: `Any age from ${ages.min} to ${ageWord(ages.max)}.`,
    };
  }
  const buckets = ages.buckets;
  return {
    min: buckets.map((b) => ({ value: String(b.from), label: bucketWord(b.from, b.to) })),
    max: buckets.map((b) => ({ value: String(b.to), label: bucketWord(b.from, b.to) })),
    minLabel: 'From age range',
    maxLabel: 'To age range',
    lowest: buckets[0]?.from ?? 18,
    note: `This platform targets ages in ranges: ${buckets.map((b) => bucketWord(b.from, b.to)).join(', ')}.`,
  };
}

/** "ages 25–54", "ages 18–65+", "all ages". */
export function ageSummary(ages: Ages, ageMin: string, ageMax: string): string {
  if (!ageMin && !ageMax) return 'all ages';
  const lowest = ages.kind === 'range' ? ages.min : (ages.buckets[0]?.from ?? 18);
  return `ages ${ageMin || lowest}–${ageMax ? ageWord(Number(ageMax)) : '65+'}`;
}
