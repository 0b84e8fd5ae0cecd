import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/card.tsx';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { reportKeys, useLinks, useLinkViews, type ReportLink } from './reports-api.ts';

const when = (iso: string) => new Date(iso).toLocaleString();

function linkState(link: ReportLink): { label: string; tone: 'green' | 'gray' | 'red' } {
  if (link.revokedAt) return { label: 'Turned off', tone: 'red' };
  if (new Date(link.expiresAt).getTime() <= Date.now()) return { label: 'Expired', tone: 'gray' };
  return { label: 'Active', tone: 'green' };
}

/** Client links of a report: make one (label, days), copy it, turn it off, see who opened it when. */
export function ReportLinks({ orgId, reportId, canEdit }: { orgId: string; reportId: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const links = useLinks(orgId, reportId);
  const [label, setLabel] = useState('');
  const [days, setDays] = useState('30');
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ReportLink | null>(null);
  const [viewsOf, setViewsOf] = useState<string | null>(null);
  const views = useLinkViews(orgId, reportId, viewsOf);
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportKeys.links(orgId, reportId) });

  const create = async () => {
    setError(null);
    try {
      await api.post(`/orgs/${orgId}/reports/${reportId}/links`, { label, expiresInDays: Number(days) });
      setLabel('');
      await refresh();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not make the link');
    }
  };

  return (
    <div className="space-y-3">
      {canEdit && (
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); void create(); }}>
          <TextField label="Link for" name="label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Bakery owner" required />
          <TextField label="Works for (days)" name="expiresInDays" type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} className="w-24" />
          <Button type="submit" disabled={!label.trim()}>
            Make client link
          </Button>
          {error && <p role="alert" className="w-full text-sm text-red-600">{error}</p>}
        </form>
      )}
      {links.isPending && <LoadingState label="Loading links…" />}
      {links.isError && <ErrorState error={links.error} onRetry={() => void links.refetch()} />}
      {links.data && links.data.items.length === 0 && <p className="text-sm text-gray-500">No client links yet. A link shows this report, live, to someone without an Adloop login.</p>}
      {links.data && links.data.items.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Client links</caption>
          <thead className="text-gray-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">For</th>
              <th scope="col" className="py-1 pr-3 font-medium">State</th>
              <th scope="col" className="py-1 pr-3 font-medium">Expires</th>
              <th scope="col" className="py-1 pr-3 font-medium">Views</th>
              <th scope="col" className="py-1 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {links.data.items.map((link) => {
              const state = linkState(link);
              const url = `${window.location.origin}${link.path}`;
              return (
                <tr key={link.id} className="border-t border-gray-100">
                  <td className="py-2 pr-3">{link.label}</td>
                  <td className="py-2 pr-3"><Badge tone={state.tone}>{state.label}</Badge></td>
                  <td className="py-2 pr-3">{when(link.expiresAt)}</td>
                  <td className="py-2 pr-3">
                    <button type="button" className="text-indigo-700 underline" onClick={() => setViewsOf(viewsOf === link.id ? null : link.id)} aria-expanded={viewsOf === link.id}>
                      {link.views} {link.views === 1 ? 'view' : 'views'}
                    </button>
                  </td>
                  <td className="flex flex-wrap gap-2 py-2">
                    {state.label === 'Active' && <CopyButton text={url} label={`Copy link for ${link.label}`} />}
                    {canEdit && state.label === 'Active' && (
                      <Button variant="secondary" onClick={() => setRevoking(link)}>
                        Turn off
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {viewsOf && (
        <div className="rounded-md bg-gray-50 p-3 text-sm" aria-live="polite">
          <h3 className="font-medium text-gray-900">Views</h3>
          {views.isPending && <LoadingState label="Loading views…" />}
          {views.data && views.data.items.length === 0 && <p className="text-gray-500">Nobody has opened this link yet.</p>}
          <ul className="mt-1 space-y-1">
            {views.data?.items.map((v) => (
              <li key={v.viewedAt}>
                {when(v.viewedAt)} <span className="text-gray-500">{v.userAgent ?? ''}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Turn this link off?"
        description={`${revoking?.label ?? 'The client'} will no longer be able to open the report with it. This cannot be undone; you can make a new link.`}
        confirmLabel="Turn off"
        onConfirm={async () => {
          if (revoking) await api.post(`/orgs/${orgId}/reports/${reportId}/links/${revoking.id}/revoke`, {});
          await refresh();
        }}
      />
    </div>
  );
}
