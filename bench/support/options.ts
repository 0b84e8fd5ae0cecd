/**
 * A whole-number flag's value, or `fallback` when it was not given; fails naming the flag when the
 * value is not a whole number of at least `min` (e.g. `--orgs 0`, `--latency-ms fast`).
 */
export function wholeNumberFlag(name: string, raw: string | undefined, fallback: number, min = 1): number {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number from ${min} up (got ${raw})`);
  return n;
}
