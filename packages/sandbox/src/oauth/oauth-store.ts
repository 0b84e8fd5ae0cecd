import { randomBytes } from 'node:crypto';

/** A signed-in person of an identity provider (Google accounts, for OpenID Connect). */
export interface Identity {
  /** Stable per person: the same email always gets the same subject. */
  sub: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

/** What the person granted on the consent page. */
export interface Grant {
  clientId: string;
  accountIds: string[];
  scopes: string[];
  /** Who signed in, when the `openid` scope was granted. */
  identity?: Identity;
}

export interface AuthCode {
  code: string;
  grant: Grant;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
  /** Google `access_type=offline`: the exchange also issues a refresh token. */
  offline: boolean;
  codeChallenge: string | null;
  /** OpenID Connect: echoed into the id_token so the client can tie it to its request. */
  nonce?: string | null;
  /** Tokens issued from this code; revoked if the code is replayed. */
  issued: string[];
}

export interface TokenRecord {
  token: string;
  kind: 'access' | 'refresh';
  grant: Grant;
  /** null = never expires. */
  expiresAt: number | null;
  issuedAt: number;
  revoked: boolean;
  /** Meta: short-lived vs long-lived user token. */
  lifetime: 'short' | 'long' | 'none';
  /** The refresh token an access token came from (revoking the refresh token revokes it). */
  parent: string | null;
}

export type CodeProblem = 'unknown' | 'used' | 'expired' | 'client_mismatch' | 'redirect_mismatch';

/** Authorization codes and tokens of one platform. Times are simulated-clock milliseconds. */
export interface OAuthStore {
  issueCode(input: Omit<AuthCode, 'code' | 'used' | 'issued'>, prefix: string): AuthCode;
  redeemCode(code: string, clientId: string, redirectUri: string | null, now: number): AuthCode | CodeProblem;
  issueToken(input: Omit<TokenRecord, 'token' | 'revoked'>, prefix: string, from?: AuthCode): TokenRecord;
  find(token: string): TokenRecord | undefined;
  revoke(token: string): boolean;
  /** Revokes every token (of `accountId` when given). */
  revokeAll(accountId?: string): number;
  /** Every token issued, for the sandbox's state file (codes live minutes and are not kept). */
  exportTokens(): TokenRecord[];
  /** Takes back tokens from a state file. */
  importTokens(records: TokenRecord[]): void;
}

export function randomToken(prefix: string, bytes = 48): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

export function createOAuthStore(): OAuthStore {
  const codes = new Map<string, AuthCode>();
  const tokens = new Map<string, TokenRecord>();
  const revoke = (token: string): boolean => {
    const record = tokens.get(token);
    if (!record) return false;
    record.revoked = true;
    for (const child of tokens.values()) if (child.parent === token) child.revoked = true;
    return true;
  };
  return {
    issueCode(input, prefix) {
      const code: AuthCode = { ...input, code: randomToken(prefix, 24), used: false, issued: [] };
      codes.set(code.code, code);
      return code;
    },
    redeemCode(value, clientId, redirectUri, now) {
      const code = codes.get(value);
      if (!code) return 'unknown';
      if (code.used) {
        code.issued.forEach(revoke);
        return 'used';
      }
      if (now >= code.expiresAt) return 'expired';
      if (code.grant.clientId !== clientId) return 'client_mismatch';
      if (redirectUri !== null && code.redirectUri !== redirectUri) return 'redirect_mismatch';
      code.used = true;
      return code;
    },
    issueToken(input, prefix, from) {
      const record: TokenRecord = { ...input, token: randomToken(prefix), revoked: false };
      tokens.set(record.token, record);
      from?.issued.push(record.token);
      return record;
    },
    find: (token) => tokens.get(token),
    revoke,
    revokeAll(accountId) {
      let count = 0;
      for (const record of tokens.values()) {
        if (!record.revoked && (accountId === undefined || record.grant.accountIds.includes(accountId))) {
          record.revoked = true;
          count += 1;
        }
      }
      return count;
    },
    exportTokens: () => [...tokens.values()].map((record) => ({ ...record, grant: { ...record.grant, accountIds: [...record.grant.accountIds], scopes: [...record.grant.scopes] } })),
    importTokens(records) {
      for (const record of records) tokens.set(record.token, record);
    },
  };
}
