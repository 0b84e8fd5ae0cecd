import type { AnomalyCause, AnomalyFinding, Incident } from './anomaly.types.ts';

/**
 * Likely cause of a set of simultaneous findings on one series: broken tracking when conversions
 * fall with clicks intact, cost when CPC rises, overspend when spend rises, delivery when spend or
 * clicks fall; otherwise a change in performance (conversions or rate).
 */
export function likelyCause(findings: readonly AnomalyFinding[]): AnomalyCause {
  const has = (metric: AnomalyFinding['metric'], direction?: 'up' | 'down'): boolean =>
    findings.some((f) => f.metric === metric && (!direction || f.direction === direction));
  if (findings.some((f) => f.method === 'tracking_break')) return 'tracking';
  if (has('cpc', 'up')) return 'cost';
  if (has('spend', 'up')) return 'overspend';
  if (has('spend', 'down') || has('clicks', 'down')) return 'delivery';
  if ((has('conversions', 'down') || has('conversion_rate', 'down')) && !has('clicks', 'down')) return 'tracking';
  if (has('cpc')) return 'cost';
  return 'performance';
}

export interface IncidentOptions {
  /** An open incident resolves once its series has been normal this long (ms). */
  resolveAfterMs: number;
  /** Findings weaker than this (score) never open an incident alone; default 0. */
  minScore?: number;
}

/**
 * Folds the findings of one check (time `now`) into the incidents: findings of a series with an
 * open incident extend it (deduplicated, latest finding per metric, cause re-derived); others open
 * one; open incidents without findings for `resolveAfterMs` resolve. Resolved incidents are kept
 * unchanged. Pure: returns a new list, sorted by series then opening time.
 */
export function updateIncidents(previous: readonly Incident[], findings: ReadonlyMap<string, readonly AnomalyFinding[]>, now: number, options: IncidentOptions): Incident[] {
  const out: Incident[] = [];
  const touched = new Set<string>();
  for (const incident of previous) {
    const fresh = incident.status === 'open' ? (findings.get(incident.seriesKey) ?? []) : [];
    if (incident.status === 'resolved') {
      out.push(incident);
      continue;
    }
    touched.add(incident.seriesKey);
    if (fresh.length > 0) {
      const byMetric = new Map(incident.findings.map((f) => [`${f.metric}|${f.method}`, f]));
      for (const f of fresh) byMetric.set(`${f.metric}|${f.method}`, f);
      const merged = [...byMetric.values()].sort((a, b) => a.metric.localeCompare(b.metric) || a.method.localeCompare(b.method));
      out.push({
        ...incident, findings: merged, lastSeenAt: now, cause: likelyCause(merged),
        since: Math.min(incident.since, ...fresh.map((f) => f.since)),
        confidence: merged.every((f) => f.confidence === 'low') ? 'low' : 'normal',
      });
    } else if (now - incident.lastSeenAt >= options.resolveAfterMs) {
      out.push({ ...incident, status: 'resolved', resolvedAt: now });
    } else {
      out.push(incident);
    }
  }
  for (const [seriesKey, list] of findings) {
    if (touched.has(seriesKey) || list.length === 0) continue;
    if (!list.some((f) => f.score >= (options.minScore ?? 0))) continue;
    out.push({
      id: `${seriesKey}|${now}`, seriesKey, cause: likelyCause(list), status: 'open', since: Math.min(...list.map((f) => f.since)),
      openedAt: now, lastSeenAt: now, resolvedAt: null, confidence: list.every((f) => f.confidence === 'low') ? 'low' : 'normal',
      findings: [...list].sort((a, b) => a.metric.localeCompare(b.metric) || a.method.localeCompare(b.method)),
    });
  }
  return out.sort((a, b) => a.seriesKey.localeCompare(b.seriesKey) || a.openedAt - b.openedAt);
}
