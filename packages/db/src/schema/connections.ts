import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
