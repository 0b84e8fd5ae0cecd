import type { AmountView } from './currency-view.ts';

const option = 'px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md ring-1 ring-inset ring-gray-300 focus-visible:relative focus-visible:outline-2 focus-visible:outline-indigo-600';

/** "Amounts in": the reporting currency (converted, in the order the sort uses) or each account's own. */
export function AmountViewSwitch({ value, reportingCurrency, onChange }: { value: AmountView; reportingCurrency: string; onChange: (view: AmountView) => void }) {
  const choices: { view: AmountView; label: string }[] = [
    { view: 'reporting', label: `All in ${reportingCurrency}` },
    { view: 'own', label: 'Account currencies' },
  ];
  return (
    <div role="group" aria-label="Amounts in" className="flex flex-col">
      <span className="block text-xs font-medium text-gray-700" aria-hidden="true">
        Amounts
      </span>
      <div className="inline-flex -space-x-px">
        {choices.map((choice) => (
          <button
            key={choice.view}
            type="button"
            aria-pressed={value === choice.view}
            onClick={() => onChange(choice.view)}
            className={`${option} ${value === choice.view ? 'bg-indigo-50 text-indigo-800' : 'bg-white text-gray-700 hover:bg-gray-50'}`}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </div>
  );
}
