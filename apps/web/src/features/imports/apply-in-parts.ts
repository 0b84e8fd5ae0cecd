import type { ImportKind, ImportResult, ImportRowResult } from '@adloop/contracts';

/** Lines per apply request: small enough to show progress, large enough to keep requests few. */
export const PART_SIZE = 25;

export interface ApplyProgress {
  done: number;
  total: number;
  results: ImportRowResult[];
}

/**
 * Applies the file's valid lines in parts, each its own request with the same key, so progress can
 * be shown and a repeat (after a network failure) answers the rows already sent instead of sending
 * them again (`confirm`: soft guardrails the person goes past). Stops at the first failed request; the results so far stay with the caller.
 */
export async function applyInParts(
  send: (body: { kind: ImportKind; csv: string; idempotencyKey: string; lines: number[]; confirm?: string[] }) => Promise<ImportResult>,
  input: { kind: ImportKind; csv: string; idempotencyKey: string; lines: readonly number[]; confirm?: readonly string[] },
  onProgress: (progress: ApplyProgress) => void,
): Promise<ImportRowResult[]> {
  const results: ImportRowResult[] = [];
  for (let start = 0; start < input.lines.length; start += PART_SIZE) {
    const lines = input.lines.slice(start, start + PART_SIZE);
    const answer = await send({ kind: input.kind, csv: input.csv, idempotencyKey: input.idempotencyKey, lines, ...(input.confirm?.length ? { confirm: [...input.confirm] } : {}) });
    results.push(...answer.results);
    onProgress({ done: Math.min(start + PART_SIZE, input.lines.length), total: input.lines.length, results: [...results] });
  }
  return results;
}
