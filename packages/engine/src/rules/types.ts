import type { RuleAction, RuleDefinition, RuleEntityOutcome, RuleModeValue, RuleNotifyChannel, RuleWindow } from '@adloop/contracts';
import type { MetricTotals } from '../metrics/totals.ts';

/**
 * The data one rule evaluation works on, the same for a live run, a dry run and a backtest step:
 * the loader (live: SQL aggregates; backtest: stored series cut at `now`) fills `EntityFacts`,
 * `evaluateRule` decides. Amounts are micros of the object's currency.
 */

/** The periods one window covers for one account at one moment (its zone's calendar). */
export interface WindowSpan {
  /** Complete days [since, until] (daily rows); null when the window has none (today, last_hours); `since` null for lifetime. */
  days: { since: string | null; until: string } | null;
  /** Today's date in the account's zone when the window counts today so far (today's partial daily row, or hourly rows up to now). */
  today: string | null;
  /**
   * The instants [fromUtc, toUtc) of hourly rows: a `last_hours` window (campaign level only), or the
   * same hours of an earlier day in the previous period of a window ending "today so far". Objects
   * without hourly rows count each day's total times the share of it the hours cover.
   */
  hours: { fromUtc: string; toUtc: string } | null;
}

/** A window resolved for one account at one moment, with the equal-length period before it. */
export interface ResolvedWindow extends WindowSpan {
  /** Stable key of the window as the rule names it (e.g. "last_days:3:false:skip"), for `EntityFacts.metrics`. */
  key: string;
  /** The previous window of equal length (for `previous_period` comparisons); null for `lifetime`. */
  previous: WindowSpan | null;
}

/** One object a rule may act on, with what it is now and its numbers over each window the rule reads. */
export interface EntityFacts {
  level: 'campaign' | 'ad_group' | 'ad';
  /** Adloop id (campaigns.id, ad_groups.id or ads.id). */
  id: string;
  /** The platform's id of the object (metrics rows' entity_id). */
  platformId: string;
  /** Adloop campaign id (the object itself at campaign level). */
  campaignId: string;
  /** The id siblings share for `parent_average`: the campaign's id for ad groups/ads, the account's for campaigns. */
  parentKey: string;
  name: string;
  platform: 'google_ads' | 'meta' | 'tiktok';
  adAccountId: string;
  timeZone: string;
  currency: string;
  status: 'active' | 'paused' | 'removed' | 'archived';
  objective: string | null;
  labels: readonly string[];
  isLearning: boolean | null;
  createdAt: string | null;
  /** Own daily budget (micros), null when the object has none (budget lives on its campaign). */
  dailyBudgetMicros: number | null;
  lifetimeBudgetMicros: number | null;
  bidMicros: number | null;
  /** Multiply an amount in the account's currency by this to get the organisation's; null without a rate. */
  toOrgRate: number | null;
  /** Totals per `ResolvedWindow.key`, and of the previous period per key (when a condition compares with it). */
  metrics: Record<string, MetricTotals>;
  previous: Record<string, MetricTotals>;
  /** Average totals of the object's siblings per window key (for `parent_average`). */
  parentAverage: Record<string, MetricTotals>;
  /** When the numbers were last synced (ISO), and whether the account's connection calls them stale. */
  syncedAt: string | null;
  stale: boolean;
}

/** What the rule did before, read from the change pipeline (and notifications), for limits that span runs. */
export interface RuleMemory {
  /** The rule's own actions per object (Adloop id), newest last: when, which field, and the direction. */
  actionsByEntity: Record<string, readonly PastAction[]>;
  /** Actions (changes made or proposed) by this rule since the start of today (UTC). */
  actionsToday: number;
  /** Budget moved by this rule today, micros in the organisation's currency (sum of |after − before|). */
  moneyMovedTodayMicros: number;
  /** Objects a person changed after a rule did: the rule leaves them alone until then (ISO). */
  overrideUntil: Record<string, string>;
  /**
   * Every actor's recent status/budget changes per object (newest last), for oscillation detection
   * (A→B→A within the window, by rules).
   */
  recentChanges: Record<string, readonly PastAction[]>;
  /** The UTC day (YYYY-MM-DD) `actionsToday` and `moneyMovedTodayMicros` count; a later day starts them at 0. */
  day?: string;
}

export interface PastAction {
  at: string;
  field: 'status' | 'daily_budget' | 'lifetime_budget' | 'bid' | 'name' | 'label' | 'notify';
  /** 'pause' | 'enable' | 'raise' | 'lower' | 'set' | 'notify' | 'label' | 'rename'. */
  direction: string;
  actorType: string;
  actorId: string | null;
  /** The enable a `pause_until` scheduled: the rule's own planned return, never counted as undoing its pause. */
  resumes?: boolean;
}

export interface EvaluationContext {
  now: Date;
  mode: RuleModeValue;
  /** The organisation's kill switch: nothing acts, the run is recorded as skipped. */
  killSwitch: boolean;
  /** Organisation reporting currency (for `currencyBasis: organization` and money per day). */
  orgCurrency: string;
  /** Platform budget rules per platform/currency: minimum and step (micros); the engine rounds onto the step. */
  budgetStep: (platform: EntityFacts['platform'], currency: string) => { minMicros: number; stepMicros: number };
  /** Oscillation window in hours (default 48). */
  oscillationHours?: number;
}

/** One action the engine asks the pipeline for (values are what the object has now and what it should have). */
export type PlannedAction =
  | { kind: 'status'; action: 'pause' | 'enable'; from: string; resumeAt?: string }
  | { kind: 'budget'; field: 'daily_budget' | 'lifetime_budget'; fromMicros: number; toMicros: number }
  | { kind: 'bid'; fromMicros: number | null; toMicros: number }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'label'; label: string }
  | { kind: 'notify'; channels: readonly RuleNotifyChannel[]; message: string };

/** The engine's verdict on one object: the outcome the run records, and the actions to submit. */
export interface EntityDecision extends Omit<RuleEntityOutcome, 'changeIds' | 'actions' | 'outcome'> {
  /** What the run should do: act (mode automatic), propose, notify only, or nothing. */
  outcome: 'act' | 'propose' | 'notify' | 'no_match' | 'skipped';
  planned: PlannedAction[];
  /** Each planned action in words. */
  actions: string[];
  /** The facts it was decided on (for `rememberDecision`'s money conversion; not part of the stored outcome). */
  facts?: EntityFacts;
}

export interface RuleDecision {
  /** Set when the whole run is skipped (kill switch, outside active hours for every object, all data stale). */
  skipped: string | null;
  entities: EntityDecision[];
  /** Oscillation caught this run: the rule should be stopped with this explanation. */
  oscillation: { entityId: string; explanation: string } | null;
}

/** Stored rows of one object (backtest): complete days by account-local date, and hourly rows (campaigns only) by UTC hour start. */
export interface EntitySeries {
  daily: ReadonlyMap<string, MetricTotals>;
  /** Keyed by the hour's start as ISO (`toISOString()`); null when the object has no hourly rows. */
  hourly: ReadonlyMap<string, MetricTotals> | null;
}

export type { RuleAction, RuleDefinition, RuleWindow };
