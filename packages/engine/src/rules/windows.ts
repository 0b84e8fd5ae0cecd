import type { RuleDefinition, RuleWindow } from '@adloop/contracts';
import type { ResolvedWindow } from './types.ts';

/** One distinct window a rule reads. */
export interface RuleWindowUse {
  key: string;
  window: RuleWindow;
  skipLastDay: boolean;
  previous: boolean;
  parentAverage: boolean;
}

export function windowKey(window: RuleWindow, skipLastDay: boolean): string {
  return `${window.kind}:${skipLastDay ? 'skip' : 'all'}`;
}

export function windowsOf(_def: RuleDefinition): RuleWindowUse[] {
  return [];
}

export function resolveWindow(window: RuleWindow, skipLastDay: boolean, _now: Date, _timeZone: string): ResolvedWindow {
  return { key: windowKey(window, skipLastDay), days: null, today: null, hours: null, previous: null };
}
