import type { EntityStatus } from '../../simulator/world.types.ts';

/** Google's status words for platform-neutral statuses (ARCHIVED does not exist on Google). */
export function googleStatus(status: EntityStatus): 'ENABLED' | 'PAUSED' | 'REMOVED' {
  return status === 'ARCHIVED' ? 'REMOVED' : status;
}

export function micros(value: number): string {
  return String(Math.round(value));
}

export const WEEKDAY_NAMES = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** snake_case GAQL path → lowerCamelCase JSON path. */
export function camelPath(path: string): string[] {
  return path.split('.').map((part) => part.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase()));
}
