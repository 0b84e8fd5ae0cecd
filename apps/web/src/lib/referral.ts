/**
 * A referral code from a referral link (`/sign-up?ref=CODE`). It survives the trip through sign-up
 * and e-mail verification in localStorage and goes with the organisation's first checkout.
 */
const KEY = 'adloop.referralCode';

export function rememberReferral(code: string): void {
  const clean = code.trim().toUpperCase();
  if (/^[A-Z0-9-]{3,40}$/.test(clean)) localStorage.setItem(KEY, clean);
}

export function rememberedReferral(): string | null {
  return localStorage.getItem(KEY);
}

export function forgetReferral(): void {
  localStorage.removeItem(KEY);
}
