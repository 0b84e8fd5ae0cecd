import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * An outside identity (Google account) that may sign in as a user: one per provider per user,
 * and one user per (issuer, subject), the pair OpenID Connect guarantees is stable.
 */
export const linkedIdentities = pgTable(
  'linked_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['google'] }).notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    /** The provider's email when linked or last used, for display only (never used to match). */
    email: text('email').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('linked_identities_issuer_subject_key').on(t.issuer, t.subject),
    uniqueIndex('linked_identities_user_provider_key').on(t.userId, t.provider),
  ],
);

/**
 * A started OpenID Connect sign-in: single use, bound to the browser by a cookie holding `state`
 * (only its hash is stored). `userId` is set when a signed-in person links from Settings.
 */
export const oidcSignInRequests = pgTable('oidc_sign_in_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  stateHash: text('state_hash').notNull().unique(),
  nonce: text('nonce').notNull(),
  /** PKCE verifier, encrypted with the application key. */
  codeVerifierEnc: text('code_verifier_enc').notNull(),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  returnTo: text('return_to'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * A Google identity whose email belongs to an existing account: it is linked only after that
 * account's password (in the browser holding `token`) or an emailed link (`emailTokenHash`) confirms it.
 */
export const identityLinkRequests = pgTable(
  'identity_link_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['google'] }).notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    emailTokenHash: text('email_token_hash').unique(),
    returnTo: text('return_to'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('identity_link_requests_user_idx').on(t.userId)],
);
