import { dayStartUtc, resolveWindow, todayIn, zoneOrUtc, type RuleWindowUse, type WindowSpan } from '@adloop/engine';

/** One period to sum for one time zone: a window's own span, or the previous period of it. */
export interface Span extends WindowSpan {
  /** Position in the list: names the SQL columns (`d3_spend`, `h3_spend`). */
  index: number;
  key: string;
  previous: boolean;
}

/** The spans of every window for accounts in one time zone at one moment. */
export interface ZoneSpans {
  timeZone: string;
  /** Today's date in the zone, and the instant it began (hourly rows of today count from there up to now). */
  today: string;
  dayStart: string;
  spans: Span[];
}

/** Resolves each window (and its previous period where asked) for one zone; same order for every zone. */
export function spansFor(uses: readonly RuleWindowUse[], now: Date, timeZone: string): ZoneSpans {
  const spans: Span[] = [];
  for (const use of uses) {
    const resolved = resolveWindow(use.window, use.skipLastDay, now, timeZone);
    spans.push({ index: spans.length, key: use.key, previous: false, days: resolved.days, today: resolved.today, hours: resolved.hours });
    if (use.previous) {
      const prev = resolved.previous;
      spans.push({ index: spans.length, key: use.key, previous: true, days: prev?.days ?? null, today: prev?.today ?? null, hours: prev?.hours ?? null });
    }
  }
  const today = todayIn(timeZone, now);
  // An unknown zone reads as UTC here, as in resolveWindow: the engine skips its objects and says why.
  return { timeZone, today, dayStart: dayStartUtc(today, zoneOrUtc(timeZone)).toISOString(), spans };
}
