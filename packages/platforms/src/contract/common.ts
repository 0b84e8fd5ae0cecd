/** Words every part of the ad-platform contract shares: platform ids, statuses, money, pages, which account a call is about. */
export type PlatformId = 'google_ads' | 'meta' | 'tiktok';

/** One status vocabulary for every platform. */
export type EntityStatus = 'active' | 'paused' | 'removed' | 'archived';

export interface Money {
  /** Integer micros: 1 currency unit = 1,000,000. */
  micros: number;
  currency: string;
}

/** Which account a call is about, with what it needs to address it. */
export interface AccountRef {
  platformAccountId: string;
  managerId?: string | undefined;
  currency: string;
  timeZone: string;
}
