import { useId, useState } from 'react';
import { api } from '../../lib/api.ts';
import { Button } from '../../components/ui/button.tsx';
import type { ReportDefinition } from './reports-api.ts';

/** Uploads a PNG or JPEG logo (at most 1 MB) for the report's cover, or removes it. */
export function ReportLogo({ orgId, report, onChanged }: { orgId: string; report: ReportDefinition; onChanged: () => Promise<unknown> }) {
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setError(null);
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      await api.put(`/orgs/${orgId}/reports/${report.id}/logo`, { contentType: file.type === 'image/png' ? 'image/png' : 'image/jpeg', dataBase64: btoa(binary) });
      await onChanged();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not upload the logo');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      {report.hasLogo && <img src={`/api/v1/orgs/${orgId}/reports/${report.id}/logo`} alt="Report logo" className="h-10 rounded bg-gray-100 p-1" />}
      <label htmlFor={inputId} className="font-medium text-gray-900">
        {report.hasLogo ? 'Replace logo' : 'Add a logo'} (PNG or JPEG, at most 1 MB)
      </label>
      <input id={inputId} type="file" accept="image/png,image/jpeg" disabled={busy} onChange={(e) => { const file = e.target.files?.[0]; if (file) void upload(file); }} />
      {report.hasLogo && (
        <Button variant="ghost" onClick={() => void api.delete(`/orgs/${orgId}/reports/${report.id}/logo`).then(onChanged)}>
          Remove logo
        </Button>
      )}
      {error && <p role="alert" className="w-full text-red-600">{error}</p>}
    </div>
  );
}
