import { createHash, randomBytes } from 'node:crypto';
import type { PlatformId } from '@adloop/contracts';
import { submitConsentForm, type RunningSandbox } from '@adloop/sandbox';
import type { AppContext } from '../../platform/context.ts';
import { systemSource } from '../audit/audit.writer.ts';
import { callbackUrl, recordConnection, selectAccounts } from '../connections/connections.service.ts';
import { createConnectionsRepository } from '../connections/connections.repository.ts';

const SIM_PLATFORM = { google_ads: 'google', meta: 'meta', tiktok: 'tiktok' } as const;
/** Accounts the demo adds per platform: enough for several currencies and time zones, quick to sync. */
const DEMO_ACCOUNTS_PER_PLATFORM = 2;

/**
 * Sandbox mode, first start only: connects the demo organisation to the three sandboxes the way a
 * person would (consent page → code → token exchange), adds two accounts of each, and lets their
 * first syncs run, so the demo sign-in opens on a dashboard with numbers. Returns the platforms
 * connected; a platform that fails is skipped (the person can still connect it by hand).
 */
export async function connectDemoSandboxes(ctx: AppContext, sandbox: RunningSandbox, demo: { userId: string; orgId: string; email: string }): Promise<PlatformId[]> {
  const source = systemSource('demo seed');
  const access = { actor: { kind: 'user' as const, userId: demo.userId, sessionId: '', email: demo.email, mfaEnabled: false }, orgId: demo.orgId, role: 'owner' as const, accountIds: null };
  const connected: PlatformId[] = [];
  for (const platform of ['google_ads', 'meta', 'tiktok'] as const) {
    if (!ctx.platforms.registry.has(platform)) continue;
    try {
      const adapter = ctx.platforms.registry.get(platform);
      const accounts = [...sandbox.simulator.world().platforms[SIM_PLATFORM[platform]].accounts.values()];
      // Google clients under a manager are reached through it, so the manager is granted with them.
      const grant = accounts.map((a) => a.id);
      const verifier = adapter.capabilities.supportsPkce ? randomBytes(48).toString('base64url') : undefined;
      const authorizeUrl = adapter.oauth.authorizeUrl({
        state: randomBytes(16).toString('base64url'),
        redirectUri: callbackUrl(ctx, platform),
        codeChallenge: verifier ? createHash('sha256').update(verifier).digest('base64url') : undefined,
      });
      const { code, error } = await submitConsentForm(authorizeUrl, grant, 'allow');
      if (!code) throw new Error(`the sandbox's consent page answered ${error ?? 'without a code'}`);
      const scope = { orgId: demo.orgId, platform, accountKey: 'oauth' };
      const tokens = await ctx.platforms.call(scope, (a) => a.oauth.exchangeCode({ code, redirectUri: callbackUrl(ctx, platform), codeVerifier: verifier }));
      const granted = await ctx.platforms.call(scope, (a) => a.accounts.list(tokens));
      const connectionId = await recordConnection(ctx, source, { orgId: demo.orgId, userId: demo.userId, platform, tokens, granted });
      const rows = await createConnectionsRepository(ctx.db).listAccounts(demo.orgId, [connectionId]);
      const picked = rows
        .filter((a) => !a.isManager)
        .sort((x, y) => x.platformAccountId.localeCompare(y.platformAccountId))
        .slice(0, DEMO_ACCOUNTS_PER_PLATFORM)
        .map((a) => a.id);
      await selectAccounts(ctx, access, source, connectionId, picked);
      connected.push(platform);
    } catch (error) {
      ctx.logger.warn({ err: error, platform }, 'could not connect the demo organisation to this sandbox; connect it by hand');
    }
  }
  return connected;
}
