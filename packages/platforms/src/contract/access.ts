/** OAuth tokens and the ad accounts a grant reaches. */
import type { EntityStatus } from './common.ts';

export interface TokenSet {
  accessToken: string;
  /** Absent where the platform has no refresh tokens. */
  refreshToken?: string | undefined;
  /** When the access token stops working; absent when it never expires. */
  expiresAt?: Date | undefined;
  scopes?: string[] | undefined;
}

export interface AuthorizeRequest {
  state: string;
  redirectUri: string;
  /** PKCE S256 challenge, when capabilities.supportsPkce. */
  codeChallenge?: string | undefined;
}

export interface OAuthApi {
  authorizeUrl(request: AuthorizeRequest): string;
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier?: string | undefined }): Promise<TokenSet>;
  /** Refreshes (Google) or extends (Meta long-lived exchange) a token; throws `invalid_request` where unsupported. */
  refresh(tokens: TokenSet): Promise<TokenSet>;
  revoke(tokens: TokenSet): Promise<void>;
  /** Checks the token still works (e.g. TikTok revocation, Meta debug_token). */
  inspect(tokens: TokenSet): Promise<{ valid: boolean; expiresAt?: Date | undefined }>;
}

export interface AdAccount {
  platformAccountId: string;
  name: string;
  currency: string;
  timeZone: string;
  /** Manager accounts hold other accounts and cannot be queried for metrics themselves. */
  isManager: boolean;
  /** For a client under a manager: the manager's id (sent as login-customer-id on Google). */
  managerId?: string | undefined;
  status: EntityStatus;
}

export interface AccountsApi {
  list(tokens: TokenSet): Promise<AdAccount[]>;
}
