import { z } from 'zod';
import { PageQuery, page } from './common.ts';

/** Who acted: a person, an API key, an automation rule, the AI, Adloop itself, or the ad platform (a change made outside Adloop). */
export const ActorType = z.enum(['user', 'api_key', 'rule', 'ai', 'system', 'platform']);

/**
 * Audit log filters. `action` matches exactly, or by prefix when it ends in `.*` (e.g. `member.*`);
 * `from` is inclusive, `to` exclusive.
 */
export const AuditLogQuery = PageQuery.extend({
  action: z.string().trim().min(1).max(100).optional(),
  actorType: ActorType.optional(),
  targetType: z.string().trim().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

export const AuditEntry = z
  .object({
    /** Increasing number, as a string (64-bit). */
    id: z.string(),
    actorType: ActorType,
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    /** The target's name now (a campaign's, an API key's, a person's), when it still exists. */
    targetLabel: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
/** Newest first. */
export const AuditLogPage = page(AuditEntry);
