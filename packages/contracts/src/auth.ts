import { z } from 'zod';
import { Email, NewPassword, Password } from './common.ts';
import { Role } from './orgs.ts';

/** Single-use tokens from email links (random base64url, 43 characters today). */
const LinkToken = z.string().trim().min(16, 'This link is incomplete').max(200);
const PersonName = z.string().trim().min(1, 'Enter your name').max(100, 'Use at most 100 characters');
/** A 6-digit authenticator code or a recovery code (`xxxxx-xxxxx`). */
const MfaCode = z.string().trim().min(6, 'Enter the 6-digit code').max(32);
const Timestamp = z.iso.datetime({ offset: true });

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    emailVerified: z.boolean(),
    mfaEnabled: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserResponse = z.object({ user: User });

export const SignUpBody = z.strictObject({
  email: Email,
  password: NewPassword,
  name: PersonName,
  /** When given and not blank, an organisation is created with the new user as owner. */
  organizationName: z.string().trim().max(100, 'Use at most 100 characters').optional(),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

export const TokenBody = z.strictObject({ token: LinkToken });
export const EmailBody = z.strictObject({ email: Email });

export const SignInBody = z.strictObject({ email: Email, password: Password });
export const SignInResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), user: User }),
  z.object({ status: z.literal('mfa_required') }),
]);
export type SignInResponse = z.infer<typeof SignInResponse>;

export const MfaSignInBody = z.strictObject({ code: MfaCode });
export const SignedInResponse = z.object({ status: z.literal('signed_in'), user: User });

export const ResetPasswordBody = z.strictObject({ token: LinkToken, password: NewPassword });

export const MeResponse = z.object({
  user: User,
  organizations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      role: Role,
      requireMfa: z.boolean(),
    }),
  ),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const UpdateMeBody = z.strictObject({ name: PersonName });
export const ChangePasswordBody = z.strictObject({ currentPassword: Password, newPassword: NewPassword });
export const ChangeEmailBody = z.strictObject({ newEmail: Email, password: Password });

export const SessionItem = z.object({
  id: z.uuid(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  /** True for the session that made this request. */
  current: z.boolean(),
});
export const SessionList = z.object({ items: z.array(SessionItem) });
export const SessionParams = z.strictObject({ sessionId: z.uuid() });

export const MfaSetupResponse = z.object({
  /** Base32 secret, for people who type it in instead of scanning. */
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string(),
});
export const MfaEnableBody = z.strictObject({ code: MfaCode });
export const MfaEnableResponse = z.object({ recoveryCodes: z.array(z.string()).length(10) });
export const MfaDisableBody = z.strictObject({ password: Password, code: MfaCode });
