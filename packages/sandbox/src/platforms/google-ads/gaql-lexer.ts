import { queryError } from './gaql.types.ts';

export type GaqlToken =
  | { kind: 'word'; text: string; upper: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string; value: number }
  | { kind: 'symbol'; text: string };

const SYMBOLS = ['!=', '>=', '<=', '=', '>', '<', ',', '(', ')'];

/** Splits a GAQL query into words (keywords, field names, enum values), literals and symbols. */
export function tokenize(query: string): GaqlToken[] {
  const tokens: GaqlToken[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < query.length && query.charAt(j) !== c) {
        if (query.charAt(j) === '\\' && j + 1 < query.length) j++;
        text += query.charAt(j);
        j++;
      }
      if (j >= query.length) throw queryError('UNEXPECTED_END_OF_QUERY', 'Error in query: unexpected end of query.', query.slice(i));
      tokens.push({ kind: 'string', text });
      i = j + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (number && (c !== '-' || /\d/.test(query.charAt(i + 1)))) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], upper: word[0].toUpperCase() });
      i += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
    if (!symbol) throw queryError('BAD_SYMBOL', `Error in query: unexpected input ${c}.`, c);
    tokens.push({ kind: 'symbol', text: symbol });
    i += symbol.length;
  }
  return tokens;
}
