/**
 * Response and request types of the API, inferred from the shared contract. Type-only imports:
 * the Zod schemas themselves never reach the browser bundle.
 */
import type { z } from 'zod';
import type * as c from '@adloop/contracts';

export type { FieldIssue, Role, ApiKeyScope } from '@adloop/contracts';
export type User = z.infer<typeof c.User>;
export type Me = z.infer<typeof c.MeResponse>;
export type MyOrganization = Me['organizations'][number];
export type SignInResult = z.infer<typeof c.SignInResponse>;
export type Session = z.infer<typeof c.SessionItem>;
export type MfaSetup = z.infer<typeof c.MfaSetupResponse>;
/**
 * The reporting currency and time zone arrive with the campaigns work; optional here so the page
 * keeps working against a server that does not send them yet.
 */
export type Organization = z.infer<typeof c.Organization> & Partial<{ reportingCurrency: string; timeZone: string }>;
export type Member = z.infer<typeof c.Member>;
export type Invitation = z.infer<typeof c.Invitation>;
export type InvitationPreview = z.infer<typeof c.InvitationPreview>;
export type AcceptInvitationResult = z.infer<typeof c.AcceptInvitationResponse>;
export type ApiKey = z.infer<typeof c.ApiKey>;
export type CreatedApiKey = z.infer<typeof c.CreateApiKeyResponse>;
export type AuditEntry = z.infer<typeof c.AuditEntry>;
export type MailboxMessage = z.infer<typeof c.MailboxMessage>;
export type Meta = z.infer<typeof c.MetaResponse>;
export type PlatformId = z.infer<typeof c.PlatformId>;
export type PlatformInfo = z.infer<typeof c.PlatformInfo>;
export type ConnectionsOverview = z.infer<typeof c.ConnectionsOverview>;
export type Connection = z.infer<typeof c.Connection>;
export type AdAccount = z.infer<typeof c.AdAccount>;
export type AccountHealth = z.infer<typeof c.AccountHealth>;
export type StartConnectResult = z.infer<typeof c.StartConnectResponse>;
export type SyncRun = z.infer<typeof c.SyncRun>;
export type MirroredCampaign = z.infer<typeof c.MirroredCampaign>;
export type Notification = z.infer<typeof c.Notification>;
export type NotificationPage = z.infer<typeof c.NotificationPage>;
export type EntityStatus = z.infer<typeof c.EntityStatus>;
export type Kpis = z.infer<typeof c.Kpis>;
export type Dashboard = z.infer<typeof c.Dashboard>;
export type TopMovers = z.infer<typeof c.TopMovers>;
export type Freshness = z.infer<typeof c.Freshness>;
export type DashboardFreshness = z.infer<typeof c.DashboardFreshness>;
export type CampaignSort = (typeof c.CAMPAIGN_SORTS)[number];
export type CampaignRow = z.infer<typeof c.CampaignRow>;
export type CampaignTable = z.infer<typeof c.CampaignTable>;
export type CampaignDetail = z.infer<typeof c.CampaignDetail>;
export type ChangeAction = z.infer<typeof c.ChangeAction>;
export type RequestedChange = z.input<typeof c.RequestedChange>;
export type CampaignChange = z.infer<typeof c.CampaignChange>;
export type ChangeState = z.infer<typeof c.ChangeState>;
export type ActorType = z.infer<typeof c.ActorType>;
export type GuardrailVerdict = z.infer<typeof c.GuardrailVerdict>;
export type ApprovalPolicy = z.infer<typeof c.ApprovalPolicy>;
export type GuardrailSettings = z.infer<typeof c.GuardrailSettings>;
export type ChangeSettings = z.infer<typeof c.ChangeSettings>;
export type ChangeSettingsBody = z.input<typeof c.ChangeSettingsBody>;
export type AutomationState = z.infer<typeof c.AutomationState>;
export type ApproveBody = z.input<typeof c.ApproveBody>;
export type RejectBody = z.input<typeof c.RejectBody>;
export type CreationOptions = z.infer<typeof c.CreationOptions>;
export type PlatformCreationOptions = CreationOptions['platforms'][number];
export type NewCampaignBody = z.input<typeof c.NewCampaignBody>;
export type AdAccountAssets = z.infer<typeof c.AdAccountAssets>;
/** The account's choices per asset kind the platform's ads use (absent kinds: not used). */
export type AssetChoices = AdAccountAssets['assets'];
export type AdAssetKind = keyof AssetChoices;
export type AdAssetChoice = z.infer<typeof c.AdAssetChoice>;
export type CreatedCampaign = z.infer<typeof c.CreatedCampaignResponse>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const ROLES = ['owner', 'admin', 'manager', 'member', 'viewer'] as const;
