import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who acted: a person, an API key, an automation rule, the AI, Adloop itself (`system`), or the ad
 * platform (`platform`: a change seen there, made outside Adloop). One list for the audit log and changes.
 */
export const ACTOR_TYPES = ['user', 'api_key', 'rule', 'ai', 'system', 'platform'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 * `orgId` is null for changes that belong to a person rather than an organisation
 * (password change, MFA enrolment).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id'),
    actorType: text('actor_type', { enum: ACTOR_TYPES }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull().default(''),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_idx').on(t.orgId, t.id), index('audit_log_actor_idx').on(t.actorId, t.id)],
);
