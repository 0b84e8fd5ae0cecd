/**
 * The two roads a change takes, timed round by round over the real HTTP API:
 * - direct: the API key asks for the changes (`POST /campaign-changes`), they queue at once;
 * - approval: the same requests, with the organisation's policy sending budget raises above 1 %
 *   to the inbox, come back as proposals; the owner then approves them in bulk.
 * A round ends when the platform has every change of it (all `applied`).
 */
import { randomUUID } from 'node:crypto';
import type { DbHandle } from '@adloop/db';
import type { TestClient } from '../../tests/setup/http-client.ts';
import { batches, type PlannedChange } from './changes-plan.ts';
import { OWN } from './changes-profile.ts';
import { waitFor, type BenchWorld } from './changes-setup.ts';

/** The API's limit of changes per request (CreateChangesBody, ApproveBody). */
const PER_REQUEST = 100;
/** Settled states other than applied make the run invalid. */
const OPEN_STATES = ['proposed', 'pending'];

export interface RoundTiming {
  /** From the first request to the last change applied. */
  ms: number;
  /** Of which the requests themselves took (sent one after the other). */
  requestMs: number;
  /** The round's changes. */
  ids: string[];
}

async function post(client: TestClient, path: string, body: unknown, expected: number): Promise<{ items: Array<{ id: string; state: string; message: string | null }> }> {
  const response = await client.post(path, body);
  if (response.status !== expected) throw new Error(`POST ${path}: expected HTTP ${expected}, got ${response.status}: ${response.text.slice(0, 500)}`);
  return response.body;
}

/** Sends a round's changes as the API key; every answer must be in `state` (pending or proposed). */
async function requestRound(world: BenchWorld, round: PlannedChange[], state: 'pending' | 'proposed'): Promise<{ ids: string[]; requestMs: number }> {
  const ids: string[] = [];
  let requestMs = 0;
  for (const batch of batches(round, PER_REQUEST)) {
    const body = {
      idempotencyKey: `bench-${randomUUID()}`,
      reason: 'Changes benchmark',
      changes: batch.map((c) => ({ campaignId: c.campaign.id, action: 'set_daily_budget', amountMicros: c.after, expected: { dailyBudgetMicros: c.before } })),
    };
    const started = performance.now();
    const answer = await post(world.key, `/api/v1/orgs/${world.orgId}/campaign-changes`, body, 202);
    requestMs += performance.now() - started;
    const wrong = answer.items.find((item) => item.state !== state);
    if (wrong) throw new Error(`a requested change came back ${wrong.state}, not ${state}: ${wrong.message ?? ''}`);
    ids.push(...answer.items.map((item) => item.id));
  }
  return { ids, requestMs };
}

/** Waits until none of `ids` is open; any that did not apply is an error with its message. */
async function waitApplied(handle: DbHandle, orgId: string, ids: string[]): Promise<void> {
  await waitFor(
    `${ids.length} changes to apply`,
    async () => {
      const { rows } = await handle.sql.query<{ open: number }>(`${OWN}SELECT count(*)::int AS open FROM campaign_changes WHERE org_id = $1 AND id = ANY($2::uuid[]) AND state = ANY($3::text[])`, [orgId, ids, OPEN_STATES]);
      return rows[0]?.open === 0;
    },
    10 * 60_000,
    20,
  );
  const { rows } = await handle.sql.query<{ state: string; message: string | null; n: number }>(
    `${OWN}SELECT state, min(message) AS message, count(*)::int AS n FROM campaign_changes WHERE org_id = $1 AND id = ANY($2::uuid[]) AND state <> 'applied' GROUP BY state`,
    [orgId, ids],
  );
  if (rows.length) throw new Error(`not every change applied: ${rows.map((r) => `${r.n} ${r.state} (${r.message ?? 'no message'})`).join('; ')}`);
}

/** Direct path: request the round, wait until it is applied. */
export async function directRound(world: BenchWorld, handle: DbHandle, round: PlannedChange[]): Promise<RoundTiming> {
  const started = performance.now();
  const { ids, requestMs } = await requestRound(world, round, 'pending');
  await waitApplied(handle, world.orgId, ids);
  return { ms: performance.now() - started, requestMs, ids };
}

/** Approval path, first half: the round comes back as proposals (timed on its own). */
export async function proposeRound(world: BenchWorld, round: PlannedChange[]): Promise<{ ids: string[]; ms: number }> {
  const started = performance.now();
  const { ids } = await requestRound(world, round, 'proposed');
  return { ids, ms: performance.now() - started };
}

/** Approval path, second half: the owner approves the proposals in bulk; wait until applied. */
export async function approveRound(world: BenchWorld, handle: DbHandle, ids: string[]): Promise<RoundTiming> {
  const started = performance.now();
  let requestMs = 0;
  const path = `/api/v1/orgs/${world.orgId}/proposals/approve`;
  for (const batch of batches(ids, PER_REQUEST)) {
    const sent = performance.now();
    const response = await world.owner.client.post(path, { items: batch.map((changeId) => ({ changeId })) });
    requestMs += performance.now() - sent;
    if (response.status !== 200) throw new Error(`POST ${path}: HTTP ${response.status}: ${response.text.slice(0, 500)}`);
    // Approving decides at once (the apply job is queued in the same transaction): one still proposed was refused.
    const { rows } = await handle.sql.query<{ n: number }>(`${OWN}SELECT count(*)::int AS n FROM campaign_changes WHERE org_id = $1 AND id = ANY($2::uuid[]) AND state = 'proposed'`, [world.orgId, batch]);
    if (rows[0]?.n) throw new Error(`${rows[0].n} of ${batch.length} proposals were not approved: ${response.text.slice(0, 500)}`);
  }
  await waitApplied(handle, world.orgId, ids);
  return { ms: performance.now() - started, requestMs, ids };
}

const settingsPath = (world: BenchWorld) => `/api/v1/orgs/${world.orgId}/change-settings`;

/**
 * The organisation's change settings for each path: no approval threshold (direct), or budget raises
 * above 1 % need approval; guardrails allow the benchmark's changes per campaign per day.
 */
export async function setApprovalThreshold(world: BenchWorld, percent: number | null, changesPerCampaign: number): Promise<void> {
  const path = settingsPath(world);
  const current = await world.owner.client.get<{ guardrails: Record<string, number> }>(path);
  if (current.status !== 200) throw new Error(`GET ${path}: HTTP ${current.status}: ${current.text.slice(0, 300)}`);
  const body = {
    approvalPolicy: { memberLaunches: true, budgetAbove: { amountMicros: null, percent } },
    guardrails: { ...current.body.guardrails, maxChangesPerEntityPerDay: Math.max(changesPerCampaign, current.body.guardrails.maxChangesPerEntityPerDay ?? 0) },
  };
  const response = await world.owner.client.request('PATCH', path, body);
  if (response.status !== 200) throw new Error(`PATCH ${path}: HTTP ${response.status}: ${response.text.slice(0, 300)}`);
}
