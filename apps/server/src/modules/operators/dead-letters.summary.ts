const MAX_VALUE = 40;
const MAX_SUMMARY = 300;

/**
 * A short, one-line view of a job payload: top-level keys with scalar values cut short, nested
 * values as their shape. Enough to recognise the job without showing whole payloads to operators.
 */
export function summarisePayload(data: unknown): string {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return shortValue(data);
  const parts = Object.entries(data).map(([key, value]) => `${key}=${shortValue(value)}`);
  const text = parts.join(', ');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text || '{}';
}

function shortValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} items]`;
  if (value !== null && typeof value === 'object') return `{${Object.keys(value).length} fields}`;
  const text = String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The failure message pg-boss stored as the job's output. */
export function errorOf(output: unknown): string {
  if (output && typeof output === 'object' && 'message' in output && typeof output.message === 'string') return output.message;
  return output === null || output === undefined ? '' : JSON.stringify(output).slice(0, 500);
}

/** Failed share of the finished jobs; null when nothing finished. */
export function failureRate(failed: number, completed: number): number | null {
  const finished = failed + completed;
  return finished === 0 ? null : Math.round((failed / finished) * 1000) / 1000;
}
