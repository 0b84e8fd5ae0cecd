import { bigint, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './auth.ts';
import { organizations } from './orgs.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const ERASURE_SUBJECTS = ['user', 'organization'] as const;
export type ErasureSubject = (typeof ERASURE_SUBJECTS)[number];
export const ERASURE_STATES = ['scheduled', 'restored', 'purged'] as const;
export type ErasureState = (typeof ERASURE_STATES)[number];

/**
 * A deletion asked for (a person's account or an organisation): restorable until `purge_after`,
 * then purged by the daily job. Once purged the row keeps only that a deletion happened and when:
 * `subject_id`, `subject_label` and a self-requester's id are blanked.
 */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type', { enum: ERASURE_SUBJECTS }).notNull(),
    subjectId: uuid('subject_id'),
    /** The organisation's name or the person's email while restorable (shown to operators). */
    subjectLabel: text('subject_label'),
    requestedByType: text('requested_by_type', { enum: ['user', 'operator'] }).notNull(),
    requestedBy: text('requested_by'),
    reason: text('reason').notNull().default(''),
    state: text('state', { enum: ERASURE_STATES }).notNull().default('scheduled'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    purgeAfter: timestamp('purge_after', { withTimezone: true }).notNull(),
    restoredAt: timestamp('restored_at', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('erasure_requests_open_key').on(t.subjectType, t.subjectId).where(sql`state = 'scheduled'`),
    index('erasure_requests_due_idx').on(t.state, t.purgeAfter),
  ],
);

export const EXPORT_SCOPES = ['user', 'organization'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];
export const EXPORT_STATES = ['queued', 'running', 'ready', 'failed'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/**
 * A data export (a person's own data, or an organisation's for an owner): built by a job into a
 * zip kept here until `expires_at`; only the person who asked may download it.
 */
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scope: text('scope', { enum: EXPORT_SCOPES }).notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    state: text('state', { enum: EXPORT_STATES }).notNull().default('queued'),
    /** 0–100, updated as the job writes each table. */
    progress: integer('progress').notNull().default(0),
    file: bytea('file'),
    sizeBytes: integer('size_bytes'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('data_exports_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Audit rows older than the hot window, one compressed (gzip JSON) row each, kept for two years.
 * Searchable by id and by date range (and organisation) without decompressing the rest.
 */
export const auditLogArchive = pgTable(
  'audit_log_archive',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }).notNull(),
    row: bytea('row').notNull(),
  },
  (t) => [index('audit_log_archive_created_idx').on(t.createdAt), index('audit_log_archive_org_idx').on(t.orgId, t.createdAt)],
);
