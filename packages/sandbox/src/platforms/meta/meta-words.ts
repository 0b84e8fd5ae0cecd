import { currentValue } from '../../simulator/timeline.ts';
import type { EntityStatus } from '../../simulator/world.types.ts';
import type { Timeline } from '../../simulator/timeline.ts';

export const META_STATUS: Record<EntityStatus, string> = { ENABLED: 'ACTIVE', PAUSED: 'PAUSED', REMOVED: 'DELETED', ARCHIVED: 'ARCHIVED' };
export const FROM_META_STATUS: Record<string, EntityStatus> = { ACTIVE: 'ENABLED', PAUSED: 'PAUSED', DELETED: 'REMOVED', ARCHIVED: 'ARCHIVED' };

/** Minor units per major unit (Meta's currency offset). */
export function currencyOffset(currency: string): number {
  return ['JPY', 'KRW', 'TWD', 'CLP', 'COP', 'CRC', 'HUF', 'IDR', 'ISK', 'PYG'].includes(currency) ? 1 : 100;
}

export function microsToMinor(micros: number, currency: string): string {
  return String(Math.round((micros * currencyOffset(currency)) / 1e6));
}

export function minorToMicros(minor: number, currency: string): number {
  return Math.round((minor * 1e6) / currencyOffset(currency));
}

/** Major-unit money string as Insights returns it (e.g. "5339.5", "1200"). */
export function majorString(micros: number, currency: string): string {
  const decimals = currencyOffset(currency) === 1 ? 0 : 2;
  return String(Number((micros / 1e6).toFixed(decimals)));
}

export function statusWord(t: Timeline<EntityStatus>): string {
  return META_STATUS[currentValue(t)];
}

/** Meta's `call_to_action.type` words a link ad takes (a subset of Graph's CallToActionType enum). */
export const CALL_TO_ACTION_TYPES: readonly string[] = [
  'LEARN_MORE', 'SHOP_NOW', 'SIGN_UP', 'SUBSCRIBE', 'CONTACT_US', 'GET_OFFER', 'GET_QUOTE', 'BOOK_TRAVEL', 'APPLY_NOW', 'ORDER_NOW',
  'DOWNLOAD', 'WATCH_MORE', 'BUY_NOW', 'GET_DIRECTIONS', 'MESSAGE_PAGE', 'NO_BUTTON', 'OPEN_LINK', 'REQUEST_TIME', 'SEE_MORE', 'SEND_UPDATES',
];
