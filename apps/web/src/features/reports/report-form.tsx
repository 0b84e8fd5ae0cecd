import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { formErrors, type FormErrors } from '../../lib/form-errors.ts';
import type { ConnectionsOverview } from '../../lib/types.ts';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Button } from '../../components/ui/button.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { KPI_LABELS, PERIOD_LABELS, WEEKDAYS, type ReportBody, type ReportDefinition, type ReportKpi } from './reports-api.ts';

const KPIS = Object.keys(KPI_LABELS) as ReportKpi[];
const BREAKDOWNS = [
  { value: 'platform', label: 'Per platform' },
  { value: 'account', label: 'Per ad account' },
  { value: 'campaign', label: 'Per campaign' },
] as const;
const FIELDS = ['name', 'accountIds', 'kpis', 'breakdowns', 'recipients', 'branding.agencyName', 'schedule.hour'] as const;
const checkbox = 'size-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-600';

/** Creates or edits a report: accounts, KPIs, breakdowns, period, branding, schedule and recipients. */
export function ReportForm({ orgId, report, timeZone, open, onOpenChange, onSave }: { orgId: string; report: ReportDefinition | null; timeZone: string; open: boolean; onOpenChange: (open: boolean) => void; onSave: (body: ReportBody) => Promise<unknown> }) {
  const overview = useQuery({ queryKey: keys.connections(orgId), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${orgId}/connections`), enabled: open });
  const accounts = (overview.data?.connections ?? []).flatMap((c) => c.accounts.filter((a) => a.selected && !a.isManager));
  const [frequency, setFrequency] = useState(report?.schedule.frequency ?? 'weekly');
  const [allAccounts, setAllAccounts] = useState(report ? report.accountIds === null : true);
  const [error, setError] = useState<FormErrors | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: ReportBody = {
      name: String(form.get('name') ?? ''),
      accountIds: allAccounts ? null : form.getAll('accountIds').map(String),
      kpis: form.getAll('kpis').map(String) as ReportKpi[],
      breakdowns: form.getAll('breakdowns').map(String) as ('platform' | 'account' | 'campaign')[],
      period: String(form.get('period')) as ReportBody['period'],
      comparison: form.get('compare') ? 'previous_period' : 'none',
      branding: { agencyName: String(form.get('agencyName') ?? '').trim() || null, primaryColor: String(form.get('primaryColor')), accentColor: String(form.get('accentColor')) },
      schedule: { frequency, hour: Number(form.get('hour') ?? 8), weekday: Number(form.get('weekday') ?? 1), monthDay: Number(form.get('monthDay') ?? 1) },
      recipients: String(form.get('recipients') ?? '').split(/[\s,;]+/).filter(Boolean),
    };
    setBusy(true);
    setError(null);
    try {
      await onSave(body);
      onOpenChange(false);
    } catch (failure) {
      setError(formErrors(failure, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) => error?.fields[name];

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={report ? `Edit ${report.name}` : 'New report'} description={`Schedules follow the organisation's time zone (${timeZone}).`}>
      <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
        <TextField label="Name" name="name" required defaultValue={report?.name ?? ''} error={fieldError('name')} />
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">Ad accounts</legend>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" className={checkbox} checked={allAccounts} onChange={(e) => setAllAccounts(e.target.checked)} /> Every ad account of the organisation
          </label>
          {!allAccounts && (
            <div className="mt-2 max-h-40 space-y-1 overflow-y-auto rounded-md border border-gray-200 p-2">
              {accounts.length === 0 && <p className="text-sm text-gray-500">{overview.isPending ? 'Loading ad accounts…' : 'No ad accounts added yet.'}</p>}
              {accounts.map((a) => (
                <label key={a.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="accountIds" value={a.id} className={checkbox} defaultChecked={report?.accountIds?.includes(a.id) ?? false} /> {a.name}
                </label>
              ))}
            </div>
          )}
          {fieldError('accountIds') && <p className="mt-1 text-sm text-red-600">{fieldError('accountIds')}</p>}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">KPIs</legend>
          <div className="mt-2 grid grid-cols-2 gap-1">
            {KPIS.map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="kpis" value={k} className={checkbox} defaultChecked={(report?.kpis ?? ['spend', 'conversions', 'cpa', 'roas']).includes(k)} /> {KPI_LABELS[k]}
              </label>
            ))}
          </div>
          {fieldError('kpis') && <p className="mt-1 text-sm text-red-600">{fieldError('kpis')}</p>}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">Tables</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {BREAKDOWNS.map((b) => (
              <label key={b.value} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="breakdowns" value={b.value} className={checkbox} defaultChecked={(report?.breakdowns ?? ['platform', 'campaign']).includes(b.value)} /> {b.label}
              </label>
            ))}
          </div>
        </fieldset>
        <SelectField label="Period" name="period" defaultValue={report?.period ?? 'last_week'} options={Object.entries(PERIOD_LABELS).map(([value, label]) => ({ value, label }))} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="compare" className={checkbox} defaultChecked={(report?.comparison ?? 'previous_period') === 'previous_period'} /> Compare with the period before
        </label>
        <SelectField label="Send" name="frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as typeof frequency)} options={[{ value: 'none', label: 'Only when run by hand' }, { value: 'daily', label: 'Daily' }, { value: 'weekly', label: 'Weekly' }, { value: 'monthly', label: 'Monthly' }]} />
        {frequency === 'weekly' && <SelectField label="On" name="weekday" defaultValue={String(report?.schedule.weekday ?? 1)} options={WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }))} />}
        {frequency === 'monthly' && <SelectField label="On day of the month" name="monthDay" defaultValue={String(report?.schedule.monthDay ?? 1)} options={Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))} />}
        {frequency !== 'none' && <SelectField label={`At (${timeZone})`} name="hour" defaultValue={String(report?.schedule.hour ?? 8)} options={Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }))} />}
        <TextField label="Recipients" name="recipients" hint="Email addresses, separated by commas" defaultValue={report?.recipients.join(', ') ?? ''} error={fieldError('recipients')} />
        <TextField label="Agency name (white label)" name="agencyName" defaultValue={report?.branding.agencyName ?? ''} error={fieldError('branding.agencyName')} />
        <div className="flex gap-4">
          <TextField label="Main colour" name="primaryColor" type="color" defaultValue={report?.branding.primaryColor ?? '#1a56db'} className="h-10 w-20 p-1" />
          <TextField label="Accent colour" name="accentColor" type="color" defaultValue={report?.branding.accentColor ?? '#f59e0b'} className="h-10 w-20 p-1" />
        </div>
        <FormError message={error?.form} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" isLoading={isBusy}>
            {report ? 'Save report' : 'Create report'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
