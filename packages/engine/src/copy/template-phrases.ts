import { capitalise } from './text.ts';

/** A phrase in headline form and as it reads inside a sentence. */
export interface Phrase {
  title: string;
  inline: string;
}

/** The slot values a language's patterns fill in (keyword already picked, benefits and actions drawn for the seed). */
export interface PatternSlots {
  keyword: string;
  product: string;
  offer: string;
  audience: string;
  term: string;
  benefit: (i: number) => Phrase;
  action: (i: number) => Phrase;
}

/**
 * One language's template grammar: benefits and calls to action (plain, no claims), headline and sentence
 * patterns per slot, and texts that need no slot at all (the last resort). A pattern returns '' when a slot
 * it needs is empty.
 */
export interface Phrases {
  benefits: readonly Phrase[];
  actions: readonly Phrase[];
  /** Headline style for a brief's words (English title case; German leaves case alone). */
  headlineCase: (text: string) => string;
  keywordHeadlines: ReadonlyArray<(s: PatternSlots) => string>;
  termHeadlines: ReadonlyArray<(s: PatternSlots) => string>;
  productHeadlines: ReadonlyArray<(s: PatternSlots) => string>;
  keywordSentences: ReadonlyArray<(s: PatternSlots) => string>;
  termSentences: ReadonlyArray<(s: PatternSlots) => string>;
  productSentences: ReadonlyArray<(s: PatternSlots) => string>;
  genericShort: readonly string[];
  genericLong: readonly string[];
}

const phrase = (title: string, inline = title.toLowerCase()): Phrase => ({ title, inline });
const when = (ready: boolean, text: string): string => (ready ? text : '');

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
/** English headline style: each word capitalised except short joining words (words in capitals stay). */
export const titleCase = (text: string): string =>
  text
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word.toLowerCase()) ? word.toLowerCase() : capitalise(word)))
    .join(' ');

const EN: Phrases = {
  benefits: ['Easy Ordering', 'Friendly Support', 'Great Value', 'Simple Setup', 'Secure Checkout', 'Flexible Options', 'Helpful Advice', 'Thoughtful Design'].map((t) => phrase(t)),
  actions: ['Learn More', 'Get Started', 'Find Out More', 'See Your Options', 'Take a Look', 'Order Today', 'Explore the Range'].map((t) => phrase(t, capitalise(t.toLowerCase()))),
  headlineCase: titleCase,
  keywordHeadlines: [
    (s) => s.keyword,
    (s) => `${s.keyword} Online`,
    (s) => `Discover ${s.keyword}`,
    (s) => `Quality ${s.keyword}`,
    (s) => `${s.keyword} Made Easy`,
    (s) => `Find ${s.keyword} Today`,
    (s) => `${s.keyword} – ${s.benefit(0).title}`,
    (s) => when(s.audience !== '', `${s.keyword} for ${titleCase(s.audience)}`),
  ],
  termHeadlines: [(s) => s.term, (s) => `Choose ${s.term}`, (s) => `${s.term} – ${s.action(0).title}`],
  productHeadlines: [
    (s) => s.product,
    (s) => `${s.product} – ${s.benefit(1).title}`,
    (s) => `Discover ${s.product}`,
    (s) => `${s.benefit(2).title} With ${s.product}`,
    (s) => when(s.offer !== '', titleCase(s.offer)),
    (s) => when(s.offer !== '', `${s.product} – ${titleCase(s.offer)}`),
  ],
  keywordSentences: [
    (s) => `Looking for ${s.keyword}? ${s.product} brings you ${s.benefit(0).inline} and ${s.benefit(1).inline}. ${s.action(0).inline}.`,
    (s) => `Discover ${s.keyword} from ${s.product}${when(s.audience !== '', ` for ${s.audience}`)}. ${capitalise(s.benefit(2).inline)}, ${s.benefit(3).inline}. ${s.action(1).inline}.`,
  ],
  termSentences: [(s) => `${s.product} from ${s.term}. ${capitalise(s.benefit(0).inline)} and ${s.benefit(1).inline}. ${s.action(0).inline}.`],
  productSentences: [
    (s) => when(s.offer !== '', `${s.product}: ${s.offer}. ${capitalise(s.benefit(0).inline)} and ${s.benefit(1).inline}. ${s.action(2).inline}.`),
    (s) => when(s.offer !== '', `${capitalise(s.offer)}. ${s.action(3).inline} and see what ${s.product} can do${when(s.audience !== '', ` for ${s.audience}`)}.`),
    (s) => `${s.product}${when(s.audience !== '', ` for ${s.audience}`)}: ${s.benefit(2).inline}, ${s.benefit(3).inline} and ${s.benefit(4).inline}. ${s.action(4).inline}.`,
    (s) => `Choose ${s.product} for ${s.benefit(5).inline} and ${s.benefit(6).inline}. ${s.action(5).inline}.`,
  ],
  genericShort: ['Learn More Today', 'Get Started Today', 'See Our Options', 'Explore Our Range', 'Talk to Our Team', 'Visit Our Website', 'Take a Closer Look', 'See What Is New', 'Find Your Fit', 'Options for Every Need', 'Simple and Friendly', 'Here to Help', 'Ready When You Are', 'Made for You', 'Questions Answered'],
  genericLong: [
    'Find out more about what we offer and choose the option that suits you.',
    'Take a look at our range and get in touch if you have any questions.',
    'Our team is here to help you choose. Visit our website to learn more.',
    'Compare our options at your own pace and order when you are ready.',
    'Clear information, friendly people and a simple way to get started.',
  ],
};

// German: benefits are feminine, neuter or plural, so they read the same after "bietet" (accusative) as alone;
// a brief's words are only ever used as labels (nominative), never declined.
const DE: Phrases = {
  benefits: [
    ['Einfache Bestellung', 'einfache Bestellung'],
    ['Persönliche Beratung', 'persönliche Beratung'],
    ['Sichere Bezahlung', 'sichere Bezahlung'],
    ['Flexible Optionen', 'flexible Optionen'],
    ['Faire Preise', 'faire Preise'],
    ['Schnelle Einrichtung', 'schnelle Einrichtung'],
    ['Durchdachtes Design', 'durchdachtes Design'],
    ['Freundliche Hilfe', 'freundliche Hilfe'],
  ].map(([title, inline]) => phrase(title ?? '', inline)),
  actions: ['Mehr erfahren', 'Jetzt starten', 'Angebot ansehen', 'Jetzt informieren', 'Sortiment entdecken', 'Heute bestellen', 'Optionen vergleichen'].map((t) => phrase(t, t)),
  headlineCase: capitalise,
  keywordHeadlines: [
    (s) => s.keyword,
    (s) => `${s.keyword} online`,
    (s) => `${s.keyword} bei ${s.product}`,
    (s) => `${s.keyword} – ${s.action(0).title}`,
    (s) => `${s.keyword} – ${s.benefit(0).title}`,
    (s) => when(s.audience !== '', `${s.keyword} für ${s.audience}`),
  ],
  termHeadlines: [(s) => s.term, (s) => `${s.term} – ${s.action(0).title}`],
  productHeadlines: [
    (s) => s.product,
    (s) => `${s.product} – ${s.benefit(1).title}`,
    (s) => `${s.product} entdecken`,
    (s) => when(s.offer !== '', capitalise(s.offer)),
    (s) => when(s.offer !== '', `${s.product} – ${capitalise(s.offer)}`),
  ],
  keywordSentences: [
    (s) => `${s.keyword} bei ${s.product}: ${s.benefit(0).inline} und ${s.benefit(1).inline}. ${s.action(0).inline}.`,
    (s) => `${s.keyword} von ${s.product}${when(s.audience !== '', ` für ${s.audience}`)}. ${s.action(1).inline}.`,
  ],
  termSentences: [(s) => `${s.product} von ${s.term}: ${s.benefit(0).inline} und ${s.benefit(1).inline}. ${s.action(0).inline}.`],
  productSentences: [
    (s) => when(s.offer !== '', `${s.product}: ${s.offer}. ${capitalise(s.benefit(0).inline)} und ${s.benefit(1).inline}. ${s.action(2).inline}.`),
    (s) => `${s.product}${when(s.audience !== '', ` für ${s.audience}`)}: ${s.benefit(2).inline}, ${s.benefit(3).inline} und ${s.benefit(4).inline}. ${s.action(4).inline}.`,
    (s) => `${s.product} bietet ${s.benefit(5).inline} und ${s.benefit(6).inline}. ${s.action(5).inline}.`,
  ],
  genericShort: ['Mehr erfahren', 'Jetzt informieren', 'Unser Angebot', 'Unser Sortiment', 'Sprechen Sie mit uns', 'Besuchen Sie uns online', 'Einfach vergleichen', 'Für jeden Bedarf', 'Wir helfen gern', 'Jetzt entdecken', 'Fragen beantwortet', 'Passend für Sie'],
  genericLong: [
    'Erfahren Sie mehr über unser Angebot und wählen Sie die passende Option.',
    'Sehen Sie sich unser Sortiment an und melden Sie sich bei Fragen.',
    'Unser Team hilft Ihnen bei der Auswahl. Mehr auf unserer Website.',
    'Vergleichen Sie in Ruhe und bestellen Sie, wenn Sie bereit sind.',
  ],
};

const BY_LANGUAGE: Readonly<Record<string, Phrases>> = { en: EN, de: DE };

/** The grammar for a brief's language ("de-CH" → German); English where there is none yet. */
export const phrasesFor = (language: string): Phrases => BY_LANGUAGE[language.split('-')[0]?.toLowerCase() ?? 'en'] ?? EN;
