import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@adloop/sandbox';
import { tiktokToken } from '../../../../../packages/sandbox/src/testing/sandbox-test.helpers.ts';
import { testConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { systemClock } from '../../platform/clock.ts';
import { buildPlatformRegistry, createPlatformGateway, createRequestPacer, type PlatformGateway } from './platform-gateway.ts';

describe('platform requests paced one by one', () => {
  let sandbox: RunningSandbox;
  let gateway: PlatformGateway;
  let unpaced: PlatformGateway;
  let account: { platformAccountId: string; currency: string; timeZone: string };
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 21, clock: Date.parse('2026-06-15T12:00:00Z') });
    const config = testConfig();
    const pacer = createRequestPacer(config);
    gateway = createPlatformGateway(buildPlatformRegistry(config, sandbox.urls, systemClock, pacer), config, createLogger({ logLevel: 'silent' }), { pacer });
    unpaced = createPlatformGateway(buildPlatformRegistry(config, sandbox.urls, systemClock), config, createLogger({ logLevel: 'silent' }));
    const advertiser = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].find((a) => !a.isManager)!;
    account = { platformAccountId: advertiser.id, currency: advertiser.currency, timeZone: advertiser.timeZone };
    token = (await tiktokToken(sandbox.urls.tiktok, [advertiser.id])).access_token;
  });
  afterAll(async () => {
    gateway?.close();
    unpaced?.close();
    await sandbox?.close();
  });

  it('spends one token of the platform budget per HTTP request, not per adapter call', async () => {
    const scope = { orgId: 'org-a', platform: 'tiktok' as const, accountKey: account.platformAccountId };
    const first = (await gateway.call(scope, (a) => a.campaigns.listCampaigns({ accessToken: token }, account))).items[0]!;
    const before = gateway.limiter('tiktok').granted;
    // A status change is two requests: campaign/status/update, then campaign/get to read the result.
    const paused = await gateway.call(scope, (a) => a.campaigns.setStatus({ accessToken: token }, account, first.platformId, 'paused'));
    expect(paused.status).toBe('paused');
    expect(gateway.limiter('tiktok').granted - before).toBe(2);
    expect(gateway.stats().tiktok.calls).toBe(2);

    // Built without the pacer, the same call takes one token for both requests.
    const unpacedBefore = unpaced.limiter('tiktok').granted;
    await unpaced.call(scope, (a) => a.campaigns.setStatus({ accessToken: token }, account, first.platformId, 'active'));
    expect(unpaced.limiter('tiktok').granted - unpacedBefore).toBe(1);
  });

  it('does not hold back requests made outside a gateway call', async () => {
    const before = gateway.limiter('tiktok').granted;
    await gateway.registry.get('tiktok').campaigns.listCampaigns({ accessToken: token }, account);
    expect(gateway.limiter('tiktok').granted).toBe(before);
  });
});
