import type { PastAction, RuleMemory } from '@adloop/engine';
import type { RuleDefinition } from '@adloop/contracts';
import type { Db } from '@adloop/db';
import { changesForRules, localActionsForRules, type ChangeMemoryRow, type LocalActionRow } from './rules.repository.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Oscillation (A→B→A by rules on one object) is looked for over this many hours. */
export const OSCILLATION_HOURS = 48;
/** Change states that count as the rule having acted (sent, on its way, or waiting for / past a decision). */
const ACTED_STATES: readonly ChangeMemoryRow['state'][] = ['proposed', 'pending', 'applied', 'rejected', 'expired', 'undone'];
/** States of changes that took effect on the platform (or are about to). */
const EFFECTIVE_STATES: readonly ChangeMemoryRow['state'][] = ['pending', 'applied', 'undone'];
/** Who counts as a person overriding a rule: people, API keys, and changes made in the platform's own tools. */
const PEOPLE: readonly NonNullable<ChangeMemoryRow['actorType']>[] = ['user', 'api_key', 'platform'];
/** States of a person's change that override a rule's. */
const OVERRIDING_STATES: readonly ChangeMemoryRow['state'][] = [...EFFECTIVE_STATES, 'applied'];

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

/** How far back a rule's memory reaches: its cooldown, its override window, oscillation, and today. */
const sinceOf = (def: RuleDefinition, now: Date): Date => new Date(now.getTime() - Math.max(def.limits.cooldownHours, def.limits.overrideHours, OSCILLATION_HOURS, 24) * HOUR_MS);

/** What rules of one organisation remember, read once for all of them (split per rule by `memoryOf`). */
export interface MemorySource {
  /** The rules' own changes, people's changes, and every actor's recent effective changes, oldest first. */
  changes: ChangeMemoryRow[];
  /** Each rule's recorded notify / label actions, oldest first. */
  local: ReadonlyMap<string, readonly LocalActionRow[]>;
  /** Positions in `changes` per object and per acting rule (built on first use, kept up to date by `rememberChanges`). */
  index?: { byObject: Map<string, number[]>; byRule: Map<string, number[]> };
}

function indexChange(index: NonNullable<MemorySource['index']>, c: ChangeMemoryRow, at: number): void {
  const object = objectOf(c);
  if (!object) return;
  const list = index.byObject.get(object);
  if (list) list.push(at);
  else index.byObject.set(object, [at]);
  if (c.actorType !== 'rule' || !c.actorId) return;
  const mine = index.byRule.get(c.actorId);
  if (mine) mine.push(at);
  else index.byRule.set(c.actorId, [at]);
}

function indexOf(source: MemorySource): NonNullable<MemorySource['index']> {
  if (source.index) return source.index;
  const index = { byObject: new Map<string, number[]>(), byRule: new Map<string, number[]>() };
  source.changes.forEach((c, at) => indexChange(index, c, at));
  source.index = index;
  return index;
}

/**
 * The changes a rule's memory of `objects` depends on, oldest first: those on the objects and on every
 * object the rule changed itself (its cooldowns, today's count and money, and people overriding it).
 */
function changesAbout(source: MemorySource, ruleId: string, objects: Iterable<string>): ChangeMemoryRow[] {
  const index = indexOf(source);
  const positions = new Set<number>();
  const add = (object: string) => {
    for (const at of index.byObject.get(object) ?? []) positions.add(at);
  };
  for (const object of objects) add(object);
  for (const at of index.byRule.get(ruleId) ?? []) add(objectOf(source.changes[at]!));
  return [...positions].sort((a, b) => a - b).map((at) => source.changes[at]!);
}

/**
 * One read of `campaign_changes` and one of `rule_run_entities` for the given rules of one
 * organisation (a scheduler tick's batch), from the longest look-back among them.
 */
export async function loadMemorySource(db: Db, orgId: string, rules: readonly { id: string; definition: RuleDefinition }[], now: Date): Promise<MemorySource> {
  if (rules.length === 0) return { changes: [], local: new Map() };
  const since = new Date(Math.min(...rules.map((r) => sinceOf(r.definition, now).getTime())));
  const ids = rules.map((r) => r.id);
  const oscillationSince = new Date(now.getTime() - OSCILLATION_HOURS * HOUR_MS);
  const [changes, localRows] = await Promise.all([changesForRules(db, orgId, ids, since, oscillationSince, PEOPLE, EFFECTIVE_STATES), localActionsForRules(db, orgId, ids, since)]);
  const local = new Map<string, LocalActionRow[]>();
  for (const l of localRows) {
    const list = local.get(l.ruleId);
    if (list) list.push(l);
    else local.set(l.ruleId, [l]);
  }
  return { changes, local };
}

/**
 * Adds the changes a rule just made to a source other rules of the batch read after it (their
 * oscillation checks see them as a fresh read would).
 */
export function rememberChanges(source: MemorySource, created: readonly (Omit<ChangeMemoryRow, 'idempotencyKey' | 'createdAt'> & { createdAt: Date | string })[], idempotencyKey: string): void {
  for (const c of created) {
    const row: ChangeMemoryRow = {
      id: c.id,
      campaignId: c.campaignId,
      entityLevel: c.entityLevel,
      entityId: c.entityId,
      field: c.field,
      before: c.before,
      after: c.after,
      state: c.state,
      actorType: c.actorType,
      actorId: c.actorId,
      createdAt: new Date(c.createdAt),
      currency: c.currency,
      idempotencyKey,
    };
    source.changes.push(row);
    if (source.index) indexChange(source.index, row, source.changes.length - 1);
  }
}

/**
 * What the rule did before and what happened since, read from the change pipeline (`campaign_changes`)
 * and from the rule's own run records (notify and label actions change nothing on the platform):
 * its actions per object (cooldown), today's count and money moved, objects a person changed after
 * the rule did (manual override until +overrideHours), and every actor's recent status and budget
 * changes (oscillation), out of a source read for it (and possibly other rules of its organisation).
 * `toOrgMicros` converts a budget difference into the organisation's currency. With `objects` (the
 * objects the run examines), only the changes about them and about what the rule changed are looked
 * at (a tick's memory holds every rule's changes): the memory of those objects is the same.
 */
export function memoryOf(
  source: MemorySource,
  ruleId: string,
  def: RuleDefinition,
  now: Date,
  toOrgMicros: (currency: string, micros: number) => number,
  objects?: Iterable<string>,
): RuleMemory {
  const since = sinceOf(def, now);
  const dayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const oscillationSince = now.getTime() - OSCILLATION_HOURS * HOUR_MS;
  const changes = (objects ? changesAbout(source, ruleId, objects) : source.changes).filter((c) => c.createdAt >= since);
  const local = (source.local.get(ruleId) ?? []).filter((l) => l.createdAt >= since);

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
    const byPerson = c.actorType !== null && PEOPLE.includes(c.actorType) && OVERRIDING_STATES.includes(c.state);
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
