import type { CampaignChange, CampaignRow } from '@adloop/contracts';
import { eventually } from '../../setup/connect-helpers.ts';
import type { OrgWithTeam } from '../../setup/org-helpers.ts';

/**
 * What the change-pipeline tests share: the organisation's API, its owner's client, its campaigns, a
 * fresh campaign per test, a change read back or polled until it settles, and a daily-budget change.
 * `org` is read on each call, so the file's beforeAll may create the organisation after this is called.
 */
export function changePipelineHelpers(org: () => OrgWithTeam) {
  const api = (path: string) => `/api/v1/orgs/${org().orgId}${path}`;
  const owner = () => org().team.owner.client;
  const campaigns = async () => (await owner().get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
  /** A different campaign with a daily budget for each test, so one test's changes never make another's stale. */
  const used = new Set<string>();
  const freshCampaign = async (): Promise<CampaignRow> => {
    const found = (await campaigns()).find((c) => !used.has(c.id) && c.dailyBudgetMicros !== null && c.dailyBudgetMicros >= 10_000_000 && (c.status === 'active' || c.status === 'paused'));
    if (!found) throw new Error('no campaign left with a daily budget');
    used.add(found.id);
    return found;
  };
  const change = async (id: string) => (await owner().get<CampaignChange>(api(`/campaign-changes/${id}`))).body;
  const settled = (id: string) => eventually(async () => ((await change(id)).state === 'pending' ? null : change(id)), 60_000, 'change to settle');
  /** A daily-budget change expecting the budget last seen (the campaign's own unless told). */
  const budgetChange = (c: CampaignRow, amountMicros: number, seen = c.dailyBudgetMicros) => ({ campaignId: c.id, action: 'set_daily_budget' as const, amountMicros, expected: { dailyBudgetMicros: seen } });
  return { api, owner, campaigns, freshCampaign, change, settled, budgetChange };
}
