/** Expected conversions a day at `spendMicros` on a sampled response curve (linear between its points; flat past the last). */
export function conversionsAt(curve: readonly { spendMicros: number; conversions: number }[], spendMicros: number): number {
  if (curve.length === 0) return 0;
  const first = curve[0]!;
  if (spendMicros <= first.spendMicros) return first.conversions;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    if (spendMicros <= b.spendMicros) {
      const t = b.spendMicros === a.spendMicros ? 0 : (spendMicros - a.spendMicros) / (b.spendMicros - a.spendMicros);
      return a.conversions + t * (b.conversions - a.conversions);
    }
  }
  return curve[curve.length - 1]!.conversions;
}
