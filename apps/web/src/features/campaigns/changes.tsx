import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useRouterState } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { waitForLiveEvent } from '../../lib/live.ts';
import type { CampaignChange, CampaignDetail, CampaignRow, CampaignTable, RequestedChange } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { Spinner } from '../../components/ui/spinner.tsx';
import { formatMicros } from './report-format.ts';
import { adGroupWord } from './wizard-model.ts';
import type { GuardrailId } from '@adloop/contracts';
import { softGuardrails, type SoftGuardrail } from '../approvals/guardrail-refusal.ts';
import { roasWords, type ObjectChange } from './object-requests.ts';

/** A change as sent: a campaign's pause or budget, or a change aimed at any object with `target`. */
export type OutgoingChange = RequestedChange | ObjectChange;

/**
 * Campaign changes go to the platform asynchronously: the API answers 202 with `pending` changes,
 * and the page polls each one every second until it is applied, refused as a conflict (someone
 * changed the value on the platform since the person looked) or failed. A toast reports the
 * outcome, with Undo for applied changes.
 */
const POLL_MS = 1000;
/** After this long the toast stops waiting and points to the change history instead. */
const GIVE_UP_MS = 120_000;
const MAX_TOASTS = 4;
/** Settled good news leaves after a while (the change history keeps Undo); problems stay until dismissed. */
const SUCCESS_TOAST_MS = 12_000;

interface Batch {
  key: number;
  kind: 'change' | 'undo';
  items: CampaignChange[];
  timedOut: boolean;
  /** An error of the request itself (the changes never started). */
  error?: { title: string; message: string };
  /** Held back by soft guardrails: the request, to send again with `confirm` if the person says so. */
  heldBack?: { changes: OutgoingChange[]; guardrails: SoftGuardrail[] };
}

export interface ChangeTracker {
  /**
   * Sends changes; resolves once accepted (202), rejects with the API's error (400 issues, 403 …).
   * Held back by a soft guardrail, it resolves with none and the toast asks to confirm; `confirm`
   * names the guardrails the person goes past.
   */
  submit: (changes: OutgoingChange[], confirm?: GuardrailId[]) => Promise<CampaignChange[]>;
  /** Asks to undo applied changes; the outcome shows as a toast. */
  undo: (changes: CampaignChange[]) => Promise<void>;
  /** The pending change of a campaign, if one is on its way. */
  pendingFor: (campaignId: string) => CampaignChange | undefined;
  showError: (title: string, error: unknown) => void;
}

const TrackerContext = createContext<ChangeTracker | null>(null);

export function useChangeTracker(): ChangeTracker {
  const tracker = useContext(TrackerContext);
  if (!tracker) throw new Error('useChangeTracker must be used inside <ChangeTrackerProvider>');
  return tracker;
}

/** The row as it is after a change (applied: `after`; conflict: the platform's `current`). */
function withValue(row: CampaignRow, change: CampaignChange): CampaignRow {
  if (row.id !== change.campaignId) return row;
  const value = change.state === 'conflict' ? change.current : change.state === 'applied' ? change.after : undefined;
  if (value === undefined) return row;
  switch (change.field) {
    case 'status':
      return value === 'active' || value === 'paused' || value === 'removed' || value === 'archived' ? { ...row, status: value } : row;
    case 'daily_budget':
      return { ...row, dailyBudgetMicros: value === null ? null : Number(value) };
    case 'lifetime_budget':
      return { ...row, lifetimeBudgetMicros: value === null ? null : Number(value) };
    case 'name':
      return value === null ? row : { ...row, name: value };
    default:
      return row;
  }
}

/** Shows the outcome in the cached lists at once, then re-reads them from the server. */
async function refreshAfter(queryClient: QueryClient, orgId: string, changes: CampaignChange[]): Promise<void> {
  for (const change of changes) {
    queryClient.setQueriesData<InfiniteData<CampaignTable>>({ queryKey: keys.campaignList(orgId) }, (data) =>
      data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((row) => withValue(row, change)) })) } : data,
    );
    if (change.campaignId === null) continue;
    queryClient.setQueriesData<CampaignDetail>({ queryKey: keys.campaign(orgId, change.campaignId) }, (data) => (data ? { ...data, campaign: withValue(data.campaign, change) } : data));
  }
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: keys.campaignList(orgId) }),
    queryClient.invalidateQueries({ queryKey: keys.campaignChanges(orgId) }),
    queryClient.invalidateQueries({ queryKey: keys.dashboard(orgId) }),
    ...[...new Set(changes.flatMap((c) => (c.campaignId ? [c.campaignId] : [])))].map((id) => queryClient.invalidateQueries({ queryKey: keys.campaign(orgId, id) })),
  ]);
}

export function ChangeTrackerProvider({ orgId, children }: { orgId: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [batches, setBatches] = useState<Batch[]>([]);
  const nextKey = useRef(1);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // Another page: settled toasts go (the change history keeps every outcome and its Undo); changes
  // still on their way keep theirs, so their outcome is still reported.
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const shownOn = useRef(pathname);
  useEffect(() => {
    if (shownOn.current === pathname) return;
    shownOn.current = pathname;
    setBatches((all) => all.filter((b) => b.items.some((c) => c.state === 'pending') || (b.kind === 'undo' && b.items.length === 0 && !b.error)));
  }, [pathname]);

  const update = useCallback((key: number, patch: (batch: Batch) => Batch) => setBatches((all) => all.map((b) => (b.key === key ? patch(b) : b))), []);

  const add = useCallback((batch: Omit<Batch, 'key'>): number => {
    const key = nextKey.current++;
    setBatches((all) => [...all, { ...batch, key }].slice(-MAX_TOASTS));
    return key;
  }, []);

  const follow = useCallback(
    async (key: number, started: CampaignChange[]) => {
      let items = started;
      const deadline = Date.now() + GIVE_UP_MS;
      while (alive.current && items.some((c) => c.state === 'pending')) {
        if (Date.now() > deadline) {
          update(key, (b) => ({ ...b, timedOut: true }));
          break;
        }
        // Woken by the change's live event; the poll is the fallback (slow while the stream is open).
        const waiting = new Set(items.filter((c) => c.state === 'pending').map((c) => c.id));
        await waitForLiveEvent(POLL_MS, (event) => event.type === 'change' && event.status !== 'pending' && waiting.has(event.changeId));
        items = await Promise.all(
          items.map((c) => (c.state === 'pending' ? api.get<CampaignChange>(`/orgs/${orgId}/campaign-changes/${c.id}`).catch(() => c) : Promise.resolve(c))),
        );
        const snapshot = items;
        if (alive.current) update(key, (b) => ({ ...b, items: snapshot }));
      }
      await refreshAfter(queryClient, orgId, items.filter((c) => c.state !== 'pending'));
    },
    [orgId, queryClient, update],
  );

  const showError = useCallback((title: string, error: unknown) => {
    add({ kind: 'change', items: [], timedOut: false, error: { title, message: error instanceof Error ? error.message : 'Something went wrong' } });
  }, [add]);

  const tracker = useMemo<ChangeTracker>(
    () => ({
      submit: async (changes, confirm) => {
        let items: CampaignChange[];
        try {
          ({ items } = await api.post<{ items: CampaignChange[] }>(`/orgs/${orgId}/campaign-changes`, { idempotencyKey: crypto.randomUUID(), changes, ...(confirm ? { confirm } : {}) }));
        } catch (error) {
          // A soft guardrail (a big budget jump, many changes today) asks the person, not the caller:
          // the toast offers Confirm anyway, and the caller's editor closes as if sent.
          const guardrails = confirm ? [] : softGuardrails(error);
          if (guardrails.length === 0) throw error;
          add({ kind: 'change', items: [], timedOut: false, heldBack: { changes, guardrails } });
          return [];
        }
        const key = add({ kind: 'change', items, timedOut: false });
        void follow(key, items);
        return items;
      },
      undo: async (changes) => {
        // The undo's toast replaces the one that offered Undo for all of these; others stop offering it.
        const ids = new Set(changes.map((c) => c.id));
        setBatches((all) => all.flatMap((b) => (isReplacedByUndo(b, ids) ? [] : [{ ...b, items: b.items.map((c) => (ids.has(c.id) ? { ...c, canUndo: false } : c)) }])));
        const key = add({ kind: 'undo', items: [], timedOut: false });
        const settled = await Promise.allSettled(changes.map((c) => api.post<CampaignChange>(`/orgs/${orgId}/campaign-changes/${c.id}/undo`, { idempotencyKey: crypto.randomUUID() })));
        const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
        const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        update(key, (b) => ({
          ...b,
          items: started,
          ...(failure ? { error: { title: 'Could not undo', message: failure.reason instanceof Error ? failure.reason.message : 'Something went wrong' } } : {}),
        }));
        await follow(key, started);
      },
      pendingFor: (campaignId) => {
        for (const batch of batches) {
          const change = batch.items.find((c) => c.campaignId === campaignId && c.state === 'pending');
          if (change && !batch.timedOut) return change;
        }
        return undefined;
      },
      showError,
    }),
    [orgId, add, follow, update, batches, showError],
  );

  const dismiss = useCallback((key: number) => setBatches((all) => all.filter((b) => b.key !== key)), []);
  /** The person goes past the soft guardrails that held a request back: sent again, naming them. */
  const confirmPast = useCallback(
    (batch: Batch) => {
      if (!batch.heldBack) return;
      dismiss(batch.key);
      tracker.submit(batch.heldBack.changes, batch.heldBack.guardrails.map((g) => g.id)).catch((error: unknown) => tracker.showError('Could not apply the change', error));
    },
    [dismiss, tracker],
  );

  return (
    <TrackerContext.Provider value={tracker}>
      {children}
      {/* Room to scroll the page's last buttons clear of the toasts. */}
      {batches.length > 0 && <div className="h-40" aria-hidden="true" />}
      {/* Bottom left: clear of the table's totals row and the budget editor's warnings, which sit on the right. */}
      <section aria-label="Campaign changes" aria-live="polite" className="pointer-events-none fixed bottom-4 left-4 z-30 flex w-[min(22rem,calc(100vw-2rem))] flex-col gap-2">
        {batches.map((batch) => (
          <ChangeToast key={batch.key} batch={batch} onUndo={(items) => void tracker.undo(items)} onConfirm={confirmPast} onDismiss={dismiss} />
        ))}
      </section>
    </TrackerContext.Provider>
  );
}

/** A change toast whose every undoable change is being undone: the undo's own toast takes its place. */
function isReplacedByUndo(batch: Batch, undoing: Set<string>): boolean {
  if (batch.kind !== 'change' || !batch.items.some((c) => undoing.has(c.id))) return false;
  return batch.items.filter((c) => c.state === 'applied' && c.canUndo).every((c) => undoing.has(c.id));
}

// ---- Words -------------------------------------------------------------------------------------

const quote = (name: string) => `“${name}”`;

/** The changed object in words: the campaign, or "an ad set of “Campaign”" for one of its ad groups / ads. */
export function objectWords(change: Pick<CampaignChange, 'entityLevel' | 'platform' | 'campaignName'>): string {
  if (change.entityLevel === 'campaign') return quote(change.campaignName);
  const level = change.entityLevel === 'ad' ? 'ad' : adGroupWord(change.platform).toLowerCase();
  return `${/^[aeiou]/.test(level) ? 'an' : 'a'} ${level} of ${quote(change.campaignName)}`;
}

/** A value of a change's field in words: a status, a name, a target ROAS, or money in the campaign's currency. */
export function changeValue(change: Pick<CampaignChange, 'field' | 'currency'>, value: string | null): string {
  if (change.field === 'status' || change.field === 'name') return value ?? 'unknown';
  if (change.field === 'target_roas') return value === null || !Number.isFinite(Number(value)) ? 'not set' : roasWords(Number(value));
  if (value === null) return change.field === 'bid' ? 'no bid' : 'no budget';
  const micros = Number(value);
  return Number.isFinite(micros) ? formatMicros(micros, change.currency) : value;
}

const FIELD_WORDS: Partial<Record<CampaignChange['field'], string>> = { lifetime_budget: 'lifetime budget', daily_budget: 'daily budget', bid: 'bid', target_roas: 'target ROAS', name: 'name' };
const budgetName = (change: CampaignChange) => FIELD_WORDS[change.field] ?? 'value';

const STATUS_VERBS: Record<string, string> = { paused: 'Paused', active: 'Enabled', archived: 'Archived', removed: 'Removed' };

/** What an applied change did, as a sentence. */
export function describeApplied(change: CampaignChange): string {
  if (change.field === 'campaign') return `Created ${quote(change.campaignName)}.`;
  if (change.field === 'status') return `${STATUS_VERBS[change.after ?? ''] ?? `Set to ${change.after ?? '?'}:`} ${objectWords(change)}.`;
  if (change.action === 'duplicate') return `Duplicated ${quote(change.campaignName)}: the copy starts paused.`;
  return `The ${budgetName(change)} of ${objectWords(change)} is now ${changeValue(change, change.after)}.`;
}

function describeUndone(change: CampaignChange): string {
  if (change.field === 'status') return `Undone: ${quote(change.campaignName)} is ${changeValue(change, change.after)} again.`;
  return `Undone: the ${budgetName(change)} of ${quote(change.campaignName)} is ${changeValue(change, change.after)} again.`;
}

const VERBS: Record<string, string> = {
  pause: 'pause',
  enable: 'enable',
  set_daily_budget: 'change the daily budget of',
  set_lifetime_budget: 'change the lifetime budget of',
  rename: 'rename',
  set_bid: 'change the bid of',
  set_target_roas: 'change the target ROAS of',
  archive: 'archive',
  remove: 'remove',
  duplicate: 'duplicate',
};
const PENDING: Record<string, string> = {
  pause: 'Pausing',
  enable: 'Enabling',
  set_daily_budget: 'Changing the daily budget of',
  set_lifetime_budget: 'Changing the lifetime budget of',
  rename: 'Renaming',
  set_bid: 'Changing the bid of',
  set_target_roas: 'Changing the target ROAS of',
  archive: 'Archiving',
  remove: 'Removing',
  duplicate: 'Duplicating',
};

function conflictText(change: CampaignChange): string {
  return `Someone changed this on the platform: it is now ${changeValue(change, change.current)}.`;
}

function summary(batch: Batch): string {
  const { items } = batch;
  const pending = items.filter((c) => c.state === 'pending');
  if (batch.kind === 'undo') {
    if (items.length === 0) return 'Undoing…';
    if (pending.length > 0) return items.length === 1 ? `Undoing the change of ${quote(items[0]!.campaignName)}…` : `Undoing ${items.length} changes…`;
    const applied = items.filter((c) => c.state === 'applied');
    if (applied.length === items.length) return items.length === 1 ? describeUndone(items[0]!) : `Undone: ${items.length} changes.`;
    return applied.length ? `Undone ${applied.length} of ${items.length} changes.` : 'Could not undo.';
  }
  const proposed = items.filter((c) => c.state === 'proposed');
  if (batch.heldBack) return batch.heldBack.guardrails.map((g) => g.message).join(' ');
  if (proposed.length > 0 && proposed.length === items.length) {
    return items.length === 1 ? `Sent for approval: ${quote(items[0]!.campaignName)} changes once a manager approves it.` : `Sent ${items.length} changes for approval.`;
  }
  if (pending.length > 0) {
    const first = items[0]!;
    return items.length === 1 ? `${PENDING[first.action] ?? 'Changing'} ${objectWords(first)}…` : `Applying ${items.length} changes (${items.length - pending.length} done)…`;
  }
  const applied = items.filter((c) => c.state === 'applied' || c.state === 'undone');
  if (applied.length === items.length) {
    if (items.length === 1) return describeApplied(items[0]!);
    const actions = new Set(items.map((c) => c.action));
    const action = items[0]!.action;
    if (actions.size === 1 && action === 'pause') return `Paused ${items.length} campaigns.`;
    if (actions.size === 1 && action === 'enable') return `Enabled ${items.length} campaigns.`;
    if (actions.size === 1 && action === 'set_daily_budget') return `Changed the daily budget of ${items.length} campaigns.`;
    return `Applied ${items.length} changes.`;
  }
  if (items.length === 1) return items[0]!.state === 'conflict' ? `${quote(items[0]!.campaignName)} was not changed.` : `Could not ${VERBS[items[0]!.action] ?? 'change'} ${quote(items[0]!.campaignName)}.`;
  return applied.length ? `Applied ${applied.length} of ${items.length} changes.` : `None of the ${items.length} changes was applied.`;
}

function ChangeToast({ batch, onUndo, onConfirm, onDismiss }: { batch: Batch; onUndo: (items: CampaignChange[]) => void; onConfirm: (batch: Batch) => void; onDismiss: (key: number) => void }) {
  const pending = batch.items.some((c) => c.state === 'pending') || (batch.kind === 'undo' && batch.items.length === 0 && !batch.error);
  const problems = batch.items.filter((c) => c.state === 'conflict' || c.state === 'failed');
  const undoable = batch.kind === 'change' && !pending ? batch.items.filter((c) => c.state === 'applied' && c.canUndo) : [];
  const isError = Boolean(batch.error) || (!pending && problems.length > 0);
  const tone = isError ? 'bg-white ring-red-300' : 'bg-white ring-gray-200';
  // Kept while the pointer or focus is on it, so Undo never slips away mid-reach.
  const [held, setHeld] = useState(false);
  const leaves = !pending && !isError && !batch.timedOut && !held && !batch.heldBack;
  useEffect(() => {
    if (!leaves) return;
    const timer = setTimeout(() => onDismiss(batch.key), SUCCESS_TOAST_MS);
    return () => clearTimeout(timer);
  }, [leaves, onDismiss, batch.key]);
  return (
    <div
      role={isError ? 'alert' : undefined}
      className={`pointer-events-auto rounded-lg p-3 text-sm shadow-lg ring-1 ${tone}`}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDismiss(batch.key);
      }}
    >
      <div className="flex items-start gap-2">
        {pending && <Spinner className="mt-0.5 size-4 shrink-0 text-indigo-600" />}
        <div className="min-w-0 flex-1 space-y-1">
          {batch.error ? (
            <>
              <p className="font-semibold text-red-800">{batch.error.title}</p>
              <p className="text-red-700">{batch.error.message}</p>
            </>
          ) : (
            <p className={`font-medium ${isError ? 'text-red-800' : 'text-gray-900'}`}>{summary(batch)}</p>
          )}
          {!pending && problems.length > 0 && (
            <ul className="space-y-1 text-gray-700">
              {problems.map((c) => (
                <li key={c.id}>
                  {(batch.items.length > 1 || batch.kind === 'undo') && <span className="font-medium">{quote(c.campaignName)}: </span>}
                  {c.state === 'conflict' ? (batch.kind === 'undo' ? `It was changed since: it is now ${changeValue(c, c.current)}.` : conflictText(c)) : (c.message ?? 'The platform refused the change.')}
                  {c.state === 'conflict' && c.message && <span className="block text-xs text-gray-500">{c.message}</span>}
                </li>
              ))}
            </ul>
          )}
          {batch.timedOut && <p className="text-gray-600">The platform has not confirmed yet. The change history shows when it does.</p>}
        </div>
        <div className="flex shrink-0 items-center gap-1">
          {batch.heldBack && (
            <Button className="px-2 py-1" onClick={() => onConfirm(batch)}>
              Confirm anyway
            </Button>
          )}
          {undoable.length > 0 && (
            <Button variant="secondary" className="px-2 py-1" onClick={() => onUndo(undoable)}>
              Undo
              <span className="sr-only"> {undoable.length === 1 ? `the change of ${undoable[0]!.campaignName}` : `${undoable.length} changes`}</span>
            </Button>
          )}
          <button type="button" className="rounded p-1 text-gray-400 hover:bg-gray-100 hover:text-gray-700" onClick={() => onDismiss(batch.key)} aria-label="Dismiss">
            <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true">
              <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="1.5" />
            </svg>
          </button>
        </div>
      </div>
    </div>
  );
}
