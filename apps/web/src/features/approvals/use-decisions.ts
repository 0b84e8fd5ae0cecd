import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../lib/queries.ts';
import type { GuardrailId } from '@adloop/contracts';
import { approveProposals, rejectProposals } from './approvals-api.ts';
import type { DecisionResult } from './decision-results.ts';
import { softGuardrails, softGuardrailsIn, type SoftGuardrail } from './guardrail-refusal.ts';

const uniqueById = (guardrails: SoftGuardrail[]) => [...new Map(guardrails.map((g) => [g.id, g])).values()];

/** An approval of edited values the server refused on soft guardrails: the approver may confirm past them. */
export interface PendingConfirm {
  ids: string[];
  guardrails: SoftGuardrail[];
}

/**
 * Approving and rejecting from the inbox: one request per action for every chosen proposal, one
 * result per proposal kept to show on its row (and in the summary) until the next decision.
 */
export function useDecisions(orgId: string, edits: ReadonlyMap<string, number>) {
  const queryClient = useQueryClient();
  const [results, setResults] = useState<ReadonlyMap<string, DecisionResult>>(new Map());
  const [lastResults, setLastResults] = useState<DecisionResult[]>([]);
  const [isBusy, setBusy] = useState(false);
  const [pendingConfirm, setPendingConfirm] = useState<PendingConfirm | null>(null);

  const record = useCallback(
    async (outcome: DecisionResult[]) => {
      setResults((current) => new Map([...current, ...outcome.map((r) => [r.changeId, r] as const)]));
      setLastResults(outcome);
      await queryClient.invalidateQueries({ queryKey: keys.proposals(orgId) });
      await queryClient.invalidateQueries({ queryKey: keys.campaignChanges(orgId) });
    },
    [orgId, queryClient],
  );

  const approve = useCallback(
    async (ids: string[], confirm?: GuardrailId[]) => {
      if (ids.length === 0) return;
      setBusy(true);
      setPendingConfirm(null);
      const items = ids.map((changeId) => {
        const amountMicros = edits.get(changeId);
        return amountMicros === undefined ? { changeId } : { changeId, amountMicros };
      });
      try {
        const outcome = await approveProposals(orgId, { items, ...(confirm ? { confirm } : {}) }, ids);
        await record(outcome);
        // Each proposal is judged on its own: those held back only by soft guardrails may be confirmed past together.
        const held = confirm ? [] : outcome.flatMap((r) => (r.ok ? [] : [{ id: r.changeId, soft: softGuardrailsIn(r.details, r.message ?? '') }])).filter((h) => h.soft.length > 0);
        if (held.length > 0) setPendingConfirm({ ids: held.map((h) => h.id), guardrails: uniqueById(held.flatMap((h) => h.soft)) });
      } catch (error) {
        const soft = softGuardrails(error);
        if (soft.length > 0 && !confirm) setPendingConfirm({ ids, guardrails: soft });
        await record(ids.map((changeId) => ({ changeId, ok: false, message: error instanceof Error ? error.message : 'Something went wrong' })));
      } finally {
        setBusy(false);
      }
    },
    [edits, orgId, record],
  );

  /** Rejects with the reason; a failure of the whole request rejects, so the reason dialog shows it. */
  const reject = useCallback(
    async (ids: string[], reason: string) => {
      setBusy(true);
      try {
        await record(await rejectProposals(orgId, { changeIds: ids, reason }));
      } finally {
        setBusy(false);
      }
    },
    [orgId, record],
  );

  return { results, lastResults, isBusy, pendingConfirm, dismissConfirm: () => setPendingConfirm(null), approve, reject };
}
