/**
 * Anomaly alerts scored against the simulator's labelled anomalies. For each seed a sandbox starts;
 * labelled disturbances are injected through its control API into half the campaigns (a 2-hour spend
 * or CPC spike, a tracking break of 24–72 h or longer — long enough to hide ≥ 10 usual conversions, at most 6 days —,
 * a 6-day level shift of delivery, cost or spend), the other
 * half stay clean. The detector then walks 30 days of each campaign's hourly and daily series as the
 * platform reports them (each hour/day judged only on what came before), folding findings into
 * incidents; the labels are read back from the control API's ground truth and matched at event level.
 *
 * Figures: anomaly_f1 / _precision / _recall (events: detected if an incident opens during the event
 * or within 48 h after it; incidents: true if they open then), tracking_break_recall (incident whose
 * cause is tracking; also over the breaks hiding ≥ 10 conversions at the usual rate, the only ones a
 * count test can see), false_alerts_per_series_month on the clean campaigns, median detection delay of
 * hourly spikes (hours) and level shifts (days), and the same F1 for a static-threshold baseline
 * (a day more than 50 % off its trailing 7-day mean on spend, clicks, CPC or conversions).
 * Campaigns whose budget or status changed within the fitted history or the window are left out
 * (a known change, not an anomaly).
 */
import { startSandbox, type RunningSandbox } from '@adloop/sandbox';
import { detectAnomalies, updateIncidents, type AnomalyFinding, type Incident, type MetricPoint } from '@adloop/engine';
import { hoursOfLocalDay, localHourOf } from '../../packages/sandbox/src/simulator/time-zone.ts';
import type { PartFigures, PartOptions } from '../ai.bench.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-06-15T00:00:00Z');
/** Scored window: 30 days ending 3 days before the clock (conversions fully reported after 72 h). */
const WINDOW_END = START - 3 * DAY;
const WINDOW_START = WINDOW_END - 30 * DAY;
/** History the detector may use before the window (hourly fit: 28 days; daily: 12 weeks). */
const HISTORY_DAYS = 90;
const AFTER_TOLERANCE = 48 * HOUR;

type EventClass = 'spike' | 'tracking' | 'level_shift' | 'episode';
interface LabelledEvent {
  series: string;
  kind: string;
  start: number;
  end: number;
  cls: EventClass;
  /** Conversions the series would have reported during the event at its usual rate (prior 28 days). */
  usualConversions: number;
  /** Clicks in the same hours of the previous 7 days, per day. */
  usualClicks: number;
  /** Conversions per click over the prior 28 days, and the local hour the event starts. */
  baseCvr: number;
  localHour: number;
}
interface Series {
  key: string;
  platform: string;
  accountId: string;
  campaignId: string;
  timeZone: string;
  labelled: boolean;
}
interface Alert {
  series: string;
  openedAt: number;
  incident: Incident;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function control<T>(sandbox: RunningSandbox, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.urls.control}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface ControlAccount { id: string; isManager: boolean; timeZone: string; campaigns: { id: string }[] }

/** Campaigns with no budget or status change from the fitted history's start to the window end. */
function unchanged(sandbox: RunningSandbox, platform: string, campaignId: string): boolean {
  const pw = sandbox.simulator.world().platforms[platform as 'google' | 'meta' | 'tiktok'];
  const c = pw.campaigns.get(campaignId);
  if (!c) return false;
  const from = WINDOW_START - HISTORY_DAYS * DAY;
  const budget = c.budgetId ? pw.budgets.get(c.budgetId) : undefined;
  const points = [...c.status.points, ...(budget?.amountMicros.points ?? []), ...(budget?.status.points ?? [])];
  return points.every((p) => p.at < from - 7 * DAY || p.at >= WINDOW_END);
}

/**
 * A tracking break the suite injects hides at least this many conversions at the series' usual rate: the count
 * equivalent of the suite's ≥ 4 σ spikes (an ordinary stretch shows no conversion with chance e^−10 ≈ 5·10⁻⁵).
 * A shorter break on a quiet campaign is indistinguishable from an ordinary quiet day, for any test.
 */
const TRACKING_BREAK_HIDDEN_CONVERSIONS = 10;
const TRACKING_BREAK_MAX_HOURS = 6 * 24;

/** Conversions per hour over the 28 days before the scored window (what the injected break must outlast). */
function usualConversionsPerHour(sandbox: RunningSandbox, s: Series): number {
  const prior = hourlyPoints(sandbox, s).points.filter((p) => p.at < WINDOW_START && p.at >= WINDOW_START - 28 * DAY);
  return prior.reduce((sum, p) => sum + p.conversions, 0) / Math.max(1, prior.length);
}

async function injectEvents(sandbox: RunningSandbox, s: Series, rand: () => number): Promise<void> {
  const perHour = usualConversionsPerHour(sandbox, s);
  const slots = [0, 1, 2].sort(() => rand() - 0.5);
  const kinds = ['spike', 'tracking', 'level_shift'] as const;
  for (let k = 0; k < kinds.length; k++) {
    const slotStart = WINDOW_START + ((slots[k] ?? 0) * 10 + 1) * DAY;
    const start = slotStart + Math.floor(rand() * 2 * 24) * HOUR + 8 * HOUR;
    const base = { platform: s.platform, accountId: s.accountId, campaignId: s.campaignId, start: new Date(start).toISOString() };
    const which = kinds[k];
    if (which === 'spike') {
      const cost = rand() < 0.5;
      await control(sandbox, '/control/anomalies', { ...base, kind: cost ? 'cpc_spike' : 'budget_overspend', magnitude: 2.5, durationHours: 2 });
    } else if (which === 'tracking') {
      const drawn = 24 + Math.floor(rand() * 49);
      const needed = perHour > 0 ? Math.ceil(TRACKING_BREAK_HIDDEN_CONVERSIONS / perHour) : Infinity;
      // A campaign too quiet for a detectable break within six days gets none (its other events stay).
      if (needed > TRACKING_BREAK_MAX_HOURS) continue;
      await control(sandbox, '/control/anomalies', { ...base, kind: 'tracking_outage', magnitude: 0, durationHours: Math.max(drawn, needed) });
    } else {
      const r = rand();
      const shift = r < 0.4 ? { kind: 'delivery_stall', magnitude: 0.4 + rand() * 0.3 }
        : r < 0.7 ? { kind: 'cpc_spike', magnitude: 1.3 + rand() * 0.3 } : { kind: 'budget_overspend', magnitude: 1.3 + rand() * 0.3 };
      await control(sandbox, '/control/anomalies', { ...base, ...shift, durationHours: 6 * 24 });
    }
  }
}

/** Hourly points (UTC hour starts) of one campaign from the platform report, zeros where nothing was delivered. */
function hourlyPoints(sandbox: RunningSandbox, s: Series): { points: MetricPoint[]; firstPhase: number } {
  const from = WINDOW_START - HISTORY_DAYS * DAY;
  const since = localHourOf(s.timeZone, from / HOUR).day;
  const until = localHourOf(s.timeZone, WINDOW_END / HOUR).day;
  const rows = sandbox.simulator.engine.report({
    platform: s.platform as 'google', accountId: s.accountId, since, until, level: 'campaign', grain: 'hour', campaignIds: new Set([s.campaignId]),
  });
  const byHour = new Map<number, MetricPoint>();
  for (const r of rows) {
    if (r.day === null || r.hour === null) continue;
    const utc = hoursOfLocalDay(s.timeZone, r.day).find((h) => localHourOf(s.timeZone, h).hour === r.hour);
    if (utc === undefined) continue;
    const prev = byHour.get(utc);
    const add = { at: utc * HOUR, spend: r.metrics.spendMicros / 1e6, clicks: r.metrics.clicks, conversions: r.metrics.conversions };
    byHour.set(utc, prev ? { at: add.at, spend: prev.spend + add.spend, clicks: prev.clicks + add.clicks, conversions: prev.conversions + add.conversions } : add);
  }
  const points: MetricPoint[] = [];
  for (let t = from; t < WINDOW_END; t += HOUR) points.push(byHour.get(t / HOUR) ?? { at: t, spend: 0, clicks: 0, conversions: 0 });
  const local = localHourOf(s.timeZone, from / HOUR);
  return { points, firstPhase: local.weekday * 24 + local.hour };
}

/** Local days of the hourly points (at = first hour of the day); `knownAt` = end of the day. */
function dailyPoints(hourly: readonly MetricPoint[], timeZone: string): { points: MetricPoint[]; knownAt: number[]; firstPhase: number } {
  const days = new Map<string, MetricPoint & { last: number }>();
  for (const p of hourly) {
    const day = localHourOf(timeZone, p.at / HOUR).day;
    const d = days.get(day);
    if (d) {
      d.spend += p.spend;
      d.clicks += p.clicks;
      d.conversions += p.conversions;
      d.last = p.at;
    } else days.set(day, { ...p, last: p.at });
  }
  const list = [...days.values()].slice(1, -1); // drop partial first/last days
  const first = list[0];
  return {
    points: list.map(({ at, spend, clicks, conversions }) => ({ at, spend, clicks, conversions })),
    knownAt: list.map((d) => d.last + HOUR),
    firstPhase: first ? localHourOf(timeZone, first.at / HOUR).weekday : 0,
  };
}

/** Runs a judge over the window step by step, folding its findings into incidents; returns the alerts (incident openings). */
function walk(series: string, steps: { now: number; findings: AnomalyFinding[] }[], resolveAfterMs: number): Alert[] {
  let incidents: Incident[] = [];
  for (const step of steps) incidents = updateIncidents(incidents, new Map([[series, step.findings]]), step.now, { resolveAfterMs });
  return incidents.map((incident) => ({ series, openedAt: incident.openedAt, incident }));
}

/** CPU time of the detector's calls by grain (CPU, not wall time: the figure holds on a busy machine). */
const timing = { hour: { ms: 0, calls: 0 }, day: { ms: 0, calls: 0 } };
function timed<T>(grain: 'hour' | 'day', run: () => T): T {
  const before = process.cpuUsage();
  const out = run();
  const used = process.cpuUsage(before);
  timing[grain].ms += (used.user + used.system) / 1000;
  timing[grain].calls += 1;
  return out;
}

function detectSeries(hourly: { points: MetricPoint[]; firstPhase: number }, daily: ReturnType<typeof dailyPoints>, key: string): Alert[] {
  const firstJudged = hourly.points.findIndex((p) => p.at >= WINDOW_START);
  const hourSteps: { now: number; findings: AnomalyFinding[] }[] = [];
  for (let end = firstJudged + 24; end <= hourly.points.length; end += 24) {
    const points = hourly.points.slice(0, end);
    const found = timed('hour', () => detectAnomalies({ grain: 'hour', points, firstPhase: hourly.firstPhase, recent: 24 }));
    for (let i = end - 24; i < end; i++) {
      const at = hourly.points[i]?.at ?? 0;
      hourSteps.push({ now: at + HOUR, findings: found.filter((f) => f.at === at) });
    }
  }
  const daySteps: { now: number; findings: AnomalyFinding[] }[] = [];
  daily.points.forEach((p, i) => {
    if (p.at < WINDOW_START) return;
    const points = daily.points.slice(0, i + 1);
    daySteps.push({ now: daily.knownAt[i] ?? p.at + DAY, findings: timed('day', () => detectAnomalies({ grain: 'day', points, firstPhase: daily.firstPhase })) });
  });
  return [...walk(`${key}|hour`, hourSteps, 3 * HOUR), ...walk(`${key}|day`, daySteps, 2 * DAY)].map((a) => ({ ...a, series: key }));
}

/** Static-threshold baseline: a day more than 50 % away from its trailing 7-day mean on any metric. */
function staticBaseline(daily: ReturnType<typeof dailyPoints>, key: string): Alert[] {
  const steps: { now: number; findings: AnomalyFinding[] }[] = [];
  const metrics = { spend: (p: MetricPoint) => p.spend, clicks: (p: MetricPoint) => p.clicks, cpc: (p: MetricPoint) => (p.clicks > 0 ? p.spend / p.clicks : 0), conversions: (p: MetricPoint) => p.conversions };
  daily.points.forEach((p, i) => {
    if (p.at < WINDOW_START || i < 7) return;
    const prior = daily.points.slice(i - 7, i);
    const findings: AnomalyFinding[] = [];
    for (const [metric, of] of Object.entries(metrics)) {
      const mean = prior.reduce((s, q) => s + of(q), 0) / 7;
      if (metric === 'conversions' && mean < 5) continue;
      const v = of(p);
      if (mean > 0 && Math.abs(v - mean) > 0.5 * mean) {
        findings.push({ metric: metric as AnomalyFinding['metric'], at: p.at, since: p.at, observed: v, expected: mean, lower: 0.5 * mean, upper: 1.5 * mean, direction: v > mean ? 'up' : 'down', method: 'seasonal_esd', confidence: 'normal', score: 1 });
      }
    }
    steps.push({ now: daily.knownAt[i] ?? p.at + DAY, findings });
  });
  return walk(`${key}|static`, steps, 2 * DAY).map((a) => ({ ...a, series: key }));
}

function matches(a: Alert, e: LabelledEvent): boolean {
  return a.series === e.series && a.openedAt >= e.start && a.openedAt <= e.end + AFTER_TOLERANCE;
}

function score(alerts: readonly Alert[], events: readonly LabelledEvent[]): { precision: number; recall: number; f1: number } {
  const truePositives = alerts.filter((a) => events.some((e) => matches(a, e))).length;
  const detected = events.filter((e) => alerts.some((a) => matches(a, e))).length;
  const precision = alerts.length > 0 ? truePositives / alerts.length : 1;
  const recall = events.length > 0 ? detected / events.length : 1;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

function medianOf(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

interface GroundTruth { anomalies: { kind: string; accountId: string; campaignId: string | null; start: string; end: string }[] }

export async function runPart(opts: PartOptions): Promise<PartFigures> {
  const asked = process.env.ANOMALY_SEEDS?.split(',').map(Number).filter(Number.isInteger);
  const seeds = asked && asked.length > 0 ? asked : process.env.ANOMALY_DEBUG ? [101] : opts.quick ? [101, 102] : [101, 102, 103, 104, 105];
  const labelledAlerts: Alert[] = [];
  const staticLabelledAlerts: Alert[] = [];
  const cleanAlerts: Alert[] = [];
  const events: LabelledEvent[] = [];
  let cleanSeries = 0;
  for (const seed of seeds) {
    const sandbox = await startSandbox({ seed, clock: START });
    try {
      const rand = rng(seed * 7919);
      const accounts = await control<Record<string, ControlAccount[]>>(sandbox, '/control/accounts');
      const series: Series[] = [];
      for (const [platform, list] of Object.entries(accounts)) {
        for (const account of list.filter((a) => !a.isManager)) {
          for (const c of account.campaigns) {
            if (!unchanged(sandbox, platform, c.id)) continue;
            series.push({ key: `${platform}|${c.id}`, platform, accountId: account.id, campaignId: c.id, timeZone: account.timeZone, labelled: series.length % 2 === 0 });
          }
        }
      }
      for (const s of series.filter((x) => x.labelled)) await injectEvents(sandbox, s, rand);
      const truth = await control<GroundTruth>(sandbox, '/control/ground-truth');
      for (const s of series) {
        const own = truth.anomalies.filter((a) => a.accountId === s.accountId && (a.campaignId === null || a.campaignId === s.campaignId))
          .map((a) => ({ kind: a.kind, start: Date.parse(a.start), end: Date.parse(a.end) }));
        const inWindow = own.filter((a) => a.start < WINDOW_END && a.end > WINDOW_START);
        const touched = own.some((a) => a.start < WINDOW_END && a.end > WINDOW_START - HISTORY_DAYS * DAY);
        if (!s.labelled && touched) continue; // a clean series must be clean over its whole history
        const hourly = hourlyPoints(sandbox, s);
        const daily = dailyPoints(hourly.points, s.timeZone);
        const alerts = detectSeries(hourly, daily, s.key);
        if (s.labelled) {
          labelledAlerts.push(...alerts);
          staticLabelledAlerts.push(...staticBaseline(daily, s.key));
          for (const a of inWindow) {
            const hours = (a.end - a.start) / HOUR;
            const cls: EventClass = a.kind === 'tracking_outage' ? 'tracking' : hours <= 3 ? 'spike' : hours >= 72 ? 'level_shift' : 'episode';
            const prior = hourly.points.filter((p) => p.at < a.start && p.at >= a.start - 28 * DAY);
            const usualConversions = (prior.reduce((sum, p) => sum + p.conversions, 0) / Math.max(1, prior.length)) * hours;
            let sameHours = 0;
            for (const p of hourly.points) {
              const back = Math.floor((a.start - p.at) / DAY) + 1;
              if (back >= 1 && back <= 7 && p.at + back * DAY >= a.start && p.at + back * DAY < a.end) sameHours += p.clicks;
            }
            const priorClicks = prior.reduce((sum, p) => sum + p.clicks, 0);
            const baseCvr = priorClicks > 0 ? prior.reduce((sum, p) => sum + p.conversions, 0) / priorClicks : 0;
            events.push({ series: s.key, kind: a.kind, start: a.start, end: a.end, cls, usualConversions, usualClicks: sameHours / 7, baseCvr, localHour: localHourOf(s.timeZone, a.start / HOUR).hour });
          }
        } else {
          cleanSeries += 1;
          cleanAlerts.push(...alerts);
          if (process.env.ANOMALY_DEBUG) for (const a of alerts) process.stdout.write(`clean ${a.incident.seriesKey} ${new Date(a.openedAt).toISOString()} ${a.incident.cause} ${a.incident.findings.map((f) => `${f.metric}/${f.method}/${f.direction}/${f.score.toFixed(1)}/obs=${f.observed.toFixed(2)}/exp=${f.expected.toFixed(2)}`).join(' ')}\n`);
        }
      }
    } finally {
      await sandbox.close();
    }
  }
  if (process.env.ANOMALY_DEBUG) {
    for (const e of events) {
      const hit = labelledAlerts.filter((a) => matches(a, e));
      process.stdout.write(`event ${e.series} ${e.kind} ${e.cls} ${new Date(e.start).toISOString()} ${(e.end - e.start) / HOUR}h usual=${e.usualConversions.toFixed(1)}conv/${e.usualClicks.toFixed(0)}clicks -> ${hit.map((a) => `${new Date(a.openedAt).toISOString()} ${a.incident.cause} ${a.incident.findings.map((f) => `${f.metric}/${f.method}/${f.direction}/${f.score.toFixed(1)}`).join(',')}`).join(' | ') || 'MISSED'}\n`);
    }
    for (const a of labelledAlerts.filter((x) => !events.some((e) => matches(x, e)))) process.stdout.write(`fp ${a.series} ${new Date(a.openedAt).toISOString()} ${a.incident.cause} ${a.incident.findings.map((f) => `${f.metric}/${f.method}/${f.direction}/${f.score.toFixed(1)}/obs=${f.observed.toFixed(2)}/exp=${f.expected.toFixed(2)}`).join(' ')}\n`);
  }
  const overall = score(labelledAlerts, events);
  const baseline = score(staticLabelledAlerts, events);
  const firstAlert = (e: LabelledEvent): number | null => {
    const times = labelledAlerts.filter((a) => matches(a, e)).map((a) => a.openedAt);
    return times.length > 0 ? Math.min(...times) - e.start : null;
  };
  const delays = (cls: EventClass, unit: number): number[] => events.filter((e) => e.cls === cls).map(firstAlert).filter((d): d is number => d !== null).map((d) => d / unit);
  const tracking = events.filter((e) => e.cls === 'tracking');
  const trackingFound = (list: LabelledEvent[]): number => list.filter((e) => labelledAlerts.some((a) => matches(a, e) && a.incident.cause === 'tracking')).length;
  // A break is only detectable when the conversions it hides would have been many (≥ 10 at the usual rate).
  const detectable = tracking.filter((e) => e.usualConversions >= 10);
  // The breaks missed, with what a test had to go on: an ordinary stretch shows no conversion with chance e^−hidden.
  for (const e of tracking.filter((t) => !labelledAlerts.some((a) => matches(a, t) && a.incident.cause === 'tracking'))) {
    process.stdout.write(`missed tracking break ${e.series} ${(e.end - e.start) / HOUR} h from ${String(e.localHour).padStart(2, '0')}:00 local: ${e.usualClicks.toFixed(0)} clicks at ${(100 * e.baseCvr).toFixed(1)} % hide ${e.usualConversions.toFixed(1)} conversions (no conversion by chance: ${(100 * Math.exp(-e.usualConversions)).toFixed(1)} %)\n`);
  }
  const recallOfList = (list: LabelledEvent[]): number => (list.length > 0 ? list.filter((e) => labelledAlerts.some((a) => matches(a, e))).length / list.length : Number.NaN);
  const recallOf = (cls: EventClass, kind?: string): number => {
    const list = events.filter((e) => e.cls === cls && (!kind || e.kind === kind));
    return list.length > 0 ? list.filter((e) => labelledAlerts.some((a) => matches(a, e))).length / list.length : Number.NaN;
  };
  const windowMonths = (WINDOW_END - WINDOW_START) / (30 * DAY);
  return {
    anomaly_f1: overall.f1,
    anomaly_precision: overall.precision,
    anomaly_recall: overall.recall,
    anomaly_events: events.length,
    tracking_break_recall: tracking.length > 0 ? trackingFound(tracking) / tracking.length : Number.NaN,
    tracking_break_recall_ge10_conversions: detectable.length > 0 ? trackingFound(detectable) / detectable.length : Number.NaN,
    tracking_breaks: tracking.length,
    tracking_breaks_ge10_conversions: detectable.length,
    spike_recall: recallOf('spike'),
    spike_recall_spend: recallOf('spike', 'budget_overspend'),
    spike_recall_cpc: recallOf('spike', 'cpc_spike'),
    // A CPC spike shows only in the clicks it costs: visible from about 30 clicks in its hours.
    spike_recall_cpc_ge30_clicks: recallOfList(events.filter((e) => e.kind === 'cpc_spike' && e.cls === 'spike' && e.usualClicks >= 30)),
    spikes_cpc_ge30_clicks: events.filter((e) => e.kind === 'cpc_spike' && e.cls === 'spike' && e.usualClicks >= 30).length,
    level_shift_recall: recallOf('level_shift'),
    false_alerts_per_series_month: cleanSeries > 0 ? cleanAlerts.length / (cleanSeries * windowMonths) : Number.NaN,
    anomaly_clean_series: cleanSeries,
    spike_delay_hours_median: medianOf(delays('spike', HOUR)),
    level_shift_delay_days_median: medianOf(delays('level_shift', DAY)),
    static_threshold_f1: baseline.f1,
    // CPU ms of one check: a day of hours judged on 28 days of hourly history; one day on 12 weeks of days.
    anomaly_check_ms: timing.hour.calls > 0 ? timing.hour.ms / timing.hour.calls : Number.NaN,
    anomaly_check_day_ms: timing.day.calls > 0 ? timing.day.ms / timing.day.calls : Number.NaN,
  };
}
