import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { DEFAULT_SETTINGS } from '../../sandbox-options.ts';
import { at, REDIRECT, submitConsent, TEST_START } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let token: string;
let harbor: string;
let northwind: string;
const s = DEFAULT_SETTINGS.meta;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START });
  const accounts = [...sandbox.simulator.world().platforms.meta.accounts.values()];
  harbor = accounts.find((a) => a.name === 'Harbor Coffee UK')?.id ?? '';
  northwind = accounts.find((a) => a.name === 'Northwind Outdoor – Meta')?.id ?? '';
  const m = sandbox.urls.meta;
  const back = await submitConsent(`${m}/v25.0/dialog/oauth`, { client_id: s.appId, redirect_uri: REDIRECT, state: 'st', scope: 'ads_management' }, [harbor, northwind], 'allow');
  const exchange = await fetch(`${m}/v25.0/oauth/access_token?client_id=${s.appId}&client_secret=${s.appSecret}&redirect_uri=${encodeURIComponent(REDIRECT)}&code=${back.searchParams.get('code') ?? ''}`);
  token = String(at(await exchange.json(), 'access_token'));
});
afterAll(async () => sandbox.close());

describe('Meta sandbox: promote_pages', () => {
  it('lists each account’s Pages with cursor paging to the end', async () => {
    const names: string[] = [];
    let next: string | null = `${sandbox.urls.meta}/v25.0/act_${harbor}/promote_pages?fields=id,name&limit=1&access_token=${token}`;
    let pages = 0;
    while (next) {
      const body: unknown = await (await fetch(next)).json();
      const data = at(body, 'data');
      if (!Array.isArray(data)) throw new Error(JSON.stringify(body));
      names.push(...data.map((p) => String(at(p, 'name'))));
      const link = at(body, 'paging', 'next');
      next = typeof link === 'string' ? link : null;
      pages += 1;
    }
    expect(names).toEqual(['Harbor Coffee UK', 'Harbor Coffee Roastery']);
    // Two full pages of one, then the empty page a full page links to.
    expect(pages).toBe(3);
    const single: unknown = await (await fetch(`${sandbox.urls.meta}/v25.0/act_${northwind}/promote_pages?access_token=${token}`)).json();
    expect(at(single, 'data')).toEqual([{ id: expect.stringMatching(/^1\d{14}$/), name: 'Northwind Outdoor' }]);
  });
});
