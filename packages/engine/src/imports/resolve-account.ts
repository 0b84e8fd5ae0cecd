import type { ImportAccount, RowIssue } from './types.ts';

export const PLATFORMS = ['google_ads', 'meta', 'tiktok'] as const;

/**
 * The account a row names in `account_id` (Adloop's id or the platform's account id, narrowed by
 * `platform`), among those the caller may work on. An account the caller cannot work on gets the
 * same answer as one that does not exist, so a file tells a member nothing about other accounts.
 */
export function resolveAccount(accounts: readonly ImportAccount[], accountText: string, platform: string | null): { ok: true; account: ImportAccount } | { ok: false; issue: RowIssue } {
  const text = accountText.trim();
  const matches = accounts.filter((a) => (a.id === text || a.platformAccountId === text) && (platform === null || a.platform === platform));
  const [only] = matches;
  if (matches.length === 1 && only) return only.unavailable ? { ok: false, issue: { column: 'account_id', message: only.unavailable } } : { ok: true, account: only };
  if (matches.length > 1) return { ok: false, issue: { column: 'platform', message: `account ${text} exists on several platforms: say which in the platform column` } };
  return { ok: false, issue: { column: 'account_id', message: `${text} is not an ad account you work on in Adloop` } };
}

/** The `platform` cell: empty, or one of the platform ids. */
export function parsePlatform(text: string | undefined): { ok: true; platform: string | null } | { ok: false; issue: RowIssue } {
  const value = (text ?? '').trim().toLowerCase();
  if (value === '') return { ok: true, platform: null };
  const found = PLATFORMS.find((p) => p === value || p.replace('_', ' ') === value || (p === 'google_ads' && value === 'google'));
  return found ? { ok: true, platform: found } : { ok: false, issue: { column: 'platform', message: `must be one of ${PLATFORMS.join(', ')}` } };
}
