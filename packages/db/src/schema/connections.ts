import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';
import { users } from './auth.ts';

export const PLATFORMS = ['google_ads', 'meta', 'tiktok'] as const;
export const CONNECTION_STATUSES = ['active', 'needs_reconnection', 'disconnected'] as const;

/** One authorised link between an organisation and an ad platform login. */
export const platformConnections = pgTable(
  'platform_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    status: text('status', { enum: CONNECTION_STATUSES }).notNull().default('active'),
    /** Who or what the platform says authorised it (never a secret). */
    externalLabel: text('external_label').notNull().default(''),
    connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    /** Last time the token lifecycle job looked at this connection. */
    tokenCheckedAt: timestamp('token_checked_at', { withTimezone: true }),
    /** Set when the "token expires soon" reminder went out, so it goes out once per token. */
    expiryReminderSentAt: timestamp('expiry_reminder_sent_at', { withTimezone: true }),
    /** When the connection was disconnected (its data is kept 90 days from then); null while connected. */
    disconnectedAt: timestamp('disconnected_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('platform_connections_org_idx').on(t.orgId)],
);

export const SECRET_PURPOSES = ['access_token', 'refresh_token'] as const;
export type SecretPurpose = (typeof SECRET_PURPOSES)[number];

/**
 * Platform tokens, envelope-encrypted (platform/vault): the ciphertext under a per-secret data
 * key, the data key wrapped by the key-encryption key `key_version`. Both bound to
 * org + connection + purpose, so a value copied to another row does not decrypt.
 */
export const platformSecrets = pgTable(
  'platform_secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').notNull().references(() => platformConnections.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: SECRET_PURPOSES }).notNull(),
    ciphertext: text('ciphertext').notNull(),
    wrappedKey: text('wrapped_key').notNull(),
    keyVersion: integer('key_version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('platform_secrets_connection_purpose_key').on(t.connectionId, t.purpose), index('platform_secrets_key_version_idx').on(t.keyVersion)],
);

/**
 * A pending OAuth authorisation: the `state` sent to the platform (stored as its SHA-256),
 * bound to the session that started it, single use, short-lived. The PKCE verifier is
 * encrypted with the application key.
 */
export const oauthStates = pgTable(
  'oauth_states',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateHash: text('state_hash').notNull(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the session token that started the flow; the callback must come from it. */
    sessionHash: text('session_hash').notNull(),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    codeVerifierEnc: text('code_verifier_enc'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('oauth_states_state_hash_key').on(t.stateHash)],
);

export const AD_ACCOUNT_STATUSES = ['active', 'paused', 'removed', 'archived'] as const;

/**
 * An ad account a connection's grant reaches. `selected` ones are mirrored and synced; the
 * others were granted but not added. One row per platform account per organisation: a
 * reconnect moves it to the new connection and keeps its history.
 */
export const adAccounts = pgTable(
  'ad_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').notNull().references(() => platformConnections.id, { onDelete: 'cascade' }),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    platformAccountId: text('platform_account_id').notNull(),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    timeZone: text('time_zone').notNull(),
    isManager: boolean('is_manager').notNull().default(false),
    managerId: text('manager_id'),
    status: text('status', { enum: AD_ACCOUNT_STATUSES }).notNull().default('active'),
    selected: boolean('selected').notNull().default(false),
    /** Sync bookkeeping: when each kind of data last synced completely, and the newest complete hour seen. */
    structureSyncedAt: timestamp('structure_synced_at', { withTimezone: true }),
    metricsSyncedAt: timestamp('metrics_synced_at', { withTimezone: true }),
    newestHourAt: timestamp('newest_hour_at', { withTimezone: true }),
    lastSyncError: text('last_sync_error'),
    lastSyncErrorKind: text('last_sync_error_kind'),
    nextSyncAt: timestamp('next_sync_at', { withTimezone: true }),
    /** A running sync holds the account until then, so two never run at once; a crashed one's lease runs out. */
    syncLeaseUntil: timestamp('sync_lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ad_accounts_org_platform_account_key').on(t.orgId, t.platform, t.platformAccountId),
    index('ad_accounts_connection_idx').on(t.connectionId),
    index('ad_accounts_due_idx').on(t.selected, t.nextSyncAt),
  ],
);

/**
 * Ad accounts a `member` may work on (USER-005). A member sees and changes only these; other roles
 * are not limited by this table.
 */
export const memberAdAccounts = pgTable(
  'member_ad_accounts',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id').notNull().references(() => adAccounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('member_ad_accounts_key').on(t.orgId, t.userId, t.adAccountId), index('member_ad_accounts_account_idx').on(t.adAccountId)],
);
