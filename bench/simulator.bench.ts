/**
 * Ad-market simulator: time to generate one year of hourly metrics for 1,000 campaigns (one ad
 * each) through the simulator's own API, and the rate of paged report reads over HTTP: Google Ads
 * `googleAds:search` pages of hourly rows, and TikTok `report/integrated/get/` pages of daily ad rows.
 * Prints `simulator campaigns= hours= ad_hours= gen_s= rows_per_s= report_rps= rows_per_page= tiktok_report_rps= tiktok_rows_per_page=`.
 */
import { startSandbox } from '@adloop/sandbox';
import { createSimulator } from '../packages/sandbox/src/simulator/simulator.ts';
import { createSimClock } from '../packages/sandbox/src/simulator/sim-clock.ts';
import { addAd, addAdGroup, addBudget, addCampaign } from '../packages/sandbox/src/simulator/world-mutations.ts';
import { addDays } from '@adloop/engine';
import { currentValue } from '../packages/sandbox/src/simulator/timeline.ts';
import { googleTokens, tiktokToken } from '../packages/sandbox/src/testing/sandbox-test.helpers.ts';

const CAMPAIGNS = 1000;
const DAYS = 365;
const START = Date.parse('2026-06-15T12:00:00Z');
const DAY_MS = 86_400_000;

function generateYear(): { seconds: number; hours: number } {
  const sim = createSimulator({ seed: 11, clock: createSimClock({ start: START }) });
  const world = sim.world().platforms.google;
  const account = [...world.accounts.values()].find((a) => !a.isManager);
  if (!account) throw new Error('no client account in the seeded world');
  const createdAt = START - (DAYS + 10) * DAY_MS;
  const campaigns = [];
  for (let i = 0; i < CAMPAIGNS; i++) {
    const budget = addBudget(world, { id: `b${i}`, accountId: account.id, name: `Budget ${i}`, amountMicros: (20 + (i % 80)) * 1e6 }, createdAt);
    const campaign = addCampaign(sim.seed, world, { id: `c${i}`, accountId: account.id, name: `Bench ${i}`, status: 'ENABLED', budgetId: budget.id, referenceBudgetMicros: currentValue(budget.amountMicros), attrs: {} }, createdAt);
    addAdGroup(world, { id: `g${i}`, campaignId: campaign.id, name: `Group ${i}`, status: 'ENABLED', budgetId: null, attrs: {} }, createdAt);
    addAd(world, { id: `a${i}`, adGroupId: `g${i}`, name: `Ad ${i}`, status: 'ENABLED', attrs: {} }, createdAt);
    campaigns.push(campaign);
  }
  const lastDay = new Date(START - DAY_MS).toISOString().slice(0, 10);
  const started = performance.now();
  let hours = 0; // ad-hour facts (one campaign here has one ad)
  for (const campaign of campaigns) {
    for (let d = DAYS - 1; d >= 0; d--) {
      const day = sim.engine.campaignDay(world, campaign, addDays(lastDay, -d));
      hours += day.facts.length;
    }
  }
  return { seconds: (performance.now() - started) / 1000, hours };
}

async function reportReads(): Promise<{ pages: number; rps: number; rowsPerPage: number }> {
  const sandbox = await startSandbox({ seed: 7, clock: START });
  try {
    const accounts = [...sandbox.simulator.world().platforms.google.accounts.values()];
    const direct = accounts.find((a) => !a.isManager && a.managerId === null);
    if (!direct) throw new Error('no direct client account');
    const { access_token: token } = await googleTokens(sandbox.urls.googleAds, [direct.id]);
    const url = `${sandbox.urls.googleAds}/v21/customers/${direct.id}/googleAds:search`;
    const query = "SELECT campaign.id, segments.date, segments.hour, metrics.impressions, metrics.clicks, metrics.cost_micros FROM campaign WHERE segments.date BETWEEN '2026-05-01' AND '2026-06-10'";
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let pages = 0;
    let rows = 0;
    const deadline = performance.now() + 5000;
    const started = performance.now();
    while (performance.now() < deadline) {
      let pageToken: string | undefined;
      do {
        const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(pageToken ? { query, pageToken } : { query }) });
        const body = (await response.json()) as { results?: unknown[]; nextPageToken?: string };
        if (!response.ok) throw new Error(`search answered ${response.status}`);
        rows += body.results?.length ?? 0;
        pages += 1;
        pageToken = body.nextPageToken;
      } while (pageToken);
    }
    return { pages, rps: pages / ((performance.now() - started) / 1000), rowsPerPage: Math.round(rows / pages) };
  } finally {
    await sandbox.close();
  }
}

/** TikTok: daily ad-level report over 90 days, 100 rows a page, read to the last page repeatedly for 5 s. */
async function tiktokReportReads(): Promise<{ rps: number; rowsPerPage: number }> {
  const sandbox = await startSandbox({ seed: 7, clock: START, settings: { tiktok: { qps: 1e9, qpm: 1e9, qpd: 1e9 } } });
  try {
    const advertiser = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].find((a) => !a.isManager);
    if (!advertiser) throw new Error('no TikTok advertiser');
    const { access_token: token } = await tiktokToken(sandbox.urls.tiktok, [advertiser.id]);
    const url = new URL(`${sandbox.urls.tiktok}/open_api/v1.3/report/integrated/get/`);
    const params = {
      advertiser_id: advertiser.id, report_type: 'BASIC', data_level: 'AUCTION_AD', dimensions: '["ad_id","stat_time_day"]',
      metrics: '["spend","impressions","clicks","conversion"]', start_date: '2026-03-01', end_date: '2026-05-29', page_size: '100',
    };
    Object.entries(params).forEach(([k, v]) => url.searchParams.set(k, v));
    let pages = 0;
    let rows = 0;
    const deadline = performance.now() + 5000;
    const started = performance.now();
    while (performance.now() < deadline) {
      let page = 1;
      let totalPages = 1;
      do {
        url.searchParams.set('page', String(page));
        const body = (await (await fetch(url, { headers: { 'Access-Token': token } })).json()) as { code: number; data: { list: unknown[]; page_info: { total_page: number } } };
        if (body.code !== 0) throw new Error(`report answered code ${body.code}`);
        rows += body.data.list.length;
        pages += 1;
        totalPages = body.data.page_info.total_page;
        page += 1;
      } while (page <= totalPages);
    }
    return { rps: pages / ((performance.now() - started) / 1000), rowsPerPage: Math.round(rows / pages) };
  } finally {
    await sandbox.close();
  }
}

export async function run(): Promise<void> {
  const year = generateYear();
  const reads = await reportReads();
  const tiktok = await tiktokReportReads();
  process.stdout.write(
    `simulator campaigns=${CAMPAIGNS} hours=${DAYS * 24} ad_hours=${year.hours} gen_s=${year.seconds.toFixed(2)} rows_per_s=${Math.round(year.hours / year.seconds)} report_rps=${reads.rps.toFixed(1)} rows_per_page=${reads.rowsPerPage} tiktok_report_rps=${tiktok.rps.toFixed(1)} tiktok_rows_per_page=${tiktok.rowsPerPage}\n`,
  );
}
