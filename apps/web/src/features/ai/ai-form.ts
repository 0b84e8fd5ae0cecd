import type { AiSettings, AiSettingsBody } from './ai-types.ts';

/**
 * The AI settings form as typed: lists are one entry per line, the limit is dollars. Reading it
 * checks the same bounds as the server (brand voice in the contracts' `BrandVoice`), so errors show
 * at the field before sending; the server's own refusals land on the same fields by their path.
 */
export interface AiSettingsValues {
  tone: string;
  requiredTerms: string;
  bannedTerms: string;
  messageRestrictions: string;
  /** USD; empty: the plan's allowance. */
  capUsd: string;
}

export const LIST_LIMITS = {
  tone: { field: 'brandVoice.tone', most: 10, longest: 40, what: 'tone words' },
  requiredTerms: { field: 'brandVoice.requiredTerms', most: 25, longest: 80, what: 'required terms' },
  bannedTerms: { field: 'brandVoice.bannedTerms', most: 25, longest: 80, what: 'banned terms' },
  messageRestrictions: { field: 'brandVoice.messageRestrictions', most: 40, longest: 300, what: 'message restrictions' },
} as const;

export type ListKey = keyof typeof LIST_LIMITS;
export const CAP_FIELD = 'monthlyCapMicros';
/** Every field the form shows an error at. */
export const FORM_FIELDS = [...Object.values(LIST_LIMITS).map((l) => l.field), CAP_FIELD];

export function toValues(settings: AiSettings): AiSettingsValues {
  const v = settings.brandVoice;
  return {
    tone: v.tone.join('\n'),
    requiredTerms: v.requiredTerms.join('\n'),
    bannedTerms: v.bannedTerms.join('\n'),
    messageRestrictions: v.messageRestrictions.join('\n'),
    capUsd: settings.monthlyCapMicros === null ? '' : microsToUsdInput(settings.monthlyCapMicros),
  };
}

export function microsToUsdInput(micros: number): string {
  const dollars = micros / 1_000_000;
  return Number.isInteger(dollars) ? String(dollars) : dollars.toFixed(2).replace(/0$/, '');
}

/** One entry per line; blank lines dropped; the same entry twice (ignoring case) kept once. */
export function splitLines(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (!entry || seen.has(entry.toLowerCase())) continue;
    seen.add(entry.toLowerCase());
    out.push(entry);
  }
  return out;
}

/** Maps a server field path (`brandVoice.bannedTerms.3`) to the form's field (`brandVoice.bannedTerms`). */
export function formFieldOf(path: string): string {
  const list = Object.values(LIST_LIMITS).find((l) => path === l.field || path.startsWith(`${l.field}.`));
  return list ? list.field : path;
}

type Read = { ok: true; body: AiSettingsBody } | { ok: false; errors: Record<string, string> };

/** Reads the form into the PUT body; the limit is sent only by those who may change it. */
export function readValues(values: AiSettingsValues, options: { canChangeCap: boolean }): Read {
  const errors: Record<string, string> = {};
  const lists = {} as Record<ListKey, string[]>;
  for (const key of Object.keys(LIST_LIMITS) as ListKey[]) {
    const limit = LIST_LIMITS[key];
    const entries = splitLines(values[key]);
    lists[key] = entries;
    const tooLong = entries.findIndex((e) => e.length > limit.longest);
    if (entries.length > limit.most) errors[limit.field] = `At most ${limit.most} ${limit.what}; there are ${entries.length}`;
    else if (tooLong >= 0) errors[limit.field] = `Line ${tooLong + 1} is ${entries[tooLong]!.length} characters; at most ${limit.longest}`;
  }
  const bannedLower = new Set(lists.bannedTerms.map((t) => t.toLowerCase()));
  const clash = lists.requiredTerms.find((t) => bannedLower.has(t.toLowerCase()));
  if (clash && !errors[LIST_LIMITS.bannedTerms.field]) errors[LIST_LIMITS.bannedTerms.field] = `“${clash}” is also a required term; a term cannot be both`;

  const body: AiSettingsBody = { brandVoice: lists };
  if (options.canChangeCap) {
    const text = values.capUsd.trim().replace(/^\$/, '').replace(/,/g, '');
    if (text === '') body.monthlyCapMicros = null;
    else if (!/^\d+(\.\d{1,2})?$/.test(text)) errors[CAP_FIELD] = 'Enter an amount in dollars, such as 50 or 12.50';
    else {
      const micros = Math.round(Number(text) * 1_000_000);
      if (micros > 1_000_000 * 1_000_000) errors[CAP_FIELD] = 'At most $1,000,000 a month';
      else body.monthlyCapMicros = micros;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body };
}

/** USD from micros for display: cents, or four decimals below a cent (one AI call often costs less). */
export function formatUsd(micros: number): string {
  const dollars = micros / 1_000_000;
  if (dollars > 0 && dollars < 0.0001) return '< $0.0001';
  const small = dollars !== 0 && Math.abs(dollars) < 0.01;
  return dollars.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: small ? 4 : 2, maximumFractionDigits: small ? 4 : 2 });
}

/** The spending bar's state: share in percent (capped at 100 for the bar) and whether to warn. */
export function spendState(spentMicros: number, capMicros: number): { percent: number; barPercent: number; tone: 'ok' | 'warning' | 'reached' } {
  const share = capMicros > 0 ? spentMicros / capMicros : spentMicros > 0 ? 1 : 0;
  const percent = Math.round(share * 1000) / 10;
  return { percent, barPercent: Math.min(100, percent), tone: share >= 1 ? 'reached' : share >= 0.8 ? 'warning' : 'ok' };
}
