import type { ReactNode } from 'react';
import { Badge } from '../../components/ui/card.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import type { RuleEntityOutcome } from './rule-types.ts';
import { DRY_RUN_LABELS, formatRuleValue, LEVELS, metricInfo, OUTCOME_BADGES, skipReasonWords, valueKeyWords } from './rule-words.ts';

/** One object's outcome: why it matched or not, the numbers seen, each condition's verdict and the actions. */
export function EntityOutcome({ entity, extra, isDryRun = false }: { entity: RuleEntityOutcome; extra?: ReactNode; isDryRun?: boolean }) {
  const shown = OUTCOME_BADGES[entity.outcome];
  const badge = { ...shown, label: (isDryRun ? DRY_RUN_LABELS[entity.outcome] : undefined) ?? shown.label };
  const level = LEVELS.find((l) => l.id === entity.level)?.label ?? entity.level;
  const values = Object.entries(entity.values);
  return (
    <li className="space-y-1.5 py-3 text-sm" aria-label={`${entity.name}: ${badge.label}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-gray-900">{entity.name}</span>
        <span className="text-xs text-gray-500">
          {level} · {PLATFORM_NAMES[entity.platform]}
        </span>
        <Badge tone={badge.tone}>{badge.label}</Badge>
        {entity.skipReason && <span className="text-xs text-amber-800">{skipReasonWords(entity.skipReason)}</span>}
      </div>
      <p className="text-gray-700">{entity.explanation}</p>
      {entity.conditions.length > 0 && (
        <ul className="space-y-0.5 text-xs" aria-label={`Conditions for ${entity.name}`}>
          {entity.conditions.map((c) => (
            <li key={c.path} className={c.held ? 'text-green-800' : 'text-gray-600'}>
              <span aria-hidden="true">{c.held ? '✓' : '✗'}</span>
              <span className="sr-only">{c.held ? 'Held:' : 'Did not hold:'}</span> {metricInfo(c.metric).label} ({c.window}): {formatRuleValue(c.metric, c.value)}, needs {c.against}
            </li>
          ))}
        </ul>
      )}
      {values.length > 0 && (
        <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-gray-600">
          {values.map(([key, value]) => (
            <div key={key} className="flex gap-1">
              <dt>{valueKeyWords(key)}</dt>
              <dd className="font-medium text-gray-900 tabular-nums">{formatRuleValue(key, value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {entity.actions.length > 0 && <p className="text-xs text-indigo-900">Actions: {entity.actions.join('; ')}</p>}
      {extra}
    </li>
  );
}
