import { useId } from 'react';
import { MATCH_WORDS, parseKeywords } from './wizard-keywords.ts';

/** Keywords typed one per line in Google's notation, with what each line was understood as. */
export function KeywordsField({ value, onChange, error }: { value: string; onChange: (text: string) => void; error?: string | undefined }) {
  const id = useId();
  const keywords = parseKeywords(value);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        Keywords
      </label>
      <p id={`${id}-hint`} className="text-xs text-gray-500">
        One per line. <span className="font-mono">running shoes</span> is broad match, <span className="font-mono">"running shoes"</span> phrase match, <span className="font-mono">[running shoes]</span> exact match.
      </p>
      <textarea
        id={id}
        rows={5}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        className="block w-full rounded-md border-0 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
      />
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      )}
      {keywords.length > 0 && (
        <ul aria-label="Keywords understood" className="flex flex-wrap gap-1.5">
          {keywords.map((k, i) => (
            <li key={`${k.matchType}:${k.text}:${i}`} className="rounded-full bg-gray-50 px-2.5 py-0.5 text-xs text-gray-800 ring-1 ring-gray-200">
              {k.text || '—'} <span className="text-gray-500">· {MATCH_WORDS[k.matchType].toLowerCase()}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
