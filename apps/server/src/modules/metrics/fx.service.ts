import { and, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fxRates } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { addDays, daysBetween } from '../sync/time-zone.ts';

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
