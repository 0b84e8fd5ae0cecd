import QRCode from 'qrcode';
import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { decryptSecret, encryptSecret } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import type { ClientInfo } from './auth.context.ts';
import { deleteRecoveryCodes, replaceRecoveryCodes, useRecoveryCode } from './recovery-codes.repository.ts';
import { assertPasswordConfirmed, rejectCode, reserveCodeAttempt } from './reauth.ts';
import { noticeMfaDisabled } from './security-notices.ts';
import { createRecoveryCodes, createTotpSecret, hashRecoveryCode, looksLikeTotp, totpUri, verifyTotp } from './totp.ts';
import { claimTotpStep, findUserById, updateUser, type UserRow } from './users.repository.ts';

export type SecondFactorMethod = 'totp' | 'recovery_code';

/** The secret is bound to its user: a value copied to another row does not decrypt. */
const secretAad = (userId: string) => `user:${userId}:mfa`;

async function requireUserRow(ctx: AppContext, userId: string): Promise<UserRow> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  return user;
}

/**
 * Checks a TOTP code (each time step accepted once) or, for anything not shaped like one, an
 * unused recovery code, consuming it. Returns the method used, or null. Runs inside `db`'s transaction.
 */
export async function checkSecondFactor(ctx: AppContext, db: Db, user: UserRow, code: string): Promise<SecondFactorMethod | null> {
  if (!user.mfaSecretEnc) return null;
  const now = ctx.clock.now();
  if (looksLikeTotp(code)) {
    const secret = decryptSecret(ctx.secretKey, user.mfaSecretEnc, secretAad(user.id));
    const step = await verifyTotp(secret, code, now, user.mfaLastStep);
    return step !== null && (await claimTotpStep(db, user.id, step)) ? 'totp' : null;
  }
  return (await useRecoveryCode(db, user.id, hashRecoveryCode(code), now)) ? 'recovery_code' : null;
}

export interface MfaSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

/** Starts enrolment with a new secret; MFA is on only after `enableMfa` proves the app has it. */
export async function setupMfa(ctx: AppContext, userId: string): Promise<MfaSetup> {
  const user = await requireUserRow(ctx, userId);
  if (user.mfaEnabledAt) throw new AppError('conflict', 'Two-factor authentication is already on. Turn it off first to set it up again.');
  const secret = createTotpSecret();
  await updateUser(ctx.db, user.id, { mfaSecretEnc: encryptSecret(ctx.secretKey, secret, secretAad(user.id)), mfaLastStep: null }, ctx.clock.now());
  const otpauthUrl = totpUri(secret, user.email);
  return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 1 }) };
}

/** Turns MFA on after a valid code from the set-up secret; returns the recovery codes (shown once). */
export async function enableMfa(ctx: AppContext, userId: string, code: string, client: ClientInfo, source: AuditSource): Promise<string[]> {
  const user = await requireUserRow(ctx, userId);
  if (user.mfaEnabledAt) throw new AppError('conflict', 'Two-factor authentication is already on');
  if (!user.mfaSecretEnc) throw new AppError('conflict', 'Start the set-up first (POST /me/mfa/setup)');
  const attempt = await reserveCodeAttempt(ctx, user, client);
  const codes = createRecoveryCodes();
  const done = await ctx.db.transaction(async (tx) => {
    // Only a TOTP code proves the app has the secret; recovery codes do not exist yet.
    if (!looksLikeTotp(code) || (await checkSecondFactor(ctx, tx, user, code)) !== 'totp') return false;
    const now = ctx.clock.now();
    await updateUser(tx, user.id, { mfaEnabledAt: now }, now);
    await replaceRecoveryCodes(tx, user.id, codes.map(hashRecoveryCode), now);
    await recordAudit(tx, source, { orgId: null, action: 'user.mfa_enabled', targetType: 'user', targetId: user.id });
    await attempt.succeeded(tx);
    return true;
  });
  if (!done) return rejectCode('code');
  return codes;
}

/** Turns MFA off; needs the password and a current code (TOTP or recovery). */
export async function disableMfa(
  ctx: AppContext,
  userId: string,
  input: { password: string; code: string },
  client: ClientInfo,
  source: AuditSource,
): Promise<void> {
  const user = await requireUserRow(ctx, userId);
  if (!user.mfaEnabledAt) throw new AppError('conflict', 'Two-factor authentication is not on');
  await assertPasswordConfirmed(ctx, user, input.password, client, 'password');
  const attempt = await reserveCodeAttempt(ctx, user, client);
  const done = await ctx.db.transaction(async (tx) => {
    if (!(await checkSecondFactor(ctx, tx, user, input.code))) return false;
    const now = ctx.clock.now();
    await updateUser(tx, user.id, { mfaEnabledAt: null, mfaSecretEnc: null, mfaLastStep: null }, now);
    await deleteRecoveryCodes(tx, user.id);
    await recordAudit(tx, source, { orgId: null, action: 'user.mfa_disabled', targetType: 'user', targetId: user.id });
    await noticeMfaDisabled(ctx, tx, user, client);
    await attempt.succeeded(tx);
    return true;
  });
  if (!done) rejectCode('code');
}
