import { HOUR_MS } from './sim-clock.ts';
import type { Anomaly } from './world.types.ts';

/** Multipliers an active anomaly applies to one hour of one campaign. */
export interface AnomalyEffects {
  delivery: number;
  cpc: number;
  tracking: number;
}

export const NO_EFFECTS: AnomalyEffects = { delivery: 1, cpc: 1, tracking: 1 };

/** Anomalies that touch `campaignId` anywhere in [from, to). */
export function anomaliesFor(all: readonly Anomaly[], accountId: string, campaignId: string, from: number, to: number): Anomaly[] {
  return all.filter((a) => a.accountId === accountId && (a.campaignId === null || a.campaignId === campaignId) && a.start < to && a.end > from);
}

/** Combined effect of the anomalies active during UTC hour `utcHour` (active if the hour starts inside the window). */
export function effectsAt(anomalies: readonly Anomaly[], utcHour: number): AnomalyEffects {
  if (anomalies.length === 0) return NO_EFFECTS;
  const t = utcHour * HOUR_MS;
  const effects = { ...NO_EFFECTS };
  for (const a of anomalies) {
    if (t < a.start || t >= a.end) continue;
    if (a.kind === 'tracking_outage') effects.tracking *= a.magnitude;
    else if (a.kind === 'cpc_spike') effects.cpc *= a.magnitude;
    else effects.delivery *= a.magnitude;
  }
  return effects;
}
