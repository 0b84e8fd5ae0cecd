import { likelyCause } from './incidents.ts';
import type { AnomalyCause, AnomalyFinding, AnomalyGrain, AnomalyMetric } from './anomaly.types.ts';

/** What one check found for one metric of one scope (account or campaign), under the scope's likely cause. */
export interface IncidentCandidate {
  /** `${scope}|${metric}|${cause}`: the same while the incident continues. */
  key: string;
  scope: string;
  metric: AnomalyMetric;
  cause: AnomalyCause;
  grain: AnomalyGrain;
  finding: AnomalyFinding;
}

/**
 * One check's findings of one scope (its hourly and daily series together) as incident candidates:
 * one per metric, the likely cause derived from every finding of the scope, the metric's latest
 * finding (the strongest among the latest) as its figures and the earliest `since` of the metric.
 */
export function incidentCandidates(scope: string, findings: readonly { grain: AnomalyGrain; finding: AnomalyFinding }[]): IncidentCandidate[] {
  if (findings.length === 0) return [];
  const cause = likelyCause(findings.map((f) => f.finding));
  const byMetric = new Map<AnomalyMetric, { grain: AnomalyGrain; finding: AnomalyFinding }[]>();
  for (const f of findings) byMetric.set(f.finding.metric, [...(byMetric.get(f.finding.metric) ?? []), f]);
  const out: IncidentCandidate[] = [];
  for (const [metric, list] of byMetric) {
    const latest = [...list].sort((a, b) => b.finding.at - a.finding.at || b.finding.score - a.finding.score || (a.grain === 'hour' ? -1 : 1))[0]!;
    const since = Math.min(...list.map((f) => f.finding.since));
    out.push({ key: `${scope}|${metric}|${cause}`, scope, metric, cause, grain: latest.grain, finding: { ...latest.finding, since } });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** An open incident as stored: its key and the last check that found it. */
export interface OpenIncidentState {
  id: string;
  key: string;
  lastSeenAt: number;
}

export interface IncidentPlan {
  /** Candidates without an open incident: open one each. */
  open: IncidentCandidate[];
  /** Open incidents found again: fold the repeat in (latest figures, one more occurrence). */
  repeat: { id: string; candidate: IncidentCandidate }[];
  /** Open incidents not found for `resolveAfterMs`: back to normal. */
  resolve: string[];
}

/**
 * Deduplication and automatic resolution of one check (time `now`): a candidate whose key is open
 * repeats it, otherwise opens one; an open incident not found since `resolveAfterMs` resolves (found
 * again later, it opens anew). Pure.
 */
export function planIncidents(open: readonly OpenIncidentState[], candidates: readonly IncidentCandidate[], now: number, resolveAfterMs: number): IncidentPlan {
  const byKey = new Map(open.map((o) => [o.key, o]));
  const found = new Set<string>();
  const plan: IncidentPlan = { open: [], repeat: [], resolve: [] };
  for (const c of candidates) {
    if (found.has(c.key)) continue;
    found.add(c.key);
    const existing = byKey.get(c.key);
    if (existing) plan.repeat.push({ id: existing.id, candidate: c });
    else plan.open.push(c);
  }
  for (const o of open) if (!found.has(o.key) && now - o.lastSeenAt >= resolveAfterMs) plan.resolve.push(o.id);
  return plan;
}
