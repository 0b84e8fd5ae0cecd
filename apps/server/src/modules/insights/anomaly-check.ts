import { sql } from 'drizzle-orm';
import { detectAnomalies, incidentCandidates, planIncidents, type AnomalyFinding, type AnomalyGrain, type IncidentCandidate } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { rowsOf } from '../metrics/report-scope.ts';
import { loadCheckSeries, type CampaignForCheck } from './anomaly-series.ts';
import { insertIncident, openIncidentsOfAccount, repeatIncident, resolveIncidents, snoozedKeys, type IncidentRow } from './incidents.repository.ts';
import { notifyIncidents } from './incidents.notify.ts';

/** Each check judges the last three complete hours and the last complete day. */
const RECENT: Record<AnomalyGrain, number> = { hour: 3, day: 1 };
/** An open incident not found for two hours is back to normal (one clean hourly check is not enough). */
export const RESOLVE_AFTER_MS = 2 * 3_600_000;

export interface CheckOutcome {
  opened: IncidentRow[];
  repeated: number;
  resolved: IncidentRow[];
}

const scopeOf = (campaignId: string | null): string => (campaignId === null ? 'account' : `campaign:${campaignId}`);

/**
 * The anomaly check of one organisation at `now`: every selected ad account and its campaigns, hourly
 * and daily, on spend, clicks, CPC, conversions and conversion rate. Each (account or campaign, metric,
 * likely cause) found opens an incident or folds into the open one; open incidents not found for
 * RESOLVE_AFTER_MS resolve. Openings and resolutions are notified unless snoozed. Idempotent per `now`.
 */
export async function checkAnomaliesOfOrg(ctx: AppContext, orgId: string, now = ctx.clock.now()): Promise<CheckOutcome> {
  const accounts = rowsOf<{ id: string; name: string; time_zone: string; currency: string }>(
    await ctx.db.execute(sql`SELECT id, name, time_zone, currency FROM ad_accounts WHERE org_id = ${orgId}::uuid AND selected ORDER BY id`),
  );
  const outcome: CheckOutcome = { opened: [], repeated: 0, resolved: [] };
  for (const account of accounts) {
    const campaigns = rowsOf<{ id: string; platform_id: string; name: string }>(
      await ctx.db.execute(sql`SELECT id, platform_id, name FROM campaigns WHERE org_id = ${orgId}::uuid AND ad_account_id = ${account.id}::uuid`),
    ).map((c): CampaignForCheck => ({ id: c.id, platformId: c.platform_id, name: c.name }));
    const series = await loadCheckSeries(ctx, orgId, { id: account.id, name: account.name, timeZone: account.time_zone }, campaigns, now);
    const byScope = new Map<string, { campaignId: string | null; name: string; findings: { grain: AnomalyGrain; finding: AnomalyFinding }[] }>();
    for (const s of series) {
      const findings = detectAnomalies({ grain: s.grain, points: s.points, firstPhase: s.firstPhase, recent: RECENT[s.grain] });
      const scope = scopeOf(s.campaignId);
      const entry = byScope.get(scope) ?? { campaignId: s.campaignId, name: s.name, findings: [] };
      entry.findings.push(...findings.map((finding) => ({ grain: s.grain, finding })));
      byScope.set(scope, entry);
    }
    const candidates: IncidentCandidate[] = [];
    for (const [scope, entry] of byScope) candidates.push(...incidentCandidates(scope, entry.findings));
    const done = await ctx.db.transaction(async (tx) => {
      const open = await openIncidentsOfAccount(tx, orgId, account.id);
      const plan = planIncidents(open.map((o) => ({ id: o.id, key: o.incidentKey, lastSeenAt: o.lastSeenAt.getTime() })), candidates, now.getTime(), RESOLVE_AFTER_MS);
      const snoozed = await snoozedKeys(tx, orgId, account.id, now);
      const opened: IncidentRow[] = [];
      for (const c of plan.open) {
        const entry = byScope.get(c.scope);
        const row = await insertIncident(tx, orgId, account.id, c, entry?.campaignId ?? null, entry?.name ?? account.name, now, snoozed.get(c.key) ?? null);
        if (!row) continue;
        opened.push(row);
      }
      for (const r of plan.repeat) await repeatIncident(tx, orgId, r.id, r.candidate, now);
      const resolved = await resolveIncidents(tx, orgId, plan.resolve, now);
      return { opened, repeated: plan.repeat.length, resolved };
    });
    outcome.opened.push(...done.opened);
    outcome.repeated += done.repeated;
    outcome.resolved.push(...done.resolved);
  }
  const currencies = new Map(accounts.map((a) => [a.id, a.currency]));
  await notifyIncidents(ctx, orgId, outcome.opened, outcome.resolved, (id) => currencies.get(id) ?? '', now);
  return outcome;
}
