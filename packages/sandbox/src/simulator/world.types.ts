import type { ResponseCurve } from './response-curve.ts';
import type { Timeline } from './timeline.ts';

export type PlatformId = 'google' | 'meta' | 'tiktok';
export const PLATFORM_IDS: readonly PlatformId[] = ['google', 'meta', 'tiktok'];

/** Platform-neutral status; each server maps it to its own words (ENABLED / ACTIVE / ENABLE …). */
export type EntityStatus = 'ENABLED' | 'PAUSED' | 'REMOVED' | 'ARCHIVED';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Platform-specific attributes the simulator does not interpret (objective, targeting, creatives …). */
export type Attrs = Record<string, JsonValue>;

export interface Account {
  platform: PlatformId;
  id: string;
  name: string;
  /** ISO 4217 code. */
  currency: string;
  /** IANA zone; report days and hours are in this zone. */
  timeZone: string;
  isManager: boolean;
  /** Manager (MCC / business) that administers this account, if any. */
  managerId: string | null;
  createdAt: number;
  attrs: Attrs;
}

/** A daily budget in micros of the account currency. */
export interface Budget {
  id: string;
  accountId: string;
  name: string;
  amountMicros: Timeline<number>;
  status: Timeline<EntityStatus>;
  createdAt: number;
  attrs: Attrs;
}

/** Auction conditions a campaign meets: base cost per click and click-through rate. */
export interface MarketParams {
  cpcMicros: number;
  ctr: number;
}

interface EntityBase {
  id: string;
  accountId: string;
  name: string;
  status: Timeline<EntityStatus>;
  createdAt: number;
  updatedAt: number;
  attrs: Attrs;
}

export interface Campaign extends EntityBase {
  /** Campaign-level budget (Google budget resource, Meta CBO, TikTok campaign budget); null = ad-group budgets. */
  budgetId: string | null;
  curve: ResponseCurve;
  market: MarketParams;
  /** Bumped on every change to the campaign or anything under it; keys the metrics cache. */
  revision: number;
}

export interface AdGroup extends EntityBase {
  campaignId: string;
  /** Used only when the campaign has no budget of its own. */
  budgetId: string | null;
  /** Relative share of the campaign budget. */
  weight: number;
}

export interface Ad extends EntityBase {
  campaignId: string;
  adGroupId: string;
  weight: number;
}

export interface PlatformWorld {
  platform: PlatformId;
  accounts: Map<string, Account>;
  budgets: Map<string, Budget>;
  campaigns: Map<string, Campaign>;
  adGroups: Map<string, AdGroup>;
  ads: Map<string, Ad>;
  /** Counter for ids of objects created through the API (deterministic per call order). */
  createdCount: number;
}

export type AnomalyKind = 'tracking_outage' | 'cpc_spike' | 'delivery_stall' | 'budget_overspend';
export const ANOMALY_KINDS: readonly AnomalyKind[] = ['tracking_outage', 'cpc_spike', 'delivery_stall', 'budget_overspend'];

/** A labelled disturbance of the simulated market (ground truth for anomaly detection). */
export interface Anomaly {
  id: string;
  kind: AnomalyKind;
  platform: PlatformId;
  accountId: string;
  /** null = every campaign of the account. */
  campaignId: string | null;
  start: number;
  end: number;
  /** Kind-specific strength: CPC multiplier, overspend multiplier, remaining share for outage/stall. */
  magnitude: number;
  origin: 'seeded' | 'injected';
}

export interface World {
  seed: number;
  /** Start of simulated history (ms, UTC midnight). */
  anchor: number;
  platforms: Record<PlatformId, PlatformWorld>;
  anomalies: Anomaly[];
}
