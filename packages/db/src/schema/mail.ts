import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Messages caught by the local SMTP sink when no SMTP server is configured (dev mailbox). */
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    from: text('from_address').notNull(),
    to: jsonb('to_addresses').$type<string[]>().notNull(),
    subject: text('subject').notNull(),
    text: text('text_body').notNull().default(''),
    html: text('html_body').notNull().default(''),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dev_mailbox_received_idx').on(t.receivedAt)],
);
