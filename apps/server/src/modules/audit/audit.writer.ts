import type { FastifyRequest } from 'fastify';
import { auditLog, type ActorType, type Db } from '@adloop/db';
import type { Actor } from '../auth/auth.guard.ts';

export interface AuditEntry {
  orgId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

/**
 * An actor recorded earlier (on a change) acting now through a job: a person, an API key, a rule,
 * the AI or Adloop itself, written to the audit log as it was stored. No job pretends to be a session.
 */
export interface RecordedActor {
  kind: 'recorded';
  type: ActorType;
  id: string | null;
  label: string;
}

export interface AuditSource {
  actor: Actor | { kind: 'system'; label: string } | RecordedActor;
  ip?: string | null;
  userAgent?: string | null;
}

/** The caller of an HTTP request as an audit source. */
export function auditSource(request: FastifyRequest, actor: Actor): AuditSource {
  return { actor, ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export const systemSource = (label: string): AuditSource => ({ actor: { kind: 'system', label } });

/** The audit source of an actor stored on a record (see `RecordedActor`). */
export const recordedSource = (actor: { type: ActorType; id: string | null; label: string }): AuditSource => ({ actor: { kind: 'recorded', ...actor } });

function describeActor(actor: AuditSource['actor']) {
  switch (actor.kind) {
    case 'user':
      return { actorType: 'user' as const, actorId: actor.userId, actorLabel: actor.email };
    case 'api_key':
      return { actorType: 'api_key' as const, actorId: actor.keyId, actorLabel: actor.name };
    case 'system':
      return { actorType: 'system' as const, actorId: null, actorLabel: actor.label };
    case 'recorded':
      return { actorType: actor.type, actorId: actor.id, actorLabel: actor.label };
  }
}

/**
 * Appends one audit row. Call it with the same transaction as the change it records,
 * so a change and its audit row commit (or roll back) together. Never put secrets in before/after.
 */
export async function recordAudit(db: Db, source: AuditSource, entry: AuditEntry): Promise<void> {
  await recordAudits(db, source, [entry]);
}

/** Appends one audit row per entry, all by the same source, in one statement (same transaction rule as `recordAudit`). */
export async function recordAudits(db: Db, source: AuditSource, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const actor = describeActor(source.actor);
  await db.insert(auditLog).values(
    entries.map((entry) => ({
      ...actor,
      orgId: entry.orgId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      ip: source.ip ?? null,
      userAgent: source.userAgent?.slice(0, 500) ?? null,
    })),
  );
}
