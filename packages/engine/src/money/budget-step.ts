import { minorUnitMicros } from './currency-digits.ts';

/** How an amount off a step is brought onto one. */
export type StepRounding = 'nearest' | 'down' | 'up';

/** `micros` on a multiple of `stepMicros` (a platform's budget step, or the currency's minor unit). */
export function roundToStep(micros: number, stepMicros: number, rounding: StepRounding = 'nearest'): number {
  const steps = micros / stepMicros;
  const whole = rounding === 'down' ? Math.floor(steps + 1e-9) : rounding === 'up' ? Math.ceil(steps - 1e-9) : Math.round(steps);
  return whole * stepMicros;
}

/** Whether `micros` sits exactly on a step of `stepMicros`. */
export const isOnStep = (micros: number, stepMicros: number): boolean => Number.isInteger(micros) && micros % stepMicros === 0;

/**
 * `micros` changed by `percent` (+10 raises by a tenth), rounded to the currency's smallest unit
 * (cents, whole yen) and never below one of them. A platform's own minimum and step are separate checks.
 */
export function scaleBudget(micros: number, percent: number, currency: string): number {
  const step = minorUnitMicros(currency);
  return Math.max(step, roundToStep((micros * (100 + percent)) / 100, step));
}
