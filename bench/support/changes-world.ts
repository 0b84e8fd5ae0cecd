/**
 * A bigger sandbox world for the changes benchmark. The seeded world has three campaigns per
 * account and eleven advertiser accounts; the benchmark needs ~1,000 campaigns with a daily
 * campaign budget. It adds copies of the seeded campaigns that have one (same account, same
 * platform attributes, a budget of their own, enabled) with the simulator's own world mutations
 * and API-style ids, as if the advertiser had created them on the platform before connecting.
 * No ad groups or ads: a campaign budget change touches neither.
 */
import type { RunningSandbox } from '@adloop/sandbox';
import { addBudget, addCampaign } from '../../packages/sandbox/src/simulator/world-mutations.ts';
import { nextCreatedId } from '../../packages/sandbox/src/simulator/world-ids.ts';
import { PLATFORM_IDS, type Campaign, type PlatformWorld } from '../../packages/sandbox/src/simulator/world.types.ts';

/** The sandbox's platform ids of the added campaigns, one list for all platforms. */
export function widenWorld(sandbox: RunningSandbox, campaigns: number): string[] {
  const sim = sandbox.simulator;
  const now = sim.clock.now();
  const templates: Array<{ world: PlatformWorld; campaign: Campaign; budgetMicros: number }> = [];
  for (const platform of PLATFORM_IDS) {
    const world = sim.world().platforms[platform];
    for (const campaign of world.campaigns.values()) {
      const budget = campaign.budgetId ? world.budgets.get(campaign.budgetId) : undefined;
      const account = world.accounts.get(campaign.accountId);
      const amount = budget?.amountMicros.points.at(-1)?.value;
      if (!budget || !account || account.isManager || amount === undefined || amount <= 0) continue;
      // Whole currency units: a seeded budget that moved in its history can be between a currency's steps.
      templates.push({ world, campaign, budgetMicros: Math.max(1, Math.round(amount / 1e6)) * 1e6 });
    }
  }
  if (templates.length === 0) throw new Error('the sandbox world has no campaign with a campaign budget to copy');
  const added: string[] = [];
  for (let i = 0; i < campaigns; i++) {
    const { world, campaign, budgetMicros } = templates[i % templates.length]!;
    const template = world.budgets.get(campaign.budgetId!)!;
    const budget = addBudget(world, { id: nextCreatedId(sim.seed, world, 'budget'), accountId: campaign.accountId, name: `Bench budget ${i + 1}`, amountMicros: budgetMicros, attrs: { ...template.attrs } }, now);
    const copy = addCampaign(
      sim.seed,
      world,
      { id: nextCreatedId(sim.seed, world, 'campaign'), accountId: campaign.accountId, name: `${campaign.name} · bench ${i + 1}`, status: 'ENABLED', budgetId: budget.id, referenceBudgetMicros: budgetMicros, attrs: { ...campaign.attrs } },
      now,
    );
    added.push(copy.id);
  }
  return added;
}
