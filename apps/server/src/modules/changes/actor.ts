import type { ActorType } from '@adloop/db';
import type { Actor } from '../auth/auth.guard.ts';

/**
 * Who asked for a change, persisted on it (and on its audit row) so a job applying it later records
 * the real actor. People and API keys come from their request (`actorOf`); rules, the AI and Adloop
 * itself are given by their caller.
 */
export interface ChangeActor {
  type: ActorType;
  /** The user's, key's or rule's id; null for Adloop itself and the platform. */
  id: string | null;
  label: string;
}

/** The caller of a request as a change actor. */
export function actorOf(actor: Actor): ChangeActor {
  if (actor.kind === 'user') return { type: 'user', id: actor.userId, label: actor.email };
  return { type: 'api_key', id: actor.keyId, label: `API key ${actor.name}` };
}

/** Rules and the AI act without a person: they never override a soft guardrail and stop with the kill switch. */
export const isAutomated = (actor: Pick<ChangeActor, 'type'>): boolean => actor.type === 'rule' || actor.type === 'ai';

/** The actor stored in a change row's columns. */
export const actorColumns = (actor: ChangeActor) => ({ actorType: actor.type, actorId: actor.id, actorLabel: actor.label });
