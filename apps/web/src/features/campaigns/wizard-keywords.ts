export type MatchType = 'EXACT' | 'PHRASE' | 'BROAD';
export interface ParsedKeyword {
  text: string;
  matchType: MatchType;
}

export const MATCH_WORDS: Record<MatchType, string> = { EXACT: 'Exact match', PHRASE: 'Phrase match', BROAD: 'Broad match' };

/**
 * Keywords typed one per line in Google's own notation: [running shoes] is exact match,
 * "running shoes" phrase match, running shoes broad match. Blank lines are skipped.
 */
export function parseKeywords(text: string): ParsedKeyword[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const exact = /^\[(.*)\]$/.exec(line);
      if (exact) return { text: (exact[1] ?? '').trim(), matchType: 'EXACT' as const };
      const phrase = /^["“](.*)["”]$/.exec(line);
      if (phrase) return { text: (phrase[1] ?? '').trim(), matchType: 'PHRASE' as const };
      return { text: line.replace(/\s+/g, ' '), matchType: 'BROAD' as const };
    });
}

/** What is wrong with the keywords, line by line as typed; null when they can be sent. */
export function keywordsProblem(keywords: ParsedKeyword[], matchTypes: readonly MatchType[]): string | null {
  if (keywords.length === 0) return 'Add at least one keyword: the searches the ads show for';
  if (keywords.length > 200) return 'Add at most 200 keywords';
  const seen = new Set<string>();
  for (const k of keywords) {
    if (k.text === '') return 'A line has brackets or quotes with nothing inside';
    if (k.text.length > 80) return `“${k.text.slice(0, 30)}…” is longer than 80 characters`;
    if (k.text.split(' ').length > 10) return `“${k.text}” has more than 10 words`;
    if (/[!@%,*^=;`~<>?\\|{}]/.test(k.text)) return `“${k.text}” has characters keywords cannot have (such as ! @ % , * ?)`;
    if (!matchTypes.includes(k.matchType)) return `${MATCH_WORDS[k.matchType]} is not available here`;
    const key = `${k.matchType}:${k.text.toLowerCase()}`;
    if (seen.has(key)) return `“${k.text}” is listed twice as ${MATCH_WORDS[k.matchType].toLowerCase()}`;
    seen.add(key);
  }
  return null;
}
