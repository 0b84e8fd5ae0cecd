import { findGimmickyCaps, fixGimmickyCaps } from './caps.ts';
import type { CopyPolicy } from './policy.ts';
import { tidy } from './text.ts';

/** One style rule: where it applies, how to find the first offending piece of a text, and how to fix the text. */
export interface EditorialRule {
  id: string;
  policy: keyof Pick<CopyPolicy, 'exclamationInHeadline' | 'repeatedPunctuation' | 'gimmickyCaps' | 'symbolsForWords' | 'ellipsisAndBullets' | 'spacing' | 'repetition' | 'phoneNumbers' | 'emoji'>;
  headlinesOnly: boolean;
  find: (text: string, allowed: ReadonlySet<string>) => string | null;
  fix: (text: string, allowed: ReadonlySet<string>) => string;
  message: (found: string) => string;
}

const first = (pattern: RegExp) => (text: string): string | null => pattern.exec(text)?.[0] ?? null;

const REPEATED = /[!?]{2,}|([,;:*$#@%&~^+=_/\\|<>"'-])\1+/u;
const EMOJI = /(?![©®™])[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const EMOJI_PARTS = /(?![©®™])[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u200D\uFE0F]/gu;
const ELLIPSIS = /…|\.{2,}|[•◦▪▫●○■□►▸‣⁃]|[¹²³⁰⁴-⁹ⁿ]/u;

/** "4 u", "2day", "b4", "u" for you, "F1owers", "$ave": numbers, letters and symbols standing in for words. */
const STAND_INS: ReadonlyArray<[RegExp, string]> = [
  [/(?<![\p{L}\p{N}])4(?:\s+|-)(?=(?:u|you|ur|your|sale|less|rent|all|ever|free|life)(?![\p{L}\p{N}]))/giu, 'for '],
  [/(?<![\p{L}\p{N}])2(?:\s+|-)(?=(?:u|you|go|b)(?![\p{L}\p{N}]))/giu, 'to '],
  [/(?<![\p{L}\p{N}])2day(?![\p{L}\p{N}])/giu, 'today'],
  [/(?<![\p{L}\p{N}])2nite(?![\p{L}\p{N}])/giu, 'tonight'],
  [/(?<![\p{L}\p{N}])2morrow(?![\p{L}\p{N}])/giu, 'tomorrow'],
  [/(?<![\p{L}\p{N}])4ever(?![\p{L}\p{N}])/giu, 'forever'],
  [/(?<![\p{L}\p{N}])b4(?![\p{L}\p{N}])/giu, 'before'],
  [/(?<![\p{L}\p{N}])gr8(?![\p{L}\p{N}])/giu, 'great'],
  [/(?<![\p{L}\p{N}])l8r(?![\p{L}\p{N}])/giu, 'later'],
  [/(?<![\p{L}\p{N}.'’-])(?:u)(?![\p{L}\p{N}.'’-])/gu, 'you'],
  [/(?<![\p{L}\p{N}.'’-])(?:ur)(?![\p{L}\p{N}.'’-])/gu, 'your'],
  [/(?<![\p{L}\p{N}.'’-])(?:thx)(?![\p{L}\p{N}.'’-])/giu, 'thanks'],
  [/(?<![\p{L}\p{N}.'’-])(?:pls|plz)(?![\p{L}\p{N}.'’-])/giu, 'please'],
];
const LEET_WORD = /(?<![\p{L}\p{N}])\p{L}+[013457]\p{L}{3,}(?![\p{L}\p{N}])/gu;
const LEET_LETTERS: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const DOLLAR_WORD = /\$(?=\p{L})/gu;
const REPEATED_WORD = /(?<![\p{L}\p{N}])([\p{L}\p{N}]+)(?:\s+\1)+(?![\p{L}\p{N}])/iu;
const PHONE = /\+?\(?\d[\d\s().-]{7,}\d/u;

function findStandIn(text: string): string | null {
  for (const [pattern] of STAND_INS) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (match) return text.slice(match.index, match.index + Math.max(match[0].length, 4)).trim();
  }
  return text.match(LEET_WORD)?.[0] ?? text.match(/\$\p{L}+/u)?.[0] ?? null;
}

/** The text with stand-ins written out as words. */
export function fixStandIns(text: string): string {
  let fixed = text;
  for (const [pattern, word] of STAND_INS) fixed = fixed.replace(pattern, word);
  fixed = fixed.replace(LEET_WORD, (word) => word.replace(/[013457]/g, (digit) => LEET_LETTERS[digit] ?? digit));
  return fixed.replace(DOLLAR_WORD, 's');
}

export const EDITORIAL_RULES: readonly EditorialRule[] = [
  {
    id: 'editorial.exclamation',
    policy: 'exclamationInHeadline',
    headlinesOnly: true,
    find: first(/[!¡]/u),
    fix: (text) => tidy(text.replace(/\s*[!¡]+/gu, ' ')),
    message: () => 'Headlines cannot have an exclamation mark.',
  },
  {
    id: 'editorial.repeated-punctuation',
    policy: 'repeatedPunctuation',
    headlinesOnly: false,
    find: first(REPEATED),
    fix: (text) => text.replace(/([!?])[!?]+/gu, '$1').replace(/([,;:*$#@%&~^+=_/\\|<>"'-])\1+/gu, '$1'),
    message: (found) => `Repeated punctuation or symbols (“${found}”) are not allowed.`,
  },
  {
    id: 'editorial.ellipsis',
    policy: 'ellipsisAndBullets',
    headlinesOnly: false,
    find: first(ELLIPSIS),
    fix: (text) => tidy(text.replace(/…|\.{2,}/gu, ' ').replace(/[•◦▪▫●○■□►▸‣⁃]|[¹²³⁰⁴-⁹ⁿ]/gu, ' ')),
    message: (found) => `Ellipses, bullets and superscripts (“${found}”) are not allowed.`,
  },
  {
    id: 'editorial.symbols',
    policy: 'symbolsForWords',
    headlinesOnly: false,
    find: findStandIn,
    fix: fixStandIns,
    message: (found) => `Numbers, letters or symbols stand in for words (“${found}”); write the words out.`,
  },
  {
    id: 'editorial.caps',
    policy: 'gimmickyCaps',
    headlinesOnly: false,
    find: findGimmickyCaps,
    fix: fixGimmickyCaps,
    message: (found) => `“${found}” uses capitals for emphasis; only acronyms and names may be written in capitals.`,
  },
  {
    id: 'editorial.emoji',
    policy: 'emoji',
    headlinesOnly: false,
    find: first(EMOJI),
    fix: (text) => tidy(text.replace(EMOJI_PARTS, ' ')),
    message: (found) => `Emoji (${found}) are not allowed here.`,
  },
  {
    id: 'editorial.repetition',
    policy: 'repetition',
    headlinesOnly: false,
    find: first(REPEATED_WORD),
    fix: (text) => text.replace(new RegExp(REPEATED_WORD.source, 'giu'), '$1'),
    message: (found) => `“${found}” repeats a word for effect.`,
  },
  {
    id: 'editorial.phone-number',
    policy: 'phoneNumbers',
    headlinesOnly: false,
    find: first(PHONE),
    fix: (text) => tidy(text.replace(new RegExp(PHONE.source, 'gu'), ' ')),
    message: (found) => `Phone numbers (${found}) do not belong in ad text; add a call asset instead.`,
  },
  {
    id: 'editorial.spacing',
    policy: 'spacing',
    headlinesOnly: false,
    find: first(/\s{2,}/u),
    fix: (text) => text.replace(/\s{2,}/gu, ' '),
    message: () => 'Extra spaces between words are not allowed.',
  },
];
