import { fieldLabel } from './audit-labels.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const show = (value: unknown) => (value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** Before/after of one audit event: field by field for objects, whole values otherwise. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  if ((before == null || isPlainObject(before)) && (after == null || isPlainObject(after))) {
    const b = before ?? {};
    const a = after ?? {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return (
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Changes</caption>
        <thead className="text-gray-500">
          <tr>
            <th scope="col" className="py-1 pr-4 font-medium">Field</th>
            <th scope="col" className="py-1 pr-4 font-medium">Before</th>
            <th scope="col" className="py-1 font-medium">After</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const old = show(b[field]);
            const now = show(a[field]);
            const isChanged = old !== now;
            return (
              <tr key={field} className={isChanged ? 'bg-amber-50' : ''}>
                <th scope="row" className="py-1 pr-4 align-top font-medium text-gray-700">{fieldLabel(field)}</th>
                <td className={`py-1 pr-4 align-top font-mono whitespace-pre-wrap ${isChanged ? 'text-red-700' : 'text-gray-600'}`}>{old}</td>
                <td className={`py-1 align-top font-mono whitespace-pre-wrap ${isChanged ? 'text-green-700' : 'text-gray-600'}`}>{now}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <div>
        <p className="text-xs font-medium text-gray-500">Before</p>
        <pre className="mt-1 overflow-x-auto font-mono text-xs whitespace-pre-wrap text-gray-700">{show(before)}</pre>
      </div>
      <div>
        <p className="text-xs font-medium text-gray-500">After</p>
        <pre className="mt-1 overflow-x-auto font-mono text-xs whitespace-pre-wrap text-gray-700">{show(after)}</pre>
      </div>
    </div>
  );
}
