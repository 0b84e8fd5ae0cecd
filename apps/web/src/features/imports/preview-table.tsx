import type { ImportPreview } from '@adloop/contracts';

/** Only rows with errors, or every row. */
export type RowFilter = 'errors' | 'all';

/**
 * The checked file as a table: one line per row with its cells, the wrong cells marked red with
 * their message beneath, and what each valid row will do.
 */
export function PreviewTable({ preview, filter }: { preview: ImportPreview; filter: RowFilter }) {
  const rows = filter === 'errors' ? preview.rows.filter((r) => r.errors.length > 0) : preview.rows;
  const shown = rows.slice(0, MAX_SHOWN);
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-gray-200">
      <table className="min-w-full divide-y divide-gray-200 text-sm">
        <caption className="sr-only">Rows of the file, with their errors</caption>
        <thead className="bg-gray-50 text-left text-xs font-semibold text-gray-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Line
            </th>
            {preview.columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-mono">
                {column}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              Check
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100 bg-white">
          {shown.map((row) => {
            const byColumn = new Map<string, string[]>();
            const general: string[] = [];
            for (const error of row.errors) {
              if (error.column && preview.columns.includes(error.column)) byColumn.set(error.column, [...(byColumn.get(error.column) ?? []), error.message]);
              else general.push(error.column ? `${error.column}: ${error.message}` : error.message);
            }
            return (
              <tr key={row.line} className={row.errors.length > 0 ? 'bg-red-50/40' : ''}>
                <th scope="row" className="px-3 py-2 text-left font-mono text-xs text-gray-500">
                  {row.line}
                </th>
                {preview.columns.map((column) => {
                  const messages = byColumn.get(column);
                  return (
                    <td key={column} className={`max-w-56 px-3 py-2 align-top ${messages ? 'bg-red-100 ring-1 ring-inset ring-red-300' : ''}`} aria-invalid={messages ? true : undefined}>
                      <span className="block truncate" title={row.values[column]}>
                        {row.values[column] || <span className="text-gray-400">—</span>}
                      </span>
                      {messages?.map((message) => (
                        <span key={message} className="mt-1 block text-xs text-red-800">
                          {message}
                        </span>
                      ))}
                    </td>
                  );
                })}
                <td className="min-w-64 px-3 py-2 align-top">
                  {row.summary ? (
                    <span className="text-green-800">✓ {row.summary}</span>
                  ) : (
                    <span className="text-red-800">
                      {general.length > 0 ? general.join('; ') : `${row.errors.length} ${row.errors.length === 1 ? 'error' : 'errors'}`}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown.length && <p className="bg-gray-50 px-3 py-2 text-xs text-gray-600">The first {MAX_SHOWN} of {rows.length} rows are shown.</p>}
    </div>
  );
}

/** Rows drawn at once; a 5,000-row file is summarised by its counts. */
const MAX_SHOWN = 500;
