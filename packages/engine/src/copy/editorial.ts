import { findGimmickyCaps, fixGimmickyCaps } from './caps.ts';
import type { CopyPolicy } from './policy.ts';
import { tidy } from './text.ts';

/** One style rule: where it applies, how to find the first offending piece of a text, and how to fix the text. */
export interface EditorialRule {
  id: string;
  policy: keyof Pick<CopyPolicy, 'exclamationInHeadline' | 'repeatedPunctuation' | 'gimmickyCaps' | 'symbolsForWords' | 'ellipsisAndBullets' | 'spacing' | 'repetition' | 'phoneNumbers' | 'emoji' | 'unsupportedCharacters' | 'genericCallToAction'>;
  headlinesOnly: boolean;
  find: (text: string, allowed: ReadonlySet<string>) => string | null;
  fix: (text: string, allowed: ReadonlySet<string>) => string;
  message: (found: string) => string;
}

const first = (pattern: RegExp) => (text: string): string | null => pattern.exec(text)?.[0] ?? null;

/** "!!", "??", "$$$", and a pair of symbols over and over ("()()()"). */
const REPEATED = /[!?]{2,}|([,;:*$#@%&~^+=_/\\|<>"'-])\1+|([^\p{L}\p{N}\s])([^\p{L}\p{N}\s])(?:\2\3)+/u;
const REPEATED_PAIR = /([^\p{L}\p{N}\s])([^\p{L}\p{N}\s])(?:\1\2)+/gu;
const EMOJI = /(?![©®™])[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const EMOJI_PARTS = /(?![©®™])[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u200D\uFE0F]/gu;
const ELLIPSIS = /…|\.{2,}|[•◦▪▫●○■□►▸‣⁃]|[¹²³⁰⁴-⁹ⁿ]/u;
/** A numbered list written into one text: "1. Fresh matcha 2. Fast shipping". */
const NUMBERED_LIST = /(?<!\p{N})1[.)]\s+\p{L}[\s\S]*?(?<!\p{N})2[.)]\s+\p{L}/u;
const LIST_MARKER = /\s*(?<![\p{N}.,])\d[.)]\s+(?=\p{L})/gu;
/** Half-width (single-byte) katakana, which Google does not support in ads. */
const HALF_WIDTH_KATAKANA = /[\uFF61-\uFF9F]+/u;
/** A word spelled out letter by letter with one separator: "F.L.O.W.E.R.S", "f l o w e r s", "C-h-e-a-p". */
const SPELLED_OUT = /(?<![\p{L}\p{N}])\p{L}([.\-_* ])\p{L}(?:\1\p{L}){2,}\1?(?![\p{L}\p{N}])/u;
/** "Sale,buy" and "Shipping.Buy" (no space after punctuation), "discount ." (a space before it), or two spaces. */
const BAD_SPACING = /\s{2,}|[,;!?](?=\p{L})|\p{Ll}\.(?=\p{Lu}\p{Ll})|\s[,.](?!\d)/u;
/** A call to action that fits any ad. */
const GENERIC_CTA = /(?<![\p{L}\p{N}])(?:click (?:here|now|this link|below)|tap here)(?![\p{L}\p{N}])/iu;

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
const LEET_WORD = /(?<![\p{L}\p{N}])\p{L}+[013457]\p{L}{2,}(?![\p{L}\p{N}])/gu;
/** "fl@wers" (an e-mail address such as hello@tea.example is not one: its domain has a dot). */
const AT_IN_WORD = /(?<![\p{L}\p{N}.@_+-])\p{L}+@\p{L}+(?![\p{L}\p{N}.@])/gu;
/** Asterisks dressing up a word ("*flowers*"); a star rating ("5* hotel") or a footnote mark ("shipping*") is fine. */
const DECORATIVE_STAR = /(?<![\p{L}\p{N}*])\*+(?=\p{L})/u;
/** A currency sign with no amount next to it, standing for a word ("Find the lowest $"). */
const LONE_CURRENCY = /(?<!\p{N}\s?)[$€£¥](?!\s?[\p{N}$€£¥]|\p{L})/gu;
const LEET_LETTERS: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const DOLLAR_WORD = /\$(?=\p{L})/gu;
/** A word or a phrase of up to four words said again right away: "Tea Tea", "flowers-flowers", "Get it now. Get it now." */
const REPEATED_WORD = /(?<![\p{L}\p{N}])([\p{L}\p{N}]+(?:\s+[\p{L}\p{N}]+){0,3})(?:[\s,.;:!–—-]+\1)+(?![\p{L}\p{N}])/iu;
const PHONE = /\+?\(?\d[\d\s().-]{7,}\d/u;

function findStandIn(text: string): string | null {
  for (const [pattern] of STAND_INS) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (match) return text.slice(match.index, match.index + Math.max(match[0].length, 4)).trim();
  }
  return text.match(LEET_WORD)?.[0] ?? text.match(/\$\p{L}+/u)?.[0] ?? text.match(AT_IN_WORD)?.[0] ?? text.match(DECORATIVE_STAR)?.[0] ?? text.match(LONE_CURRENCY)?.[0] ?? null;
}

/** The text with stand-ins written out as words. */
export function fixStandIns(text: string): string {
  let fixed = text;
  for (const [pattern, word] of STAND_INS) fixed = fixed.replace(pattern, word);
  fixed = fixed.replace(LEET_WORD, (word) => word.replace(/[013457]/g, (digit) => LEET_LETTERS[digit] ?? digit));
  fixed = fixed.replace(AT_IN_WORD, (word) => word.replace('@', 'a'));
  fixed = fixed.replace(/(?<![\p{L}\p{N}*])\*+(\p{L}[^*]*?)\*+/gu, '$1').replace(/(?<![\p{L}\p{N}*])\*+(?=\p{L})/gu, '');
  return tidy(fixed.replace(DOLLAR_WORD, 's').replace(LONE_CURRENCY, 'price'));
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
    fix: (text) => tidy(text.replace(REPEATED_PAIR, ' ').replace(/([!?])[!?]+/gu, '$1').replace(/([,;:*$#@%&~^+=_/\\|<>"'-])\1+/gu, '$1')),
    message: (found) => `Repeated punctuation or symbols (“${found}”) are not allowed.`,
  },
  {
    id: 'editorial.ellipsis',
    policy: 'ellipsisAndBullets',
    headlinesOnly: false,
    find: (text) => first(ELLIPSIS)(text) ?? first(NUMBERED_LIST)(text),
    fix: (text) => {
      const unlisted = NUMBERED_LIST.test(text) ? text.replace(LIST_MARKER, (_, offset: number) => (offset === 0 ? '' : ', ')) : text;
      return tidy(unlisted.replace(/…|\.{2,}/gu, ' ').replace(/[•◦▪▫●○■□►▸‣⁃]|[¹²³⁰⁴-⁹ⁿ]/gu, ' '));
    },
    message: (found) => `Ellipses, bullets, numbered lists and superscripts (“${found}”) are not allowed.`,
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
    id: 'editorial.letter-spacing',
    policy: 'spacing',
    headlinesOnly: false,
    find: first(SPELLED_OUT),
    fix: (text) => text.replace(new RegExp(SPELLED_OUT.source, 'gu'), (word) => word.replace(/[^\p{L}]/gu, '')),
    message: (found) => `“${found}” spells a word out letter by letter; write the word.`,
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
    id: 'editorial.unsupported-characters',
    policy: 'unsupportedCharacters',
    headlinesOnly: false,
    find: first(HALF_WIDTH_KATAKANA),
    fix: (text) => text.replace(new RegExp(HALF_WIDTH_KATAKANA.source, 'gu'), (run) => run.normalize('NFKC')),
    message: (found) => `Half-width katakana (${found}) are not supported; use full-width katakana.`,
  },
  {
    id: 'editorial.generic-call-to-action',
    policy: 'genericCallToAction',
    headlinesOnly: false,
    find: first(GENERIC_CTA),
    fix: (text) => tidy(text.replace(new RegExp(`\\s*${GENERIC_CTA.source}[.!]?`, 'giu'), ' ')),
    message: (found) => `“${found}” could end any ad; say what the reader gets instead.`,
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
    find: first(BAD_SPACING),
    fix: (text) => text
      .replace(/\s{2,}/gu, ' ')
      .replace(/([,;!?])(?=\p{L})/gu, '$1 ')
      .replace(/(\p{Ll}\.)(?=\p{Lu}\p{Ll})/gu, '$1 ')
      .replace(/\s+([,.])(?!\d)/gu, '$1'),
    message: () => 'Spacing is off: a missing space after punctuation, a space before it, or extra spaces between words.',
  },
];
