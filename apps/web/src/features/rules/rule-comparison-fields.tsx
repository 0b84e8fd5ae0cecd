import type { RuleComparison, RuleCondition } from './rule-types.ts';
import { InlineSelect, InlineText, ListText, NumberInput } from './rule-inputs.tsx';
import { defaultComparison } from './rule-draft.ts';
import { COMPARISON_LABELS, comparisonKindsFor, METRICS, metricInfo } from './rule-words.ts';

const STATUS_OPTIONS = [
  { id: 'active', label: 'active' },
  { id: 'paused', label: 'paused' },
  { id: 'removed', label: 'removed' },
  { id: 'archived', label: 'archived' },
] as const;

/** Percent metrics are stored as decimals (CTR 0.02) and typed as percentages (2 %). */
const toShown = (isPercent: boolean, value: number) => (isPercent ? Math.round(value * 100 * 1e6) / 1e6 : value);
const fromShown = (isPercent: boolean, value: number) => (isPercent ? value / 100 : value);

/** What a condition's metric is compared with, in the sentence's words. */
export function ComparisonFields({ condition, name, onChange, error }: { condition: RuleCondition; name: string; onChange: (compare: RuleComparison) => void; error: string | undefined }) {
  const { compare } = condition;
  const kinds = comparisonKindsFor(condition.operator, condition.metric);
  const info = metricInfo(condition.metric);
  const isPercent = info.kind === 'percent';
  const unit = isPercent ? <span className="text-sm text-gray-600">%</span> : info.kind === 'days' ? <span className="text-sm text-gray-600">days</span> : null;
  const kindSelect =
    kinds.length > 1 ? (
      <InlineSelect label={`Compared with, ${name}`} value={compare.kind} options={kinds.map((k) => ({ id: k, label: COMPARISON_LABELS[k] }))} onChange={(kind) => onChange(defaultComparison(kind, compare))} />
    ) : null;

  let inputs: React.ReactNode;
  switch (compare.kind) {
    case 'value':
      inputs = <NumberInput label={`Value, ${name}`} value={toShown(isPercent, compare.value)} onChange={(v) => onChange({ kind: 'value', value: fromShown(isPercent, v) })} error={error} suffix={unit} />;
      break;
    case 'range':
      inputs = (
        <>
          <NumberInput label={`From, ${name}`} value={toShown(isPercent, compare.min)} onChange={(v) => onChange({ ...compare, min: fromShown(isPercent, v) })} suffix={unit} />
          <span className="text-sm text-gray-600">and</span>
          <NumberInput label={`To, ${name}`} value={toShown(isPercent, compare.max)} onChange={(v) => onChange({ ...compare, max: fromShown(isPercent, v) })} error={error} suffix={unit} />
        </>
      );
      break;
    case 'list':
      inputs = (
        <ListText
          label={`Values separated by commas, ${name}`}
          values={compare.values.map(String)}
          onChange={(values) => onChange({ kind: 'list', values: info.kind === 'status' || info.kind === 'text' ? values : values.map(Number) })}
          error={error}
          placeholder={info.kind === 'status' ? 'active, paused' : '1, 2, 3'}
        />
      );
      break;
    case 'text':
      inputs =
        info.kind === 'status' ? (
          <InlineSelect label={`Status, ${name}`} value={STATUS_OPTIONS.find((s) => s.id === compare.value)?.id ?? 'active'} options={STATUS_OPTIONS} onChange={(value) => onChange({ kind: 'text', value })} error={error} />
        ) : (
          <InlineText label={`Text, ${name}`} value={compare.value} onChange={(value) => onChange({ kind: 'text', value })} error={error} />
        );
      break;
    case 'metric':
      inputs = (
        <>
          <NumberInput label={`Factor, ${name}`} value={compare.factor} onChange={(factor) => onChange({ ...compare, factor })} className="w-20" />
          <InlineSelect
            label={`Other metric, ${name}`}
            value={compare.metric}
            options={METRICS.filter((m) => m.kind !== 'status' && m.kind !== 'text').map((m) => ({ id: m.id, label: m.label }))}
            onChange={(metric) => onChange({ ...compare, metric })}
            error={error}
          />
        </>
      );
      break;
    case 'previous_period':
      inputs = <NumberInput label={`Change in percent, ${name}`} value={compare.pct} onChange={(pct) => onChange({ kind: 'previous_period', pct })} error={error} suffix={<span className="text-sm text-gray-600">%</span>} />;
      break;
    case 'parent_average':
      inputs = <NumberInput label={`Factor, ${name}`} value={compare.factor} onChange={(factor) => onChange({ kind: 'parent_average', factor })} error={error} className="w-20" />;
      break;
  }
  return (
    <>
      {kindSelect}
      {inputs}
    </>
  );
}
