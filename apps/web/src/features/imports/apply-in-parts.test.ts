import { describe, expect, it } from 'vitest';
import type { ImportResult } from '@adloop/contracts';
import { applyInParts, PART_SIZE } from './apply-in-parts.ts';

const answer = (lines: number[]): ImportResult => ({
  kind: 'changes',
  results: lines.map((line) => ({ line, outcome: 'sent', changeId: null, campaignId: null, state: 'pending', message: null, errors: [], guardrails: [] })),
  sentCount: lines.length,
  failedCount: 0,
  invalidCount: 0,
});

describe('applying an import in parts', () => {
  it('sends every line once, in order, with one key, and reports progress after each part', async () => {
    const lines = Array.from({ length: PART_SIZE * 2 + 3 }, (_, i) => i + 2);
    const sent: Array<{ idempotencyKey: string; lines: number[] }> = [];
    const progress: number[] = [];
    const results = await applyInParts(
      async (body) => {
        sent.push({ idempotencyKey: body.idempotencyKey, lines: body.lines });
        return answer(body.lines);
      },
      { kind: 'changes', csv: 'x', idempotencyKey: 'key-12345', lines },
      (p) => progress.push(p.done),
    );
    expect(sent.flatMap((s) => s.lines)).toEqual(lines);
    expect(new Set(sent.map((s) => s.idempotencyKey))).toEqual(new Set(['key-12345']));
    expect(progress).toEqual([PART_SIZE, PART_SIZE * 2, lines.length]);
    expect(results.map((r) => r.line)).toEqual(lines);
  });

  it('stops at a failed request, keeping what was reported', async () => {
    const progress: number[] = [];
    const failing = applyInParts(
      async (body) => {
        if (body.lines[0] !== 2) throw new Error('offline');
        return answer(body.lines);
      },
      { kind: 'changes', csv: 'x', idempotencyKey: 'key-12345', lines: Array.from({ length: PART_SIZE + 1 }, (_, i) => i + 2) },
      (p) => progress.push(p.results.length),
    );
    await expect(failing).rejects.toThrow('offline');
    expect(progress).toEqual([PART_SIZE]);
  });
});
