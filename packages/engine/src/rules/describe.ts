import { MONEY_METRICS } from './metric-kinds.ts';
import type { RuleAction, RuleCondition, RuleConditionGroup, RuleDefinition, RuleMetric, RuleModeValue } from '@adloop/contracts';
import { formatHours, formatMetric, formatMoney, formatNumber, METRIC_WORDS, OPERATOR_WORDS } from './format.ts';
import { conditionWindow, windowWords } from './windows.ts';
import { notifyChannelWords } from './notify-channels.ts';

/** Money in the rule's currency when known, else a plain number (the sentence then says amounts are in each account's currency). */
type Money = (units: number) => string;

const PLATFORM_WORDS: Record<string, string> = { google_ads: 'Google Ads', meta: 'Meta', tiktok: 'TikTok' };
const LEVEL_WORDS = { campaign: 'campaigns', ad_group: 'ad groups', ad: 'ads' } as const;
const DAY_WORDS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const list = (items: readonly string[], word = 'and'): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;

function metricNumber(metric: RuleMetric, n: number, money: Money): string {
  return MONEY_METRICS.includes(metric) ? money(n) : formatMetric(metric, n, 'XXX');
}

function conditionWords(c: RuleCondition, money: Money): string {
  const read = conditionWindow(c);
  const subject = `${METRIC_WORDS[c.metric]}${read && c.metric !== 'budget_pacing' ? ` over ${windowWords(read.window, read.skipLastDay)}` : ''}`;
  const op = OPERATOR_WORDS[c.operator];
  const cmp = c.compare;
  switch (cmp.kind) {
    case 'value':
      return `${subject} is ${op} ${metricNumber(c.metric, cmp.value, money)}`;
    case 'range':
      return `${subject} is ${op} ${metricNumber(c.metric, cmp.min, money)} and ${metricNumber(c.metric, cmp.max, money)}`;
    case 'list':
      return `${subject} is ${op} ${list(cmp.values.map(String), 'or')}`;
    case 'text':
      return c.operator === 'contains' ? `${subject} contains “${cmp.value}”` : `${subject} is ${op} “${cmp.value}”`;
    case 'metric':
      return `${subject} is ${op} ${cmp.factor === 1 ? '' : `${formatNumber(cmp.factor)} × `}${METRIC_WORDS[cmp.metric]}`;
    case 'previous_period': {
      const pct = formatNumber(Math.abs(cmp.pct));
      if ((c.operator === 'gt' || c.operator === 'gte') && cmp.pct >= 0) return `${subject} is up by ${c.operator === 'gt' ? 'more than' : 'at least'} ${pct} % on the period before`;
      if ((c.operator === 'lt' || c.operator === 'lte') && cmp.pct <= 0) return `${subject} is down by ${c.operator === 'lt' ? 'more than' : 'at least'} ${pct} % on the period before`;
      return `${subject} has changed by ${op} ${formatNumber(cmp.pct)} % on the period before`;
    }
    case 'parent_average':
      return `${subject} is ${op} ${cmp.factor === 1 ? '' : `${formatNumber(cmp.factor)} × `}the average of its siblings`;
  }
}

function groupWords(g: RuleConditionGroup, money: Money, nested: boolean): string {
  const parts = g.conditions.map((node) => (node.kind === 'condition' ? conditionWords(node, money) : groupWords(node, money, true)));
  const text = list(parts, g.kind === 'all' ? 'and' : 'or');
  return nested && parts.length > 1 ? `(${text})` : text;
}

function actionWords(a: RuleAction, money: Money): string {
  const bounds = (floor: number | undefined, ceiling: number | undefined): string => {
    const b = [floor !== undefined ? `no lower than ${money(floor)}` : '', ceiling !== undefined ? `no higher than ${money(ceiling)}` : ''].filter(Boolean);
    return b.length > 0 ? ` (${b.join(', ')})` : '';
  };
  const by = (step: { unit: 'percent' | 'amount'; value: number }) => (step.unit === 'percent' ? `${formatNumber(step.value)} %` : money(step.value));
  switch (a.type) {
    case 'pause':
      return 'pause them';
    case 'enable':
      return 'enable them';
    case 'pause_until':
      return a.until === 'tomorrow' ? 'pause them until tomorrow' : `pause them until ${a.until}`;
    case 'set_budget':
      return `set their budget to ${money(a.amount)}`;
    case 'change_budget':
      return `${a.direction} their budget by ${by(a.by)}${bounds(a.floor, a.ceiling)}`;
    case 'set_bid':
      return `set their bid to ${money(a.amount)}`;
    case 'change_bid':
      return `${a.direction} their bid by ${by(a.by)}${bounds(a.floor, a.ceiling)}`;
    case 'rename':
      return `add ${[a.prefix ? `“${a.prefix}” before` : '', a.suffix ? `“${a.suffix}” after` : ''].filter(Boolean).join(' and ')} their name`;
    case 'label':
      return `label them “${a.label}”`;
    case 'notify':
      return `tell the approvers (${notifyChannelWords(a.channels).join(' and ')})`;
  }
}

function scheduleWords(def: RuleDefinition): string {
  const s = def.schedule;
  return s.frequency === 'every_15_minutes' ? 'Every 15 minutes' : s.frequency === 'hourly' ? 'Every hour' : `Every day at ${s.at}`;
}

function scopeWords(def: RuleDefinition): string {
  const s = def.scope;
  const parts: string[] = [];
  if (s.entityIds) parts.push(`${s.entityIds.length} chosen ${LEVEL_WORDS[s.level]}`);
  else parts.push(`${s.statuses.length > 0 ? `${list(s.statuses, 'or')} ` : ''}${LEVEL_WORDS[s.level]}`);
  if (s.platforms.length > 0) parts.push(`on ${list(s.platforms.map((p) => PLATFORM_WORDS[p] ?? p), 'and')}`);
  if (s.accountIds.length > 0) parts.push(`in ${s.accountIds.length === 1 ? 'one ad account' : `${s.accountIds.length} ad accounts`}`);
  if (!s.entityIds) {
    const filters: string[] = [];
    if (s.nameContains) filters.push(`whose name contains “${s.nameContains}”`);
    if (s.nameNotContains) filters.push(`whose name does not contain “${s.nameNotContains}”`);
    if (s.labels && s.labels.length > 0) filters.push(`labelled ${list(s.labels.map((l) => `“${l}”`), 'or')}`);
    if (s.objectives && s.objectives.length > 0) filters.push(`with objective ${list(s.objectives, 'or')}`);
    if (s.createdAfter) filters.push(`created on or after ${s.createdAfter}`);
    if (s.createdBefore) filters.push(`created on or before ${s.createdBefore}`);
    parts.push(...filters);
  }
  return parts.join(' ');
}

function limitWords(def: RuleDefinition, money: Money): string[] {
  const l = def.limits;
  const out: string[] = [];
  const minimums = [l.minSpend !== undefined ? `${money(l.minSpend)} spent` : '', l.minImpressions !== undefined ? `${formatNumber(l.minImpressions, 0)} impressions` : '', l.minConversions !== undefined ? `${formatNumber(l.minConversions)} conversions` : ''].filter(Boolean);
  if (minimums.length > 0) out.push(`only once they have ${list(minimums)} over ${windowWords(l.minimumsWindow, false)}`);
  if (l.activeHours) out.push(`only ${l.activeHours.days.length === 7 ? 'daily' : `on ${l.activeHours.days.map((d) => DAY_WORDS[d] ?? String(d)).join(', ')}`} from ${l.activeHours.from} to ${l.activeHours.to}`);
  if (l.skipLearning && def.then.some((a) => a.type !== 'notify' && a.type !== 'label' && a.type !== 'rename')) out.push('leaving objects in the learning phase alone');
  out.push(`waiting ${formatHours(l.cooldownHours)} before acting on the same one again`);
  out.push(`at most ${formatNumber(l.maxActionsPerRun, 0)} actions a run and ${formatNumber(l.maxActionsPerDay, 0)} a day`);
  if (l.maxMoneyPerDay !== undefined) out.push(`moving at most ${money(l.maxMoneyPerDay)} of budget a day`);
  return out;
}

/**
 * The rule in one plain sentence: when it runs, what it does to which objects and when, how (acts,
 * proposes or tells), and its limits. Money in `opts.currency` when given (the organisation's, for a
 * rule in its currency), else as plain numbers in each account's currency.
 */
export function describeRule(def: RuleDefinition, mode: RuleModeValue, opts?: { currency?: string }): string {
  const currency = opts?.currency;
  const money: Money = currency ? (n) => formatMoney(n, currency) : (n) => formatNumber(n);
  const changes = def.then.filter((a) => a.type !== 'notify');
  const notifies = def.then.filter((a) => a.type === 'notify');
  const changeWords = list(changes.map((a) => actionWords(a, money)));
  const tell = notifies[0] ? actionWords(notifies[0], money) : 'tell the approvers (in the app)';
  const doing =
    changes.length === 0
      ? tell
      : mode === 'notify'
        ? `${tell} that it would ${changeWords}`
        : `${mode === 'automatic' ? `${changeWords} automatically` : `propose to ${changeWords}`}${notifies.length > 0 ? ` and ${tell}` : ''}`;
  const amounts = !currency && sentenceHasMoney(def) ? ` (amounts in ${def.currencyBasis === 'organization' ? 'the organisation’s' : 'each account’s'} currency)` : '';
  return `${scheduleWords(def)}, for ${scopeWords(def)} where ${groupWords(def.when, money, false)}: ${doing}; ${limitWords(def, money).join('; ')}${amounts}.`;
}

function sentenceHasMoney(def: RuleDefinition): boolean {
  const leaves = (g: RuleConditionGroup): RuleCondition[] => g.conditions.flatMap((n) => (n.kind === 'condition' ? [n] : leaves(n)));
  const moneyCondition = leaves(def.when).some((c) => MONEY_METRICS.includes(c.metric) && (c.compare.kind === 'value' || c.compare.kind === 'range'));
  const moneyAction = def.then.some((a) => a.type === 'set_budget' || a.type === 'set_bid' || ((a.type === 'change_budget' || a.type === 'change_bid') && (a.by.unit === 'amount' || a.floor !== undefined || a.ceiling !== undefined)));
  return moneyCondition || moneyAction || def.limits.minSpend !== undefined || def.limits.maxMoneyPerDay !== undefined;
}
