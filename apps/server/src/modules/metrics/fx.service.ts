import { and, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fxRates } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { addDays, daysBetween } from '@adloop/engine';

const RateSet = z.object({ base: z.string(), date: z.string(), rates: z.record(z.string(), z.number().positive()) });
const MAX_FETCH_DAYS = 800;

function sourceUrl(ctx: AppContext): string | null {
  if (ctx.config.fxRatesUrl) return ctx.config.fxRatesUrl;
  return ctx.sandboxUrls ? `${ctx.sandboxUrls.control}/fx/daily` : null;
}

/**
 * Makes sure a rate set is stored for every date of [since, until] (fetching the missing ones
 * from the configured source). Rates are stored per EUR, so any pair converts through EUR.
 * Without a source nothing is fetched and conversions report the missing rates.
 */
/** Dates known to have their rates stored, per database (rates are never deleted), so most calls ask nothing. */
const stored = new WeakMap<object, Set<string>>();

export async function ensureRates(ctx: AppContext, since: string, until: string): Promise<void> {
  const url = sourceUrl(ctx);
  if (!url) return;
  const known = stored.get(ctx.db) ?? new Set<string>();
  stored.set(ctx.db, known);
  const days = Math.min(daysBetween(since, until), MAX_FETCH_DAYS);
  const wanted = Array.from({ length: days }, (_, i) => addDays(since, i)).filter((d) => !known.has(d));
  if (wanted.length === 0) return;
  const have = new Set(
    (await ctx.db.selectDistinct({ date: fxRates.date }).from(fxRates).where(and(inArray(fxRates.date, wanted), sql`${fxRates.currency} = 'EUR'`))).map((r) => r.date),
  );
  for (const date of have) known.add(date);
  const missing = wanted.filter((d) => !have.has(d));
  for (let i = 0; i < missing.length; i += 16) {
    const batch = await Promise.all(
      missing.slice(i, i + 16).map(async (date) => {
        try {
          const response = await fetch(`${url}?date=${date}`, { signal: AbortSignal.timeout(5000) });
          if (!response.ok) return null;
          const parsed = RateSet.safeParse(await response.json());
          if (!parsed.success) return null;
          const perEur = parsed.data.base === 'EUR' ? parsed.data.rates : null;
          return perEur ? { date, rates: { ...perEur, EUR: 1 } } : null;
        } catch (error) {
          ctx.logger.warn({ err: error, date }, 'fetching exchange rates failed');
          return null;
        }
      }),
    );
    const rows = batch.flatMap((set) => (set ? Object.entries(set.rates).map(([currency, rate]) => ({ date: set.date, currency, rate, source: url, fetchedAt: ctx.clock.now() })) : []));
    if (rows.length) {
      await ctx.db.insert(fxRates).values(rows).onConflictDoNothing();
      for (const set of batch) if (set) known.add(set.date);
    }
  }
}

/** Stored rates never change: kept in memory per database once read, by date then currency (per EUR). */
const rateCache = new WeakMap<object, Map<string, Map<string, number>>>();

/**
 * The factor turning an amount of `currency` on `date` into `reporting`, from stored rates
 * (null when either rate is missing). Reads the database once per date not yet in memory.
 */
export async function conversionFactors(ctx: AppContext, since: string, until: string, reporting: string): Promise<(date: string, currency: string) => number | null> {
  const cache = rateCache.get(ctx.db) ?? new Map<string, Map<string, number>>();
  rateCache.set(ctx.db, cache);
  const days = Math.min(daysBetween(since, until), MAX_FETCH_DAYS);
  const missing = Array.from({ length: days }, (_, i) => addDays(since, i)).filter((d) => !cache.has(d));
  if (missing.length) {
    const rows = await ctx.db.select({ date: fxRates.date, currency: fxRates.currency, rate: fxRates.rate }).from(fxRates).where(inArray(fxRates.date, missing));
    const loaded = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const day = loaded.get(row.date) ?? new Map<string, number>();
      day.set(row.currency, row.rate);
      loaded.set(row.date, day);
    }
    // Only complete days (with the EUR anchor) are remembered; a missing day is asked again next time.
    for (const [date, rates] of loaded) if (rates.has('EUR')) cache.set(date, rates);
  }
  return (date, currency) => {
    if (currency === reporting) return 1;
    const rates = cache.get(date);
    const from = rates?.get(currency);
    const to = rates?.get(reporting);
    return from && to ? to / from : null;
  };
}

const LOOKBACK_DAYS = 14;

/**
 * Per currency, the factor into `reporting` at the latest stored rate set on or before `date`
 * (looking back two weeks, as rate sources skip weekends and holidays). Read from memory.
 */
export async function latestFactors(ctx: AppContext, date: string, reporting: string): Promise<Record<string, number>> {
  await conversionFactors(ctx, addDays(date, -(LOOKBACK_DAYS - 1)), date, reporting);
  const cache = rateCache.get(ctx.db)!;
  const factors: Record<string, number> = { [reporting]: 1 };
  for (let i = 0; i < LOOKBACK_DAYS; i++) {
    const rates = cache.get(addDays(date, -i));
    const to = rates?.get(reporting);
    if (!rates || !to) continue;
    for (const [currency, from] of rates) if (!(currency in factors)) factors[currency] = to / from;
  }
  return factors;
}
