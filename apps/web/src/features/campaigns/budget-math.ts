/** Budgets move by at most this much in one bulk change (a 10× budget is a typo more often than not). */
const MAX_PERCENT = 1000;

export type ParsedPercent = { ok: true; percent: number } | { ok: false; error: string };

/** "+10", "10 %", "-15", "−2,5" to a percentage; refuses 0 and anything that would end at or below nothing. */
export function parsePercent(text: string): ParsedPercent {
  const value = text.trim().replace(/\s|%/g, '').replace(/^\u2212/, '-').replace(',', '.');
  if (value === '') return { ok: false, error: 'Enter a percentage, like 10 or -15' };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) return { ok: false, error: 'Enter a percentage as a number, like 10 or -15' };
  const percent = Number(value);
  if (percent === 0) return { ok: false, error: 'A change of 0 % leaves every budget as it is' };
  if (percent <= -100) return { ok: false, error: 'A budget can go down by less than 100 %' };
  if (percent > MAX_PERCENT) return { ok: false, error: `Raise budgets by at most ${MAX_PERCENT.toLocaleString()} % at once` };
  return { ok: true, percent };
}
