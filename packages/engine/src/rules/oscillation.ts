import type { PastAction } from './types.ts';

export function detectOscillation(_changes: readonly PastAction[], _now: Date, _windowHours: number): string | null {
  return null;
}
