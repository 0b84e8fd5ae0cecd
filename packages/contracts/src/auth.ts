import { z } from 'zod';
import { Email, NewPassword, Password } from './common.ts';
import { ReportingCurrency, Role, TimeZone } from './orgs.ts';

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
  /** For that organisation; USD and UTC when not given. */
  reportingCurrency: ReportingCurrency.optional(),
  timeZone: TimeZone.optional(),
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
  /** ISO 3166-1 alpha-2 country the sign-in came from, placed by its IP; null when unknown. */
  country: z.string().length(2).nullable(),
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

/** Where to go after signing in with Google: a path inside the web app. */
// Not `//host` or `/\host`: browsers read both as another site.
const ReturnPath = z.string().max(500).regex(/^\/(?![/\\])/, 'Use a path inside Adloop, starting with /');

/** `intent=link`: a signed-in person links a Google account to their own (Settings → Security). */
export const GoogleStartQuery = z.strictObject({ redirect: ReturnPath.optional(), intent: z.enum(['sign_in', 'link']).optional() });
/** What Google sends back; other parameters it adds (authuser, hd, prompt) are ignored. */
export const GoogleCallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
});
export const GoogleSignInStatus = z.object({ enabled: z.boolean() });

/** A Google sign-in waiting for the existing account with the same email to confirm the link. */
export const GoogleLinkPending = z
  .object({ email: z.string(), accountEmail: z.string(), returnTo: z.string().nullable(), expiresAt: Timestamp })
  .meta({ id: 'GoogleLinkPending', description: '`email`: the Google account; `accountEmail`: the Adloop account it would sign in as.' });
export const GoogleLinkPasswordBody = z.strictObject({ password: Password });

export const LinkedIdentity = z
  .object({ id: z.uuid(), provider: z.literal('google'), email: z.string(), createdAt: Timestamp, lastUsedAt: Timestamp.nullable() })
  .meta({ id: 'LinkedIdentity' });
export type LinkedIdentity = z.infer<typeof LinkedIdentity>;
export const LinkedIdentityList = z.object({ items: z.array(LinkedIdentity) });
export const LinkedIdentityParams = z.strictObject({ identityId: z.uuid() });
export const GoogleLinkConfirmed = z.object({ email: z.string() });
