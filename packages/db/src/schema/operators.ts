import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';

/**
 * Platform Admin: everything. Support: tenants (read) and impersonation. Finance: billing only.
 * On-Call: system metrics and jobs only.
 */
export const OPERATOR_ROLES = ['platform_admin', 'support', 'finance', 'on_call'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/**
 * The people who run Adloop, kept apart from tenant users: own table, own sessions, own cookie.
 * Always with two-factor authentication: the TOTP secret is set when the account is created.
 */
export const operators = pgTable(
  'operators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    role: text('role', { enum: OPERATOR_ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** AES-GCM sealed TOTP secret (bound to the operator's id). */
    mfaSecretEnc: text('mfa_secret_enc').notNull(),
    /** The last TOTP time step accepted: each code works once. */
    mfaLastStep: integer('mfa_last_step'),
    /** Set while the operator still signs in with the one-time password they were created with. */
    passwordChangeRequired: boolean('password_change_required').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('operators_email_key').on(t.email)],
);

export const operatorSessions = pgTable(
  'operator_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorId: uuid('operator_id').notNull().references(() => operators.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('operator_sessions_token_hash_key').on(t.tokenHash)],
);

/** Every operator action, append-only; `orgId` names the tenant it concerned, if any. */
export const operatorAuditLog = pgTable(
  'operator_audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    operatorId: uuid('operator_id'),
    operatorEmail: text('operator_email').notNull(),
    action: text('action').notNull(),
    orgId: uuid('org_id'),
    reason: text('reason'),
    details: jsonb('details'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('operator_audit_log_created_idx').on(t.createdAt), index('operator_audit_log_org_idx').on(t.orgId, t.id)],
);

/**
 * A suspended tenant: its members keep reading, every write answers `organization_suspended` with
 * the reason, and automation is stopped. `automationWasStopped` keeps the tenant's own kill switch
 * as it was, so lifting the suspension does not restart automation they had stopped themselves.
 */
export const tenantSuspensions = pgTable('tenant_suspensions', {
  orgId: uuid('org_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  suspendedBy: text('suspended_by').notNull(),
  automationWasStopped: timestamp('automation_was_stopped', { withTimezone: true }),
  suspendedAt: timestamp('suspended_at', { withTimezone: true }).notNull(),
});

export const TENANT_DELETION_STATES = ['pending', 'approved', 'cancelled'] as const;

/** Deleting a tenant needs two operators: one asks, a different one approves. */
export const tenantDeletionRequests = pgTable(
  'tenant_deletion_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    orgName: text('org_name').notNull(),
    reason: text('reason').notNull(),
    state: text('state', { enum: TENANT_DELETION_STATES }).notNull().default('pending'),
    requestedBy: uuid('requested_by').notNull(),
    requestedByEmail: text('requested_by_email').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByEmail: text('decided_by_email'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('tenant_deletion_requests_org_idx').on(t.orgId)],
);

export const IMPERSONATION_MODES = ['read_only', 'read_write'] as const;
export type ImpersonationMode = (typeof IMPERSONATION_MODES)[number];

/**
 * An operator looking at a tenant's app as its owner, through a tenant session of its own
 * (`sessionId`) that ends with the impersonation (one hour at most).
 */
export const impersonations = pgTable(
  'impersonations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorId: uuid('operator_id').notNull().references(() => operators.id, { onDelete: 'cascade' }),
    operatorEmail: text('operator_email').notNull(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').notNull(),
    reason: text('reason').notNull(),
    mode: text('mode', { enum: IMPERSONATION_MODES }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('impersonations_session_key').on(t.sessionId), index('impersonations_org_idx').on(t.orgId)],
);
