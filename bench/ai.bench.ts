/**
 * Insights measured against the market simulator's ground truth: one module per capability under
 * bench/ai/, each exporting `runPart(opts)` that returns its figures. `npm run bench -- ai` runs them
 * all; `--quick` uses fewer seeds; naming parts (`npm run bench -- ai allocation`) runs only those.
 * Last line: `ai key=value …` with the figures of every part run.
 */
export interface PartOptions {
  /** Fewer seeds / shorter runs, for a quick look. */
  quick: boolean;
}

export type PartFigures = Record<string, number | string>;
type Part = () => Promise<{ runPart(opts: PartOptions): Promise<PartFigures> }>;

/** One line per capability. */
const PARTS: Record<string, Part> = {
  allocation: () => import('./ai/allocation.ts'),
  anomaly: () => import('./ai/anomaly.ts'),
  forecast: () => import('./ai/forecast.ts'),
};

function format(value: number | string): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 10_000) / 10_000);
}

export async function run(): Promise<void> {
  const args = process.argv.slice(3);
  const quick = args.includes('--quick');
  const asked = args.filter((a) => !a.startsWith('--'));
  const unknown = asked.filter((a) => !(a in PARTS));
  if (unknown.length > 0) throw new Error(`unknown part(s): ${unknown.join(', ')}; available: ${Object.keys(PARTS).join(', ')}`);
  const figures: PartFigures = {};
  for (const [name, load] of Object.entries(PARTS)) {
    if (asked.length > 0 && !asked.includes(name)) continue;
    const started = performance.now();
    const part = await load();
    const out = await part.runPart({ quick });
    process.stdout.write(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s): ${Object.entries(out).map(([k, v]) => `${k}=${format(v)}`).join(' ')}\n`);
    Object.assign(figures, out);
  }
  process.stdout.write(`ai ${Object.entries(figures).map(([k, v]) => `${k}=${format(v)}`).join(' ')}\n`);
}
