/**
 * The title and the visible text of an HTML page, without a DOM: enough to show a person what the
 * page says and to give a copywriter (or a model, fenced as data) the page's wording.
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', copy: '©', reg: '®',
  trade: '™', euro: '€', pound: '£', yen: '¥', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  bull: '•', middot: '·', times: '×', deg: '°', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß',
  eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    return NAMED[name] ?? whole;
  });
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Cuts at a word boundary and marks the cut with an ellipsis. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The page's `<title>`, or its first `<h1>` when it has none; null when neither says anything. */
export function pageTitle(html: string, max = 300): string | null {
  const fromTitle = /<title[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1];
  const fromH1 = /<h1[^>]*>([\s\S]*?)<\/h1\s*>/i.exec(html)?.[1];
  for (const raw of [fromTitle, fromH1]) {
    const text = raw === undefined ? '' : squash(decodeEntities(raw.replace(/<[^>]*>/g, ' ')));
    if (text) return capText(text, max);
  }
  return null;
}

/** What a visitor reads: no head, scripts, styles, templates, comments or markup; whitespace squashed. */
export function visibleText(html: string, max: number): string {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<head[\s>][\s\S]*?<\/head\s*>/gi, ' ')
    .replace(/<(script|style|noscript|template|svg|iframe|object|canvas)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(script|style)\b[\s\S]*$/gi, ' ');
  const text = withoutHidden
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr|\/section|\/article|\/header|\/footer|\/nav|\/main)\b[^>]*>/gi, ' \n ')
    .replace(/<[^>]*>/g, ' ');
  return capText(squash(decodeEntities(text)), max);
}
