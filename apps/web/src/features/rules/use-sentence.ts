import { useEffect, useState } from 'react';
import { describeRule } from './rules-api.ts';
import type { RuleDefinition, RuleMode } from './rule-types.ts';

const DEBOUNCE_MS = 400;

/** The rule in one plain sentence, asked of the server a moment after the person stops editing. */
export function useSentence(orgId: string, definition: RuleDefinition, mode: RuleMode, initial: string | null) {
  const [state, setState] = useState<{ sentence: string | null; problem: string | null; isBusy: boolean }>({ sentence: initial, problem: null, isBusy: false });
  const key = JSON.stringify({ definition, mode });
  useEffect(() => {
    let isCurrent = true;
    setState((s) => ({ ...s, isBusy: true }));
    const timer = setTimeout(() => {
      describeRule(orgId, definition, mode).then(
        ({ sentence }) => isCurrent && setState({ sentence, problem: null, isBusy: false }),
        (error: unknown) => isCurrent && setState((s) => ({ ...s, problem: error instanceof Error ? error.message : 'The rule is not complete yet', isBusy: false })),
      );
    }, DEBOUNCE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
    // The key stands for definition and mode: re-describe when their content changes, not their identity.
  }, [orgId, key]);
  return state;
}
