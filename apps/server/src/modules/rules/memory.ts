import type { PastAction, RuleMemory } from '@adloop/engine';
import type { RuleDefinition } from '@adloop/contracts';
import type { Db } from '@adloop/db';
import { changesSince, localActionsSince, type ChangeMemoryRow } from './rules.repository.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Oscillation (A→B→A by rules on one object) is looked for over this many hours. */
export const OSCILLATION_HOURS = 48;
/** Change states that count as the rule having acted (sent, on its way, or waiting for / past a decision). */
const ACTED_STATES: readonly string[] = ['proposed', 'pending', 'applied', 'rejected', 'expired', 'undone'];
/** States of changes that took effect on the platform (or are about to). */
const EFFECTIVE_STATES: readonly string[] = ['pending', 'applied', 'undone'];
/** Who counts as a person overriding a rule: people, API keys, and changes made in the platform's own tools. */
const PEOPLE: readonly string[] = ['user', 'api_key', 'platform'];

/** The idempotency key prefix of the enable that ends a rule's `pause_until`. */
export const RESUME_KEY = 'rule-resume:';

/** The object a change is about: its ad group's / ad's id, or its campaign's. */
export const objectOf = (c: Pick<ChangeMemoryRow, 'entityId' | 'campaignId'>): string => c.entityId ?? c.campaignId ?? '';

function directionOf(c: ChangeMemoryRow): string {
  if (c.field === 'status') return c.after === 'paused' ? 'pause' : c.after === 'active' ? 'enable' : (c.after ?? 'set');
  if (c.field === 'name') return 'rename';
  const before = c.before === null ? null : Number(c.before);
  const after = c.after === null ? null : Number(c.after);
  if (before === null || after === null) return 'set';
  return after > before ? 'raise' : after < before ? 'lower' : 'set';
}

const pastAction = (c: ChangeMemoryRow): PastAction => ({
  at: c.createdAt.toISOString(),
  field: c.field as PastAction['field'],
  direction: directionOf(c),
  actorType: c.actorType ?? 'system',
  actorId: c.actorId,
  ...(c.idempotencyKey?.startsWith(RESUME_KEY) ? { resumes: true } : {}),
});

function push<T>(map: Record<string, T[]>, key: string, value: T): void {
  (map[key] ??= []).push(value);
}

/**
 * What the rule did before and what happened since, read from the change pipeline (`campaign_changes`)
 * and from the rule's own run records (notify and label actions change nothing on the platform):
 * its actions per object (cooldown), today's count and money moved, objects a person changed after
 * the rule did (manual override until +overrideHours), and every actor's recent status and budget
 * changes (oscillation). `toOrgMicros` converts a budget difference into the organisation's currency.
 */
export async function loadMemory(db: Db, orgId: string, ruleId: string, def: RuleDefinition, now: Date, toOrgMicros: (currency: string, micros: number) => number): Promise<RuleMemory> {
  const lookbackHours = Math.max(def.limits.cooldownHours, def.limits.overrideHours, OSCILLATION_HOURS, 24);
  const since = new Date(now.getTime() - lookbackHours * HOUR_MS);
  const dayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const oscillationSince = now.getTime() - OSCILLATION_HOURS * HOUR_MS;
  const [changes, local] = await Promise.all([changesSince(db, orgId, since), localActionsSince(db, orgId, ruleId, since)]);

  const actionsByEntity: Record<string, PastAction[]> = {};
  const recentChanges: Record<string, PastAction[]> = {};
  const overrideUntil: Record<string, string> = {};
  let actionsToday = 0;
  let moneyMovedTodayMicros = 0;
  /** The rule's latest effective change per object and field: a person's later change there overrides it. */
  const ruleTouched = new Map<string, number>();

  for (const c of changes) {
    const object = objectOf(c);
    if (!object) continue;
    const mine = c.actorType === 'rule' && c.actorId === ruleId;
    if (mine && ACTED_STATES.includes(c.state)) {
      push(actionsByEntity, object, pastAction(c));
      if (c.createdAt >= dayStart) {
        actionsToday += 1;
        if ((c.field === 'daily_budget' || c.field === 'lifetime_budget') && c.before !== null && c.after !== null) {
          moneyMovedTodayMicros += toOrgMicros(c.currency, Math.abs(Number(c.after) - Number(c.before)));
        }
      }
    }
    if (mine && EFFECTIVE_STATES.includes(c.state)) ruleTouched.set(`${object}:${c.field}`, c.createdAt.getTime());
    const touchedAt = ruleTouched.get(`${object}:${c.field}`);
    const byPerson = c.actorType !== null && PEOPLE.includes(c.actorType) && EFFECTIVE_STATES.concat('applied').includes(c.state);
    if (byPerson && touchedAt !== undefined && c.createdAt.getTime() > touchedAt) {
      const until = new Date(c.createdAt.getTime() + def.limits.overrideHours * HOUR_MS).toISOString();
      if (!overrideUntil[object] || overrideUntil[object]! < until) overrideUntil[object] = until;
    }
    if (EFFECTIVE_STATES.includes(c.state) && c.createdAt.getTime() >= oscillationSince && c.field !== 'name') push(recentChanges, object, pastAction(c));
  }

  for (const l of local) {
    // Notifications, and actions that change nothing on the platform (labels), live only in the run records.
    const madeChanges = Array.isArray(l.changeIds) && l.changeIds.length > 0;
    if (l.outcome !== 'notified' && madeChanges) continue;
    const notified = l.outcome === 'notified';
    push(actionsByEntity, l.entityId, { at: l.createdAt.toISOString(), field: notified ? 'notify' : 'label', direction: notified ? 'notify' : 'label', actorType: 'rule', actorId: ruleId });
    if (l.createdAt >= dayStart) actionsToday += 1;
  }
  for (const list of Object.values(actionsByEntity)) list.sort((a, b) => a.at.localeCompare(b.at));

  return { actionsByEntity, actionsToday, moneyMovedTodayMicros, overrideUntil, recentChanges, day: now.toISOString().slice(0, 10) };
}
