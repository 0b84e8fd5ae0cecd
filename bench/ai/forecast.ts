/**
 * Daily forecasts scored on the simulator's campaigns by rolling origin: for each seed a sandbox starts,
 * each delivering campaign's daily spend and conversions are read as the platform reports them (ending
 * 3 days before the clock, when conversions have matured), and the last 4 fortnights are forecast in
 * turn from everything before them.
 *
 * A forecast assumes the campaign's budget and status stay as they are, so windows in which either was
 * changed are scored apart (…_all includes them).
 *
 * Figures: forecast_mase_spend / _conv — MASE (errors scaled by the training span's mean week-on-week
 * change, m = 7) of the engine's forecast, averaged over series × origins (and forecast_mase_value for
 * conversion value), with the seasonal naive's own
 * MASE and the relative skill (engine MAE / seasonal-naive MAE); interval80_coverage / interval95_coverage
 * over all forecast days of both metrics; forecast_ms_per_series (fit + forecast with intervals);
 * and the same MASE and time for augurs' MSTL+ETS (WASM) on the same series, as given and on log1p,
 * for comparison.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startSandbox } from '@adloop/sandbox';
import { forecastSeasonalNaive, forecastSeries, type ForecastResult } from '@adloop/engine';
import type { PartFigures, PartOptions } from '../ai.bench.ts';

const DAY = 86_400_000;
const START = Date.parse('2026-06-15T00:00:00Z');
const END = START - 3 * DAY;
const HISTORY_DAYS = 150;
const WINDOW = 14;
const ORIGINS = 4;

interface Augurs { fit(y: number[]): void; predict(h: number, level?: number): { point: number[] }; free(): void }
type AugursFactory = () => Augurs;

/** augurs' MSTL+ETS, loaded from its WASM file once (no I/O per call); undefined when not installed. */
async function loadAugurs(): Promise<AugursFactory | undefined> {
  try {
    const mod = (await import('@bsull/augurs/mstl')) as unknown as { initSync(o: { module: Buffer }): void; MSTL: { ets(periods: number[]): Augurs } };
    const require = createRequire(import.meta.url);
    mod.initSync({ module: readFileSync(join(dirname(require.resolve('@bsull/augurs')), 'mstl_bg.wasm')) });
    return () => mod.MSTL.ets([7]);
  } catch {
    return undefined;
  }
}

interface Day { spend: number; conv: number; value: number }

function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface Score { modelAbs: number; naiveAbs: number; mase: number[]; naiveMase: number[]; augursMase: number[]; augursLogMase: number[]; inside80: number; inside95: number; days: number }

function newScore(): Score {
  return { modelAbs: 0, naiveAbs: 0, mase: [], naiveMase: [], augursMase: [], augursLogMase: [], inside80: 0, inside95: 0, days: 0 };
}

function addWindow(s: Score, f: ForecastResult, naive: number[], actual: number[], scale: number): void {
  let absModel = 0;
  let absNaive = 0;
  f.points.forEach((p, j) => {
    const a = actual[j] ?? 0;
    absModel += Math.abs(a - p.mean);
    absNaive += Math.abs(a - (naive[j] ?? 0));
    if (a >= p.lower80 && a <= p.upper80) s.inside80 += 1;
    if (a >= p.lower95 && a <= p.upper95) s.inside95 += 1;
    s.days += 1;
  });
  s.modelAbs += absModel;
  s.naiveAbs += absNaive;
  if (scale > 0) {
    s.mase.push(absModel / WINDOW / scale);
    s.naiveMase.push(absNaive / WINDOW / scale);
  }
}

/** augurs' MSTL+ETS forecast of the window, on the original scale or on log1p; undefined if it rejects the series. */
function augursForecast(make: AugursFactory, train: number[], log: boolean): number[] | undefined {
  const model = make();
  try {
    model.fit(log ? train.map((v) => Math.log1p(v)) : train);
    return model.predict(WINDOW).point.map((v) => Math.max(0, log ? Math.expm1(v) : v));
  } catch {
    return undefined;
  } finally {
    model.free();
  }
}

function mean(xs: number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export async function runPart(opts: PartOptions): Promise<PartFigures> {
  const seeds = opts.quick ? [201, 202] : [201, 202, 203, 204, 205];
  const augurs = await loadAugurs();
  const scores = { spend: newScore(), conv: newScore(), value: newScore(), spendAll: newScore(), convAll: newScore(), valueAll: newScore() };
  let engineMs = 0;
  let engineFits = 0;
  let augursMs = 0;
  let augursFits = 0;
  let augursFailed = 0;
  for (const seed of seeds) {
    const sandbox = await startSandbox({ seed, clock: START });
    try {
      const world = sandbox.simulator.world();
      for (const platform of ['google', 'meta', 'tiktok'] as const) {
        const pw = world.platforms[platform];
        for (const campaign of pw.campaigns.values()) {
          const rows = sandbox.simulator.engine.report({
            platform, accountId: campaign.accountId, since: dayKey(END - HISTORY_DAYS * DAY), until: dayKey(END - DAY),
            level: 'campaign', grain: 'day', campaignIds: new Set([campaign.id]),
          });
          const byDay = new Map<string, Day>();
          for (const r of rows) if (r.day !== null) byDay.set(r.day, { spend: r.metrics.spendMicros / 1e6, conv: r.metrics.conversions, value: r.metrics.conversionValue });
          const days: Day[] = [];
          for (let t = END - HISTORY_DAYS * DAY; t < END; t += DAY) days.push(byDay.get(dayKey(t)) ?? { spend: 0, conv: 0, value: 0 });
          const firstActive = days.findIndex((d) => d.spend > 0);
          if (firstActive < 0) continue;
          const series = days.slice(firstActive);
          const budget = campaign.budgetId ? pw.budgets.get(campaign.budgetId) : undefined;
          const changes = [...campaign.status.points, ...(budget?.amountMicros.points ?? []), ...(budget?.status.points ?? [])].map((p) => p.at);
          const dayStart = (i: number): number => END - (HISTORY_DAYS - firstActive - i) * DAY;
          // A campaign that has stopped delivering is not forecast; one that starts inside the windows has too little history.
          if (series.length < ORIGINS * WINDOW + 28 || series.slice(-WINDOW).every((d) => d.spend === 0)) continue;
          for (const metric of ['spend', 'conv', 'value'] as const) {
            const y = series.map((d) => d[metric]);
            for (let k = ORIGINS; k >= 1; k--) {
              const origin = y.length - k * WINDOW;
              const train = y.slice(0, origin);
              const actual = y.slice(origin, origin + WINDOW);
              let scale = 0;
              for (let t = 7; t < train.length; t++) scale += Math.abs((train[t] ?? 0) - (train[t - 7] ?? 0));
              scale /= train.length - 7;
              const started = performance.now();
              const f: ForecastResult = forecastSeries({ values: train, horizon: WINDOW, isCount: metric === 'conv' });
              engineMs += performance.now() - started;
              engineFits += 1;
              const naive = forecastSeasonalNaive(train, WINDOW);
              const changed = changes.some((at) => at >= dayStart(origin) && at < dayStart(origin + WINDOW));
              for (const s of changed ? [scores[`${metric}All`]] : [scores[metric], scores[`${metric}All`]]) addWindow(s, f, naive, actual, scale);
              if (augurs && metric !== 'value' && scale > 0 && !changed) {
                for (const log of [false, true]) {
                  const a0 = performance.now();
                  const pred = augursForecast(augurs, train, log);
                  augursMs += performance.now() - a0;
                  augursFits += 1;
                  const list = log ? scores[metric].augursLogMase : scores[metric].augursMase;
                  if (pred) list.push(pred.reduce((acc, v, j) => acc + Math.abs((actual[j] ?? 0) - v), 0) / WINDOW / scale);
                  else augursFailed += 1;
                }
              }
            }
          }
        }
      }
    } finally {
      await sandbox.close();
    }
  }
  const { spend, conv } = scores;
  const figures: PartFigures = {
    forecast_mase_spend: mean(spend.mase),
    forecast_mase_spend_snaive: mean(spend.naiveMase),
    forecast_skill_spend: spend.modelAbs / spend.naiveAbs,
    forecast_mase_conv: mean(conv.mase),
    forecast_mase_conv_snaive: mean(conv.naiveMase),
    forecast_skill_conv: conv.modelAbs / conv.naiveAbs,
    forecast_mase_value: mean(scores.value.mase),
    forecast_mase_value_snaive: mean(scores.value.naiveMase),
    interval80_coverage: (spend.inside80 + conv.inside80) / (spend.days + conv.days),
    interval95_coverage: (spend.inside95 + conv.inside95) / (spend.days + conv.days),
    interval80_coverage_value: scores.value.inside80 / scores.value.days,
    interval80_coverage_spend: spend.inside80 / spend.days,
    interval80_coverage_conv: conv.inside80 / conv.days,
    forecast_mase_spend_all: mean(scores.spendAll.mase),
    forecast_mase_conv_all: mean(scores.convAll.mase),
    forecast_windows: spend.mase.length,
    forecast_windows_all: scores.spendAll.mase.length,
    forecast_ms_per_series: engineMs / Math.max(1, engineFits),
    forecast_series: engineFits / (3 * ORIGINS),
  };
  if (augurs) {
    figures.augurs_mase_spend = mean(spend.augursMase);
    figures.augurs_mase_conv = mean(conv.augursMase);
    figures.augurs_log_mase_spend = mean(spend.augursLogMase);
    figures.augurs_log_mase_conv = mean(conv.augursLogMase);
    figures.augurs_failed = augursFailed;
    figures.augurs_ms_per_series = augursMs / Math.max(1, augursFits);
  } else figures.augurs = 'not_installed';
  return figures;
}
