import { useId, useState, type DragEvent } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { IMPORT_MAX_BYTES_TEXT, readCsvFile } from './read-file.ts';

/** A CSV from a file (chosen or dropped) or pasted; hands the text and a name for it up. */
export function FilePicker({ onFile, disabled }: { onFile: (file: { name: string; text: string }) => void; disabled?: boolean }) {
  const inputId = useId();
  const [isOver, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');

  const take = async (file: File | undefined) => {
    if (!file) return;
    const read = await readCsvFile(file);
    if (read.ok) {
      setError(null);
      onFile({ name: file.name, text: read.text });
    } else setError(read.error);
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) void take(event.dataTransfer.files[0]);
  };

  return (
    <div className="space-y-4">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        className={`rounded-lg border-2 border-dashed px-6 py-8 text-center ${isOver ? 'border-indigo-500 bg-indigo-50' : 'border-gray-300'}`}
      >
        <p className="text-sm text-gray-700">Drop a CSV file here, or</p>
        <label htmlFor={inputId} className="mt-2 inline-block cursor-pointer text-sm font-semibold text-indigo-600 hover:text-indigo-500">
          choose a file
        </label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv,.txt,text/plain"
          className="sr-only"
          disabled={disabled}
          onChange={(event) => {
            void take(event.currentTarget.files?.[0]);
            event.currentTarget.value = '';
          }}
        />
        <p className="mt-1 text-xs text-gray-500">UTF-8 CSV with a heading row, up to {IMPORT_MAX_BYTES_TEXT} and 5,000 rows.</p>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-gray-700">Or paste the rows</summary>
        <label htmlFor={`${inputId}-paste`} className="sr-only">
          CSV rows
        </label>
        <textarea
          id={`${inputId}-paste`}
          value={pasted}
          onChange={(event) => setPasted(event.currentTarget.value)}
          rows={6}
          className="mt-2 block w-full rounded-md border-0 font-mono text-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600"
          placeholder={'campaign_name,action,amount\nSummer sale,set_daily_budget,25.00'}
        />
        <Button className="mt-2" variant="secondary" disabled={disabled || pasted.trim() === ''} onClick={() => onFile({ name: 'Pasted rows', text: pasted })}>
          Check the pasted rows
        </Button>
      </details>
    </div>
  );
}
