import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';
import { users } from './auth.ts';

export const SLACK_INSTALL_STATES = ['active', 'broken'] as const;
export type SlackInstallState = (typeof SLACK_INSTALL_STATES)[number];

/**
 * An organisation's "Add to Slack" install: the workspace, the bot token sealed in the token vault
 * (envelope-encrypted, bound to the organisation and install), the chosen channel and the kinds of
 * notification posted there. `broken` when Slack refused the token (the app was removed) or the
 * channel is gone: posting stops until an admin reconnects or picks another channel.
 */
export const slackInstalls = pgTable(
  'slack_installs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull(),
    teamName: text('team_name').notNull(),
    appId: text('app_id').notNull(),
    botUserId: text('bot_user_id').notNull(),
    scopes: text('scopes').notNull(),
    tokenCiphertext: text('token_ciphertext').notNull(),
    tokenWrappedKey: text('token_wrapped_key').notNull(),
    tokenKeyVersion: integer('token_key_version').notNull(),
    channelId: text('channel_id'),
    channelName: text('channel_name'),
    /** Notification kinds posted to the channel (catalogue names). */
    kinds: jsonb('kinds').$type<string[]>().notNull(),
    state: text('state', { enum: SLACK_INSTALL_STATES }).notNull().default('active'),
    /** Slack's error code that broke the install (token_revoked, channel_not_found, ...). */
    brokenReason: text('broken_reason'),
    installedBy: uuid('installed_by').references(() => users.id, { onDelete: 'set null' }),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('slack_installs_org_key').on(t.orgId), index('slack_installs_key_version_idx').on(t.tokenKeyVersion)],
);

/** A pending "Add to Slack": the `state` (stored as its SHA-256) bound to the session and organisation that started it; single use, 10 minutes. */
export const slackOauthStates = pgTable(
  'slack_oauth_states',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateHash: text('state_hash').notNull(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    sessionHash: text('session_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('slack_oauth_states_state_hash_key').on(t.stateHash)],
);
