import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const REPORT_FREQUENCIES = ['none', 'daily', 'weekly', 'monthly'] as const;
export const REPORT_RUN_TRIGGERS = ['schedule', 'manual'] as const;
export const REPORT_RUN_STATES = ['queued', 'running', 'done', 'failed'] as const;

/**
 * A report: which accounts (null: the whole organisation), KPIs, breakdowns, period and comparison,
 * branding (`definition`, the contracts' `ReportDefinition`), and when it is sent to whom. The
 * schedule is kept in the organisation's time zone; `next_run_at` is its next instant.
 */
export const reportDefinitions = pgTable(
  'report_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    definition: jsonb('definition').notNull(),
    /** The logo as uploaded or fetched (PNG or JPEG), kept here so a render never reaches out. */
    logo: bytea('logo'),
    logoType: text('logo_type'),
    frequency: text('frequency', { enum: REPORT_FREQUENCIES }).notNull().default('none'),
    recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    createdById: text('created_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_definitions_org_idx').on(t.orgId, t.createdAt), index('report_definitions_due_idx').on(t.nextRunAt)],
);

/** One rendering of a report (scheduled or run now): its state, range and the files, for download later. */
export const reportRuns = pgTable(
  'report_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    definitionId: uuid('definition_id').notNull().references(() => reportDefinitions.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: REPORT_RUN_TRIGGERS }).notNull(),
    state: text('state', { enum: REPORT_RUN_STATES }).notNull(),
    /** 0–100 while running. */
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    since: text('since'),
    until: text('until'),
    pdf: bytea('pdf'),
    csv: text('csv'),
    pdfBytes: integer('pdf_bytes'),
    /** How many people it was emailed to. */
    sentTo: integer('sent_to').notNull().default(0),
    requestedById: text('requested_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('report_runs_definition_idx').on(t.orgId, t.definitionId, t.createdAt)],
);

/**
 * A read-only link to a live report page for someone without a login: only `account_ids`, until
 * `expires_at`, unless revoked. The URL carries the id signed with the application key.
 */
export const reportLinks = pgTable(
  'report_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    definitionId: uuid('definition_id').notNull().references(() => reportDefinitions.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    accountIds: jsonb('account_ids').$type<string[] | null>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdById: text('created_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('report_links_definition_idx').on(t.orgId, t.definitionId)],
);

/** Every opening of a client link. */
export const reportLinkViews = pgTable(
  'report_link_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    linkId: uuid('link_id').notNull().references(() => reportLinks.id, { onDelete: 'cascade' }),
    viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    /** The viewer's address, hashed with the application key (who looked, without keeping the address). */
    addressHash: text('address_hash'),
  },
  (t) => [index('report_link_views_link_idx').on(t.orgId, t.linkId, t.viewedAt)],
);
