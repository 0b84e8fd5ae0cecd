import { z } from 'zod';
import { Email, PageQuery, page } from './common.ts';

/** Roles a member can hold, most powerful first. Mirrors `ROLES` in @adloop/db. */
/** Manager approves proposals and launches and manages rules; a member works only on the ad accounts assigned to them. */
export const Role = z.enum(['owner', 'admin', 'manager', 'member', 'viewer']);
export type Role = z.infer<typeof Role>;

export const ApiKeyScope = z.enum(['read', 'read_write']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

const Timestamp = z.iso.datetime({ offset: true });
const OrgName = z.string().trim().min(1, 'Enter a name').max(100, 'Use at most 100 characters');

// ---- Organisations ----------------------------------------------------------------------------

/** ISO 4217 codes in use, as the runtime's Intl knows them; a bare pattern where it cannot list them. */
const isoCurrencies: ReadonlySet<string> | null = (() => {
  try {
    return new Set(Intl.supportedValuesOf('currency'));
  } catch {
    return null;
  }
})();

/** An ISO 4217 code in use, upper case. */
export const ReportingCurrency = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && (!isoCurrencies || isoCurrencies.has(code)), 'Choose a currency by its ISO 4217 code, like USD or EUR');

/** An IANA zone name ("Europe/Berlin", "UTC"); fixed offsets such as "+01:00" are refused. */
export const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    if (!/^[A-Za-z][\w+-]*(\/[\w+-]+)*$/.test(zone)) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Choose a time zone by its IANA name, like Europe/Berlin');

/** Reporting currency and time zone are optional for API callers (USD and UTC then); the web app always asks. */
export const CreateOrgBody = z.strictObject({ name: OrgName, reportingCurrency: ReportingCurrency.optional(), timeZone: TimeZone.optional() });
export type CreateOrgBody = z.infer<typeof CreateOrgBody>;

export const UpdateOrgBody = z
  .strictObject({ name: OrgName.optional(), requireMfa: z.boolean().optional(), reportingCurrency: ReportingCurrency.optional(), timeZone: TimeZone.optional() })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: 'Send at least one of name, requireMfa, reportingCurrency, timeZone' });

export const Organization = z
  .object({
    id: z.uuid(),
    name: z.string(),
    requireMfa: z.boolean(),
    reportingCurrency: z.string(),
    timeZone: z.string(),
    createdAt: Timestamp,
    /** The caller's role; null when the caller is an API key. */
    role: Role.nullable(),
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

// ---- Members ----------------------------------------------------------------------------------

export const MemberParams = z.strictObject({ orgId: z.uuid(), userId: z.uuid() });
export const UpdateMemberBody = z.strictObject({ role: Role });

export const Member = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: Role,
    mfaEnabled: z.boolean(),
    joinedAt: Timestamp,
    /** The ad accounts a `member` works on (possibly none); null for every other role, which sees every account. */
    adAccountIds: z.array(z.uuid()).nullable(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;
/** Members are sorted by email. */
export const MemberPage = page(Member);

/** The whole set of ad accounts a member works on; replaces the previous set. */
export const SetMemberAdAccountsBody = z.strictObject({
  adAccountIds: z.array(z.uuid()).max(1000, 'Assign at most 1000 ad accounts'),
});
export const MemberAdAccounts = z
  .object({ userId: z.uuid(), adAccountIds: z.array(z.uuid()) })
  .meta({ id: 'MemberAdAccounts' });
export type MemberAdAccounts = z.infer<typeof MemberAdAccounts>;

// ---- Invitations ------------------------------------------------------------------------------

export const InvitationStatus = z.enum(['valid', 'expired', 'used', 'revoked']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const InvitationParams = z.strictObject({ orgId: z.uuid(), invitationId: z.uuid() });
export const TokenParams = z.strictObject({ token: z.string().min(1).max(200) });
export const CreateInvitationBody = z.strictObject({ email: Email, role: Role });
export const AcceptInvitationBody = z.strictObject({ token: z.string().min(1).max(200) });

export const Invitation = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: Role,
    status: InvitationStatus,
    invitedBy: z.object({ id: z.uuid(), email: z.string(), name: z.string() }).nullable(),
    expiresAt: Timestamp,
    createdAt: Timestamp,
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;
/** Pending (not accepted, not revoked) invitations sorted by email; expired ones show status `expired`. */
export const InvitationPage = page(Invitation);

/** What someone holding an invitation link may see before accepting it. */
export const InvitationPreview = z
  .object({
    organization: z.object({ id: z.uuid(), name: z.string() }),
    inviter: z.object({ name: z.string(), email: z.string() }).nullable(),
    email: z.string(),
    role: Role,
    status: InvitationStatus,
    expiresAt: Timestamp,
  })
  .meta({ id: 'InvitationPreview' });

export const AcceptInvitationResponse = z.object({
  organization: z.object({ id: z.uuid(), name: z.string() }),
  role: Role,
});

// ---- API keys ---------------------------------------------------------------------------------

export const ApiKeyParams = z.strictObject({ orgId: z.uuid(), keyId: z.uuid() });
export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(100, 'Use at most 100 characters'),
  scope: ApiKeyScope,
});

export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scope: ApiKeyScope,
    /** First characters of the secret, to tell keys apart. */
    prefix: z.string(),
    createdBy: z.uuid().nullable(),
    lastUsedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;
/** Active (not revoked) keys, newest first. */
export const ApiKeyPage = page(ApiKey);
/** `secret` is shown in this response only; it cannot be retrieved later. */
export const CreateApiKeyResponse = z.object({ apiKey: ApiKey, secret: z.string() });

export const ListQuery = PageQuery;
