import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { at, googleTokens, postJson, TEST_START, tiktokGet, tiktokToken } from '../testing/sandbox-test.helpers.ts';
import { DEFAULT_SETTINGS } from '../sandbox-options.ts';
import { startSandbox } from './start-sandbox.ts';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const list = (body: unknown): unknown[] => {
  const l = at(body, 'data', 'list');
  return Array.isArray(l) ? l : [];
};

describe('sandbox state file', () => {
  it('keeps campaigns as the APIs changed them, created ones and issued tokens across a restart', async () => {
    const file = join(dir, 'state.json');
    const first = await startSandbox({ seed: 11, clock: TEST_START, stateFile: file });
    expect(first.state).toBe('fresh');
    const advertiser = [...first.simulator.world().platforms.tiktok.accounts.values()].find((a) => !a.isManager && a.currency === 'USD')!.id;
    const token = (await tiktokToken(first.urls.tiktok, [advertiser])).access_token;
    const post = async (base: string, path: string, body: Record<string, unknown>) => (await postJson(`${base}/open_api/v1.3/${path}`, body, { 'Access-Token': token })).body;
    const campaigns = list(await tiktokGet(first.urls.tiktok, 'campaign/get/', token, { advertiser_id: advertiser }));
    const paused = String(at(campaigns.find((c) => at(c, 'operation_status') === 'ENABLE'), 'campaign_id'));
    expect(at(await post(first.urls.tiktok, 'campaign/status/update/', { advertiser_id: advertiser, campaign_ids: [paused], operation_status: 'DISABLE' }), 'code')).toBe(0);
    const created = await post(first.urls.tiktok, 'campaign/create/', { advertiser_id: advertiser, campaign_name: 'Made before the restart', objective_type: 'TRAFFIC', budget_mode: 'BUDGET_MODE_DAY', budget: 75 });
    const createdId = String(at(created, 'data', 'campaign_id'));
    const google = [...first.simulator.world().platforms.google.accounts.values()].find((a) => !a.isManager && !a.managerId)!.id;
    const { access_token: googleToken, refresh_token: refreshToken } = await googleTokens(first.urls.googleAds, [google]);
    await first.close();
    expect(existsSync(file)).toBe(true);

    // A new process: other ports, the same data folder.
    const second = await startSandbox({ seed: 11, clock: TEST_START + 60_000, stateFile: file });
    try {
      expect(second.state).toBe('restored');
      const after = list(await tiktokGet(second.urls.tiktok, 'campaign/get/', token, { advertiser_id: advertiser }));
      expect(at(after.find((c) => String(at(c, 'campaign_id')) === paused), 'operation_status')).toBe('DISABLE');
      const made = after.find((c) => String(at(c, 'campaign_id')) === createdId);
      expect(at(made, 'campaign_name')).toBe('Made before the restart');
      expect(at(made, 'budget')).toBe(75);
      // The Google token still opens the account; a token never issued does not.
      const search = (bearer: string) =>
        postJson(`${second.urls.googleAds}/v21/customers/${google}/googleAds:search`, { query: 'SELECT campaign.id FROM campaign' }, { authorization: `Bearer ${bearer}` });
      expect((await search(googleToken)).status).toBe(200);
      expect((await search('ya29.never-issued')).status).toBe(401);
      // An hour on, the access token has expired; the refresh token kept from before the restart gets a new one.
      second.simulator.clock.advance(3_600_000);
      expect((await search(googleToken)).status).toBe(401);
      const settings = DEFAULT_SETTINGS.google;
      const refreshed = await fetch(`${second.urls.googleAds}/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: settings.clientId, client_secret: settings.clientSecret }),
      });
      expect(refreshed.status).toBe(200);
      expect((await search(String(at(await refreshed.json(), 'access_token')))).status).toBe(200);
      // The next object created gets a new id, not one handed out before the restart.
      const next = await post(second.urls.tiktok, 'campaign/create/', { advertiser_id: advertiser, campaign_name: 'Made after', objective_type: 'TRAFFIC', budget_mode: 'BUDGET_MODE_DAY', budget: 80 });
      expect(String(at(next, 'data', 'campaign_id'))).not.toBe(createdId);
    } finally {
      await second.close();
    }
  });

  it('starts a fresh world for another seed, and moves an unreadable file aside', async () => {
    const file = join(dir, 'other.json');
    const first = await startSandbox({ seed: 12, clock: TEST_START, stateFile: file });
    await first.close();
    const otherSeed = await startSandbox({ seed: 13, clock: TEST_START, stateFile: file });
    expect(otherSeed.state).toBe('fresh');
    expect(otherSeed.simulator.world().seed).toBe(13);
    await otherSeed.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).seed).toBe(13);

    writeFileSync(file, '{"format": 1, "seed": 13, "wor');
    const afterDamage = await startSandbox({ seed: 13, clock: TEST_START, stateFile: file });
    try {
      expect(afterDamage.state).toBe('unreadable');
      expect(existsSync(`${file}.unreadable`)).toBe(true);
      expect(afterDamage.simulator.world().platforms.tiktok.campaigns.size).toBeGreaterThan(0);
    } finally {
      await afterDamage.close();
    }
  });
});
