import type { AppContext } from '../../platform/context.ts';
import { reserveAttempt, type AttemptLimits } from './throttle.ts';

/**
 * Requests that make Adloop email someone (sign-up, a new verification link, a reset link). Counted
 * per recipient so nobody's inbox can be flooded, and per IP to cap address spraying. Unknown and
 * known addresses count alike, so a refusal reveals nothing.
 */
export const EMAIL_REQUEST_LIMITS: AttemptLimits = {
  perEmail: 5,
  perIp: 200,
  refusal: 'Too many emails were asked for.',
};

/** Throws 429 rate_limited when the address or the IP asked for too many emails in the last 15 minutes. */
export async function reserveEmailRequest(ctx: AppContext, email: string, ip: string): Promise<void> {
  // Own keys in the attempts table: these never count toward sign-in limits, nor sign-ins toward these.
  await reserveAttempt(ctx.db, ctx.clock, { email: `mail:${email.trim().toLowerCase()}`, ip: `mail:${ip}` }, EMAIL_REQUEST_LIMITS);
}

/** Long enough for the answer to have left before the work competes with it for the process. */
const AFTER_ANSWER_MS = 25;

/**
 * Runs the work of an always-202 request after the answer is sent, so a known and an unknown
 * address take the same time to answer (the work differs: a token and an email, or nothing).
 */
export function runAfterAnswer(ctx: AppContext, what: string, work: () => Promise<void>): void {
  setTimeout(() => {
    work().catch((error: unknown) => ctx.logger.error({ err: error, what }, 'email request failed after answering'));
  }, AFTER_ANSWER_MS);
}
