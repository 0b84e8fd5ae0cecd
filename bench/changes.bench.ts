/**
 * The change pipeline at volume: 10,000 budget changes across 1,000 campaigns on PostgreSQL, with
 * the three sandboxes answering over sockets, once straight through (an API key's direct changes)
 * and once through the approval inbox (the same requests become proposals under the organisation's
 * policy; the owner approves them in bulk, 100 per request as the API allows). Both end when the
 * platform has every change (`applied`); approval is timed from the first approve request to the
 * last change applied, proposing on its own. Each campaign gets one change per round (one change
 * per campaign applies at a time); direct and approval rounds alternate, so load drift on the
 * machine hits both alike; a small warm-up on other campaigns goes first.
 * The sandboxes' quotas and Adloop's request pacing are lifted (see changes-setup.ts).
 * PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a throw-away
 * database is created, migrated and dropped at the end (also on Ctrl-C). Without PostgreSQL the
 * benchmark says so and is skipped.
 * Flags: --proposals N (default 10000) --campaigns M (default 1000) for a quick run.
 * Where the time goes: per path, the apply jobs' wait for a worker and run time (pg-boss's records)
 * and the statements sent per change (changes-profile.ts).
 * Prints `changes db= proposals= campaigns= rounds= changes_per_s= direct_per_s= ratio_vs_direct=`
 * and the parts last; ratio = approval time / direct time, target ≤ 1.3.
 */
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import { openDatabase, type DbHandle } from '@adloop/db';
import type { RunningServer } from '../apps/server/src/server.ts';
import { planRounds, type PlannedChange } from './support/changes-plan.ts';
import { approveRound, directRound, proposeRound, setApprovalThreshold, type RoundTiming } from './support/changes-paths.ts';
import { reachable, throwAwayDatabase } from './support/changes-database.ts';
import { prepareWorld, startBenchServer, type BenchWorld } from './support/changes-setup.ts';
import { accumulate, between, describe, perChange, queueProfile, statementCounter } from './support/changes-profile.ts';

const TARGET_RATIO = 1.3;
const WARMUP_CAMPAIGNS = 20;
const APPROVAL_PERCENT = 1;

const log = (message: string) => process.stdout.write(`  ${message}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

function options(): { proposals: number; campaigns: number } {
  const { values } = parseArgs({ args: process.argv.slice(3), options: { proposals: { type: 'string', default: '10000' }, campaigns: { type: 'string', default: '1000' } } });
  const proposals = Number(values.proposals);
  const campaigns = Number(values.campaigns);
  if (!Number.isInteger(proposals) || proposals < 1) throw new Error('--proposals must be a whole number above 0');
  if (!Number.isInteger(campaigns) || campaigns < 1 || campaigns > proposals) throw new Error('--campaigns must be a whole number from 1 to --proposals');
  return { proposals, campaigns };
}

interface PathTotals {
  ms: number;
  requestMs: number;
  ids: string[];
  /** Statements sent to PostgreSQL, by kind (for the approval path: approving and applying). */
  statements: Map<string, number>;
}
interface Totals {
  direct: PathTotals;
  propose: { ms: number; statements: Map<string, number> };
  approval: PathTotals;
}
const emptyPath = (): PathTotals => ({ ms: 0, requestMs: 0, ids: [], statements: new Map() });
const emptyTotals = (): Totals => ({ direct: emptyPath(), propose: { ms: 0, statements: new Map() }, approval: emptyPath() });

/** Runs one phase, adding the statements it sent into `into`. */
async function counted<T>(counter: ReturnType<typeof statementCounter>, into: Map<string, number>, phase: () => Promise<T>): Promise<T> {
  const before = counter.snapshot();
  const result = await phase();
  accumulate(into, between(before, counter.snapshot()));
  return result;
}

function add(to: PathTotals, round: RoundTiming): void {
  to.ms += round.ms;
  to.requestMs += round.requestMs;
  to.ids.push(...round.ids);
}

/** One direct round, then one approval round (propose, then approve), on the same campaigns. */
async function alternate(world: BenchWorld, handle: DbHandle, counter: ReturnType<typeof statementCounter>, direct: PlannedChange[], approval: PlannedChange[], changesPerCampaign: number, totals: Totals): Promise<void> {
  await setApprovalThreshold(world, null, changesPerCampaign);
  add(totals.direct, await counted(counter, totals.direct.statements, () => directRound(world, handle, direct)));
  await setApprovalThreshold(world, APPROVAL_PERCENT, changesPerCampaign);
  const proposed = await counted(counter, totals.propose.statements, () => proposeRound(world, approval));
  totals.propose.ms += proposed.ms;
  add(totals.approval, await counted(counter, totals.approval.statements, () => approveRound(world, handle, proposed.ids)));
}

export async function run(): Promise<void> {
  const { proposals, campaigns } = options();
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const where = new URL(serverUrl).host;
  if (!(await reachable(serverUrl))) {
    log(`PostgreSQL is not reachable at ${where} (set DATABASE_URL)`);
    process.stdout.write(`changes skipped=postgresql_unreachable host=${where}\n`);
    return;
  }
  const benchStarted = performance.now();
  log(`load average ${loadavg().map((l) => l.toFixed(2)).join('/')} (1/5/15 min) on ${availableParallelism()} cores`);
  const database = await throwAwayDatabase(serverUrl);
  log(`throw-away database ${new URL(database.url).pathname.slice(1)} on ${where}`);
  let handle: DbHandle | null = null;
  let server: RunningServer | null = null;
  let counter: ReturnType<typeof statementCounter> | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      counter?.stop();
      await server?.close().catch(() => undefined);
      await handle?.close().catch(() => undefined);
      await database.drop();
    })());
  // A terminal's Ctrl-C reaches this process twice (directly and relayed by tsx): the first one cleans up, later ones wait for it.
  const interrupted = (signal: NodeJS.Signals) => {
    if (cleaning) return;
    log(`${signal}: dropping the throw-away database`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  try {
    handle = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 10 });
    server = await startBenchServer(handle);
    counter = statementCounter();
    const world = await prepareWorld(server, handle, campaigns + WARMUP_CAMPAIGNS);
    const warm = { ...world, campaigns: world.campaigns.slice(0, WARMUP_CAMPAIGNS) };
    const measured = { ...world, campaigns: world.campaigns.slice(WARMUP_CAMPAIGNS) };
    // Direct round r is each campaign's raise number 2r, the approval round after it 2r + 1.
    const direct = planRounds(measured.campaigns, proposals, (r) => 2 * r);
    const approval = planRounds(measured.campaigns, proposals, (r) => 2 * r + 1);
    const rounds = direct.length;
    const changesPerCampaign = 2 * rounds;

    const warmTotals = emptyTotals();
    const [warmDirect] = planRounds(warm.campaigns, warm.campaigns.length, () => 0);
    const [warmApproval] = planRounds(warm.campaigns, warm.campaigns.length, () => 1);
    await alternate(warm, handle, counter, warmDirect!, warmApproval!, changesPerCampaign, warmTotals);
    log(`warm-up on ${WARMUP_CAMPAIGNS} other campaigns: direct ${seconds(warmTotals.direct.ms)} s, approval ${seconds(warmTotals.approval.ms)} s`);

    const totals = emptyTotals();
    for (let r = 0; r < rounds; r++) {
      const directBefore = totals.direct.ms;
      const approvalBefore = totals.approval.ms;
      await alternate(measured, handle, counter, direct[r]!, approval[r]!, changesPerCampaign, totals);
      log(`round ${r + 1}/${rounds} (${direct[r]!.length} changes each): direct ${seconds(totals.direct.ms - directBefore)} s, approval ${seconds(totals.approval.ms - approvalBefore)} s`);
    }

    const directPerS = proposals / (totals.direct.ms / 1000);
    const directQueue = await queueProfile(handle, totals.direct.ids);
    log(`direct:   ${seconds(totals.direct.ms)} s (requests ${seconds(totals.direct.requestMs)} s), ${directPerS.toFixed(1)} changes/s`);
    log(describe('direct', directQueue, directPerS));
    log(`direct (request and apply): ${perChange(totals.direct.statements, proposals)}`);
    const approvalPerS = proposals / (totals.approval.ms / 1000);
    const ratio = totals.approval.ms / totals.direct.ms;
    const approvalQueue = await queueProfile(handle, totals.approval.ids);
    log(`approval: proposing ${seconds(totals.propose.ms)} s; approving to applied ${seconds(totals.approval.ms)} s (approve requests ${seconds(totals.approval.requestMs)} s), ${approvalPerS.toFixed(1)} changes/s`);
    log(describe('approval', approvalQueue, approvalPerS));
    log(`proposing: ${perChange(totals.propose.statements, proposals)}`);
    log(`approving and applying: ${perChange(totals.approval.statements, proposals)}`);
    log(`ratio approval / direct ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})${ratio > TARGET_RATIO ? ': target missed' : ''}`);
    const totalS = (performance.now() - benchStarted) / 1000;
    process.stdout.write(
      `changes db=postgres proposals=${proposals} campaigns=${campaigns} rounds=${rounds} changes_per_s=${approvalPerS.toFixed(1)} direct_per_s=${directPerS.toFixed(1)} ratio_vs_direct=${ratio.toFixed(2)} ` +
        `approval_s=${seconds(totals.approval.ms)} approve_requests_s=${seconds(totals.approval.requestMs)} propose_s=${seconds(totals.propose.ms)} ` +
        `approval_apply_run_p50_ms=${approvalQueue.runP50Ms.toFixed(0)} approval_queue_wait_p50_ms=${approvalQueue.waitP50Ms.toFixed(0)} ` +
        `direct_s=${seconds(totals.direct.ms)} direct_requests_s=${seconds(totals.direct.requestMs)} direct_apply_run_p50_ms=${directQueue.runP50Ms.toFixed(0)} ` +
        `direct_queue_wait_p50_ms=${directQueue.waitP50Ms.toFixed(0)} load1=${loadavg()[0]!.toFixed(2)} total_s=${totalS.toFixed(0)}\n`,
    );
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }
}
