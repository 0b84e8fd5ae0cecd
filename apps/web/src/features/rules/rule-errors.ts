import { isApiError } from '../../lib/api.ts';

/** Field path → message, from a 400 naming the rule's fields ("definition.when.conditions.0.compare"). */
export type RuleFieldErrors = Readonly<Record<string, string>>;

export function ruleFieldErrors(error: unknown): RuleFieldErrors {
  return isApiError(error) ? error.fieldErrors() : {};
}

/** Messages for a control: its own path and anything below it ("…compare.value"). */
export function errorAt(errors: RuleFieldErrors, path: string): string | undefined {
  const messages = Object.entries(errors)
    .filter(([field]) => field === path || field.startsWith(`${path}.`))
    .map(([, message]) => message);
  return messages.length ? [...new Set(messages)].join('; ') : undefined;
}

const PART_WORDS: Readonly<Record<string, string>> = {
  definition: '',
  name: 'Rule name',
  entityIds: 'picked objects',
  objectives: 'campaign objectives',
  minimumsWindow: 'period of the minimums',
  skipLastDay: 'without the last day',
  when: 'When',
  then: 'Then',
  scope: 'Scope',
  limits: 'Limits',
  schedule: 'Schedule',
  compare: 'compared with',
  conditions: 'condition',
  minSpend: 'minimum spend',
  minImpressions: 'minimum impressions',
  minConversions: 'minimum conversions',
  cooldownHours: 'cooldown',
  maxActionsPerRun: 'changes per run',
  maxActionsPerDay: 'changes per day',
  maxMoneyPerDay: 'money moved per day',
  activeHours: 'active hours',
  overrideHours: 'hands-off after a manual change',
  nameContains: 'name contains',
  nameNotContains: 'name does not contain',
  accountIds: 'accounts',
  currencyBasis: 'Currency',
};

/** "definition.when.conditions.0.compare" → "When › condition 1 › compared with". */
export function rulePathWords(path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if ((part === 'conditions' || part === 'then') && next !== undefined && /^\d+$/.test(next)) {
      words.push(part === 'then' ? `Then › action ${Number(next) + 1}` : `condition ${Number(next) + 1}`);
      i += 1;
      continue;
    }
    if (/^\d+$/.test(part)) {
      words.push(String(Number(part) + 1));
      continue;
    }
    const word = part in PART_WORDS ? PART_WORDS[part] : part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    if (word) words.push(word);
  }
  return words.join(' › ') || 'Rule';
}
