import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { UTM_KEYS, UTM_PLACEHOLDERS, type UtmKey } from '@adloop/contracts/utm';
import type { UtmTemplateResponse } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';

const LABELS: Record<UtmKey, string> = { utm_source: 'Source (utm_source)', utm_medium: 'Medium (utm_medium)', utm_campaign: 'Campaign (utm_campaign)', utm_content: 'Content (utm_content)' };
const FIELDS = UTM_KEYS.map((k) => `template.${k}`);

/** Organisation settings: the UTM tags the campaign wizard puts on new ads' final URLs. */
export function UtmTemplateSection({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const key = ['orgs', orgId, 'utm-template'];
  const current = useQuery({ queryKey: key, queryFn: () => api.get<UtmTemplateResponse>(`/orgs/${orgId}/utm-template`) });
  const save = useMutation({
    mutationFn: (template: Record<UtmKey, string>) => api.put<UtmTemplateResponse>(`/orgs/${orgId}/utm-template`, { template }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  const errors = formErrors(save.error, FIELDS);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    save.mutate(Object.fromEntries(UTM_KEYS.map((k) => [k, values[k] ?? ''])) as Record<UtmKey, string>);
  };

  let body: React.ReactNode;
  if (current.isPending) body = <LoadingState />;
  else if (current.isError) body = <ErrorState error={current.error} orgId={orgId} onRetry={() => void current.refetch()} />;
  else
    body = (
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="UTM template">
        <FormError message={errors.form} />
        <p className="text-sm text-gray-600">
          New ads’ final URLs get these tags, shown and editable in the campaign wizard. Placeholders: {UTM_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}; names become lower case with underscores.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          {UTM_KEYS.map((k) => (
            <TextField key={`${k}-${current.dataUpdatedAt}`} label={LABELS[k]} name={k} defaultValue={current.data.template[k]} maxLength={200} autoComplete="off" error={errors.fields[`template.${k}`]} />
          ))}
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" isLoading={save.isPending}>
            Save tags
          </Button>
          {save.isSuccess && <p role="status" className="text-sm text-green-700">Saved.</p>}
        </div>
      </form>
    );
  return <Section title="Tracking tags (UTM)">{body}</Section>;
}
