import { z } from 'zod';
import { OrgParams, page, PageQuery } from './common.ts';

const Timestamp = z.iso.datetime({ offset: true });

export const PlatformId = z.enum(['google_ads', 'meta', 'tiktok']).meta({ id: 'PlatformId' });
export type PlatformId = z.infer<typeof PlatformId>;

export const PlatformInfo = z
  .object({
    id: PlatformId,
    displayName: z.string(),
    /** False when this installation has no credentials for the platform. */
    available: z.boolean(),
    capabilities: z.object({
      supportsPkce: z.boolean(),
      refreshableTokens: z.boolean(),
      hourlyMetrics: z.boolean(),
      hourlyTimeBasis: z.enum(['account', 'utc']),
      restatementDays: z.number().int(),
      reportingDelayHours: z.number(),
    }),
  })
  .meta({ id: 'PlatformInfo' });
export type PlatformInfo = z.infer<typeof PlatformInfo>;

export const SyncKind = z.enum(['structure', 'metrics_hourly', 'metrics_daily']);

/** How fresh an account's numbers are, in plain words, with the fix when something is wrong. */
export const AccountHealth = z
  .object({
    state: z.enum(['never_synced', 'syncing', 'fresh', 'delayed', 'error', 'needs_reconnection', 'not_added']),
    /** One sentence for people, e.g. "Numbers up to 14:00 (account time), synced 3 minutes ago". */
    summary: z.string(),
    structureSyncedAt: Timestamp.nullable(),
    metricsSyncedAt: Timestamp.nullable(),
    /** Start of the newest hour with numbers, as an instant. */
    newestHourAt: Timestamp.nullable(),
    /** Hours the platform usually needs before an hour's numbers are complete. */
    reportingDelayHours: z.number(),
    /** A sync running now: the step it is on and the whole sync's progress 0–100 (only ever rising). */
    running: z.object({ kind: SyncKind, progress: z.number().int() }).nullable(),
    problem: z
      .object({
        message: z.string(),
        /** The platform's own words, when it gave any. */
        platformMessage: z.string().nullable(),
        fix: z.enum(['reconnect', 'retry', 'wait']).nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'AccountHealth' });
export type AccountHealth = z.infer<typeof AccountHealth>;

export const AdAccount = z
  .object({
    id: z.uuid(),
    connectionId: z.uuid(),
    platform: PlatformId,
    platformAccountId: z.string(),
    name: z.string(),
    currency: z.string(),
    timeZone: z.string(),
    isManager: z.boolean(),
    /** For a client reached only through its manager (Google MCC): the manager's platform account id, the access path. */
    managerAccountId: z.string().nullable(),
    /**
     * The grant names this account itself (ticked on the platform's consent page), so the account
     * picker offers it ticked. False for managers and for clients reached only through a manager.
     */
    isGrantedDirectly: z.boolean(),
    status: z.enum(['active', 'paused', 'removed', 'archived']),
    /** Added to Adloop: mirrored and synced. */
    selected: z.boolean(),
    campaignCount: z.number().int(),
    /** Spend of the last 7 complete days (account time), integer micros of `currency`. */
    spendLast7DaysMicros: z.number().int(),
    health: AccountHealth,
  })
  .meta({ id: 'AdAccount' });
export type AdAccount = z.infer<typeof AdAccount>;

export const Connection = z
  .object({
    id: z.uuid(),
    platform: PlatformId,
    status: z.enum(['active', 'needs_reconnection', 'disconnected']),
    /** Who or what the platform says authorised it. */
    externalLabel: z.string(),
    connectedAt: Timestamp,
    tokenExpiresAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
    accounts: z.array(AdAccount),
  })
  .meta({ id: 'Connection' });
export type Connection = z.infer<typeof Connection>;

export const ConnectionsOverview = z.object({ platforms: z.array(PlatformInfo), connections: z.array(Connection) }).meta({ id: 'ConnectionsOverview' });
export type ConnectionsOverview = z.infer<typeof ConnectionsOverview>;

export const StartConnectBody = z.strictObject({ platform: PlatformId });
export const StartConnectResponse = z.object({
  /** Send the browser here: the platform's consent page. It comes back to Adloop's callback. */
  authorizeUrl: z.string(),
  expiresAt: Timestamp,
});

export const ConnectionParams = OrgParams.extend({ connectionId: z.uuid() });
export const AdAccountParams = OrgParams.extend({ accountId: z.uuid() });

export const SelectAccountsBody = z.strictObject({
  /** Ad account ids (Adloop's) of this connection to mirror and sync; the others are removed from Adloop. */
  accountIds: z.array(z.uuid()).max(500),
});

export const OAuthCallbackParams = z.strictObject({ platform: PlatformId });
export const OAuthCallbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

export const SyncRun = z
  .object({
    id: z.uuid(),
    adAccountId: z.uuid(),
    kind: SyncKind,
    status: z.enum(['running', 'succeeded', 'failed']),
    counts: z.record(z.string(), z.number()),
    rangeSince: z.string().nullable(),
    rangeUntil: z.string().nullable(),
    progress: z.number().int(),
    attempts: z.number().int(),
    errorKind: z.string().nullable(),
    errorMessage: z.string().nullable(),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    durationMs: z.number().int().nullable(),
  })
  .meta({ id: 'SyncRun' });
export type SyncRun = z.infer<typeof SyncRun>;
export const SyncRunPage = page(SyncRun);
export const SyncRunQuery = PageQuery;

export const SyncRequestResponse = z.object({ queued: z.boolean() });

export const MirroredCampaign = z
  .object({
    id: z.uuid(),
    adAccountId: z.uuid(),
    platformId: z.string(),
    name: z.string(),
    status: z.enum(['active', 'paused', 'removed', 'archived']),
    objective: z.string().nullable(),
    dailyBudgetMicros: z.number().int().nullable(),
    lifetimeBudgetMicros: z.number().int().nullable(),
    currency: z.string(),
    syncedAt: Timestamp,
    /** Numbers of the last 7 complete days (account time). */
    last7Days: z.object({ impressions: z.number(), clicks: z.number(), spendMicros: z.number().int(), conversions: z.number() }),
  })
  .meta({ id: 'MirroredCampaign' });
export const MirroredCampaignPage = page(MirroredCampaign);

export const Notification = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    readAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;
export const NotificationPage = page(Notification).extend({ unread: z.number().int() });
export const MarkNotificationsReadBody = z.strictObject({
  /** Ids to mark read; omit to mark every notification read. */
  ids: z.array(z.uuid()).max(100).optional(),
});
