import { date, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';

/**
 * The daily summary sent for one organisation and one day (the organisation's yesterday): the row is
 * the claim, so a summary goes out once per organisation per day however often the tick runs.
 */
export const dailySummaryRuns = pgTable(
  'daily_summary_runs',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** The day summarised, in the organisation's time zone. */
    date: date('date', { mode: 'string' }).notNull(),
    /** The notification event it went out as (null when nobody was there to tell). */
    eventId: uuid('event_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.date] })],
);
