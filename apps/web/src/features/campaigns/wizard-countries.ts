import { countryName } from './wizard-model.ts';

/** Countries matching typed text by name (in the browser's language) or code, best first. */
export function matchCountries(countries: readonly string[], text: string, exclude: readonly string[], limit = 8): string[] {
  const query = text.trim().toLocaleLowerCase();
  if (query === '') return [];
  const scored: Array<[code: string, score: number]> = [];
  for (const code of countries) {
    if (exclude.includes(code)) continue;
    const name = countryName(code).toLocaleLowerCase();
    const score = code.toLowerCase() === query ? 0 : name.startsWith(query) ? 1 : name.split(/[\s(-]+/).some((w) => w.startsWith(query)) ? 2 : name.includes(query) ? 3 : -1;
    if (score >= 0) scored.push([code, score]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || countryName(a[0]).localeCompare(countryName(b[0])))
    .slice(0, limit)
    .map(([code]) => code);
}
