/**
 * Where to go after signing in. A path survives the trip through an emailed link (sign up →
 * verify → sign in) in localStorage; only same-origin paths are ever followed.
 */
const KEY = 'adloop.returnTo';
const LAST_ORG = 'adloop.lastOrg';

export function isSafePath(path: unknown): path is string {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

export function rememberReturnTo(path: string): void {
  if (isSafePath(path)) localStorage.setItem(KEY, path);
}

export function takeReturnTo(): string | null {
  const path = localStorage.getItem(KEY);
  localStorage.removeItem(KEY);
  return isSafePath(path) ? path : null;
}

export function forgetReturnTo(): void {
  localStorage.removeItem(KEY);
}

export function rememberLastOrg(orgId: string): void {
  localStorage.setItem(LAST_ORG, orgId);
}

export function lastOrg(): string | null {
  return localStorage.getItem(LAST_ORG);
}
