import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';

/** The metrics whose objects can be over a plan's limit after a downgrade. */
export const KEEP_METRICS = ['adAccounts', 'rules', 'users'] as const;

/**
 * Which objects an organisation chose to keep writable when it is over its plan's limit for a
 * metric (ad account, rule or member user ids). Without a choice the most recently created ones
 * are kept; the others are read-only until the plan allows them or the choice changes.
 */
export const planKeeps = pgTable(
  'plan_keeps',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: KEEP_METRICS }).notNull(),
    objectId: uuid('object_id').notNull(),
    chosenAt: timestamp('chosen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.metric, t.objectId] }), index('plan_keeps_org_idx').on(t.orgId)],
);
