import { RuleDefinition, type Rule, type RuleConflict, type RuleEntityOutcome, type RuleRunSummary } from '@adloop/contracts';
import type { RuleRow, RuleRunEntityRow, RuleRunRow } from './rules.repository.ts';
import { sentenceOf, type SentenceMoney } from './rules.words.ts';

/** A stored definition as the contract reads it (stored JSON is parsed, so defaults added later fill in). */
export function definitionOf(row: Pick<RuleRow, 'definition'>): RuleDefinition {
  const parsed = RuleDefinition.safeParse(row.definition);
  return parsed.success ? parsed.data : (row.definition as RuleDefinition);
}

export function presentRun(row: RuleRunRow): RuleRunSummary {
  return {
    id: row.id,
    ruleId: row.ruleId,
    trigger: row.trigger,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    outcome: row.outcome,
    message: row.message,
    examined: row.examined,
    matched: row.matched,
    acted: row.acted,
    proposed: row.proposed,
    notified: row.notified,
    skipped: row.skipped,
    dataAsOf: row.dataAsOf?.toISOString() ?? null,
  };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function presentRunEntity(row: RuleRunEntityRow): RuleEntityOutcome {
  return {
    level: row.entityLevel as RuleEntityOutcome['level'],
    id: row.entityId,
    name: row.entityName,
    platform: row.platform as RuleEntityOutcome['platform'],
    adAccountId: row.adAccountId,
    outcome: row.outcome,
    skipReason: row.skipReason,
    explanation: row.explanation,
    values: (row.values ?? {}) as RuleEntityOutcome['values'],
    conditions: (Array.isArray(row.conditions) ? row.conditions : []) as RuleEntityOutcome['conditions'],
    actions: strings(row.actions),
    changeIds: strings(row.changeIds),
  };
}

export interface RuleExtras {
  lastRun: RuleRunRow | undefined;
  actionsToday: number;
  errors24h: number;
  conflicts: RuleConflict[];
  /** The organisation's currencies, for the sentence's amounts. */
  money?: SentenceMoney | undefined;
}

export function presentRule(row: RuleRow, extras: RuleExtras): Rule {
  const definition = definitionOf(row);
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    status: row.status,
    stopReason: row.stopReason,
    definition,
    sentence: sentenceOf(definition, row.mode, extras.money),
    templateId: row.templateId,
    version: row.version,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastRun: extras.lastRun ? presentRun(extras.lastRun) : null,
    actionsToday: extras.actionsToday,
    errors24h: extras.errors24h,
    conflicts: extras.conflicts,
  };
}
