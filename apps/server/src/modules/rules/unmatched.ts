/**
 * The objects a run examined that did not match its conditions, kept compactly: one row per run in
 * `rule_run_unmatched` instead of one per object (a tick's rules examine tens of thousands of objects
 * and match a few % of them). Nothing of the explanation is lost: each object keeps its id, name,
 * platform, account, explanation, values and condition verdicts; the strings its neighbours repeat
 * (accounts, platforms, windows, comparisons, explanations, value names) are stored once per run.
 * A run's objects read back as the same records (`unpackUnmatched`), so its detail answers as before.
 */
import { and, eq } from 'drizzle-orm';
import { ruleRunUnmatched, type Db } from '@adloop/db';
import type { NewRuleRunEntityRow, RuleRunEntityRow } from './rules.repository.ts';

type Record_ = Omit<NewRuleRunEntityRow, 'orgId'>;
type Scalar = number | string | null;

/** The verdict fields, in the order they are packed. */
const VERDICT_FIELDS = ['path', 'metric', 'window', 'value', 'against', 'held'] as const;

/**
 * One run's unmatched objects. `s`: the strings stored once; `k`: the sets of value names (indices
 * into `s`); `o`: per object [id, name, platform, account, explanation, value names, values, verdicts],
 * the strings as indices into `s`, values in the order of their names, and six entries per verdict
 * (path, metric, window as indices, the value itself, the comparison as an index, held as 1 or 0).
 */
export interface PackedUnmatched {
  v: 1;
  s: string[];
  k: number[][];
  o: [string, string, number, number, number, number, Scalar[], Scalar[]][];
}

const isScalar = (v: unknown): v is Scalar => v === null || typeof v === 'number' || typeof v === 'string';
const isEmptyList = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);

/** A verdict with exactly the contract's fields, each of its type (anything else stays a row of its own). */
function plainVerdict(v: unknown): v is { path: string; metric: string; window: string; value: Scalar; against: string; held: boolean } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== VERDICT_FIELDS.length) return false;
  return typeof o.path === 'string' && typeof o.metric === 'string' && typeof o.window === 'string' && isScalar(o.value) && typeof o.against === 'string' && typeof o.held === 'boolean';
}

/** Whether a record goes into its run's compact row: no match, nothing done, values and verdicts of the usual shapes. */
export function packable(r: Record_): boolean {
  if (r.outcome !== 'no_match' || (r.skipReason ?? null) !== null || !isEmptyList(r.actions) || !isEmptyList(r.changeIds)) return false;
  const values = r.values;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return false;
  for (const v of Object.values(values)) if (!isScalar(v)) return false;
  return Array.isArray(r.conditions) && r.conditions.every(plainVerdict);
}

/** Packs one run's unmatched records (all of one run, level and time; see `packable`). */
export function packUnmatched(records: readonly Record_[]): PackedUnmatched {
  const s: string[] = [];
  const at = new Map<string, number>();
  const str = (value: string): number => {
    let i = at.get(value);
    if (i === undefined) {
      i = s.length;
      s.push(value);
      at.set(value, i);
    }
    return i;
  };
  const k: number[][] = [];
  const keySets = new Map<string, number>();
  const o: PackedUnmatched['o'] = [];
  for (const r of records) {
    const values = r.values as Record<string, Scalar>;
    const names = Object.keys(values);
    const signature = JSON.stringify(names);
    let ks = keySets.get(signature);
    if (ks === undefined) {
      ks = k.length;
      k.push(names.map(str));
      keySets.set(signature, ks);
    }
    const verdicts: Scalar[] = [];
    for (const v of r.conditions as { path: string; metric: string; window: string; value: Scalar; against: string; held: boolean }[]) {
      verdicts.push(str(v.path), str(v.metric), str(v.window), v.value, str(v.against), v.held ? 1 : 0);
    }
    o.push([r.entityId, r.entityName, str(r.platform), str(r.adAccountId), str(r.explanation), ks, names.map((n) => values[n]!), verdicts]);
  }
  return { v: 1, s, k, o };
}

export interface UnmatchedRow {
  runId: string;
  orgId: string;
  ruleId: string;
  entityLevel: string;
  objects: unknown;
  createdAt: Date;
}

/** The records a packed row holds, as `rule_run_entities` rows. */
export function unpackUnmatched(row: UnmatchedRow): RuleRunEntityRow[] {
  const packed = row.objects as PackedUnmatched;
  if (!packed || packed.v !== 1) return [];
  const { s, k } = packed;
  return packed.o.map(([id, name, platform, account, explanation, ks, values, flat]) => {
    const names = k[ks] ?? [];
    const record: Record<string, Scalar> = {};
    names.forEach((n, i) => (record[s[n]!] = values[i] ?? null));
    const conditions = [];
    for (let i = 0; i + 5 < flat.length; i += 6) {
      conditions.push({ path: s[flat[i] as number]!, metric: s[flat[i + 1] as number]!, window: s[flat[i + 2] as number]!, value: flat[i + 3] ?? null, against: s[flat[i + 4] as number]!, held: flat[i + 5] === 1 });
    }
    return {
      runId: row.runId,
      orgId: row.orgId,
      ruleId: row.ruleId,
      entityLevel: row.entityLevel,
      entityId: id,
      entityName: name,
      platform: s[platform]!,
      adAccountId: s[account]!,
      outcome: 'no_match' as const,
      skipReason: null,
      explanation: s[explanation]!,
      values: record,
      conditions,
      actions: [],
      changeIds: [],
      createdAt: row.createdAt,
    };
  });
}

/** Runs per insert: one packed parameter each. */
const RUN_CHUNK = 500;

/**
 * Splits records into those kept as rows and those packed per run; the packed ones are written here
 * (one multi-row insert per chunk of runs), the rest returned for `rule_run_entities`.
 */
export async function insertUnmatched(db: Db, orgId: string, records: readonly Record_[]): Promise<Record_[]> {
  const rows: Record_[] = [];
  const byRun = new Map<string, Record_[]>();
  for (const r of records) {
    if (!packable(r)) {
      rows.push(r);
      continue;
    }
    const list = byRun.get(r.runId);
    if (list) list.push(r);
    else byRun.set(r.runId, [r]);
  }
  const packed: (typeof ruleRunUnmatched.$inferInsert)[] = [];
  for (const [runId, list] of byRun) {
    // One row per run: a run's records share its level and time (anything else stays as rows).
    const first = list[0]!;
    const time = (r: Record_) => (r.createdAt instanceof Date ? r.createdAt.getTime() : r.createdAt === undefined ? NaN : new Date(r.createdAt).getTime());
    const same = list.every((r) => r.entityLevel === first.entityLevel && r.ruleId === first.ruleId && time(r) === time(first));
    if (!same || Number.isNaN(time(first))) {
      // A loop, not a spread: a run can hold more records than a call takes arguments.
      for (const r of list) rows.push(r);
      continue;
    }
    packed.push({ runId, orgId, ruleId: first.ruleId, entityLevel: first.entityLevel, objects: packUnmatched(list), createdAt: new Date(time(first)) });
  }
  for (let i = 0; i < packed.length; i += RUN_CHUNK) await db.insert(ruleRunUnmatched).values(packed.slice(i, i + RUN_CHUNK));
  return rows;
}

/** A run's packed unmatched objects (none for runs that matched everything or were recorded one row per object). */
export async function findUnmatched(db: Db, orgId: string, runId: string): Promise<UnmatchedRow | undefined> {
  const [row] = await db.select().from(ruleRunUnmatched).where(and(eq(ruleRunUnmatched.orgId, orgId), eq(ruleRunUnmatched.runId, runId)));
  return row;
}
