import { describe, expect, it } from 'vitest';
import { ACCOUNT, LOCALE, useCampaignJourney } from './support/campaign-journey.ts';
import { metaCampaignSpendMicros } from './support/sandbox-platforms.ts';

describe('campaigns journey: sign up, connect Meta, then the dashboard and the campaign table (filter, sort, columns, CSV)', () => {
  const j = useCampaignJourney();

  it('signs up and lands on a dashboard that asks to connect ad accounts', async () => {
    await j.signUpOwner();
  });

  it('connects Meta with one account and waits for its first sync', async () => {
    await j.connectMetaAccount();
  });

  it('shows the dashboard with KPI cards and Meta’s freshness', async () => {
    await j.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await j.page.getByRole('list', { name: 'Key numbers' }).waitFor();
    for (const kpi of ['Spend', 'Conversions', 'CPA', 'ROAS', 'Clicks', 'CTR', 'CPC', 'CPM']) await j.page.getByRole('list', { name: 'Key numbers' }).getByRole('listitem', { name: kpi }).waitFor();
    await j.page.getByRole('listitem', { name: 'Meta freshness' }).getByText('Health: Fresh').waitFor();
    // The organisation counts days in UTC; the account keeps New York's: the totals say how days are cut.
    await j.page.getByText(`${ACCOUNT} keeps America/New_York`).waitFor();
    await j.page.getByRole('button', { name: 'Last 7 days' }).click();
    await j.page.waitForURL((url) => url.searchParams.get('range') === '7');
    await j.page.getByRole('button', { name: 'Last 7 days', pressed: true }).waitFor();
  });

  it('lists the account’s campaigns, filtered to Meta and sorted by spend both ways', async () => {
    await j.openCampaigns();
    await j.page.getByLabel('Platform').selectOption('meta');
    await j.page.waitForURL((url) => url.searchParams.get('platform') === 'meta');
    // The last 7 days: well inside what the first sync pulled (its backfill is shorter than 30 days).
    // Complete days up to yesterday in the organisation's time zone, the API's default `until` too.
    type Listed = { range: { since: string; until: string }; items: { name: string; platformId: string; metrics: { spendMicros: number } }[] };
    const until = (await j.apiCall<Listed>('GET', `/api/v1/orgs/${j.orgId}/campaigns?limit=1`)).body.range.until;
    const since = new Date(Date.parse(`${until}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const day = (d: string) => new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    await j.page.getByRole('button', { name: 'Last 7 days' }).click();
    await j.page.waitForURL((url) => url.searchParams.get('range') === '7');
    // The table's caption names the range the j.server answered for.
    await j.page.getByRole('table', { name: `Campaigns, ${day(since)} – ${day(until)}, sorted by Spend descending` }).waitFor();

    let rows = await j.shownRows();
    expect(new Set(rows.map((r) => r.platform))).toEqual(new Set(['Meta']));
    expect(rows.map((r) => r.name).sort()).toEqual(j.truth.campaigns.map((c) => c.name).sort());

    // Spend descending is the default; one click on the header turns it ascending, another back.
    const spendHeader = j.table().getByRole('columnheader', { name: /^Spend/ });
    expect(await spendHeader.getAttribute('aria-sort')).toBe('descending');
    const descending = rows.map((r) => r.spend);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    // The same order as the sandbox's own spend per campaign over those 7 days.
    const listed = await j.apiCall<Listed>('GET', `/api/v1/orgs/${j.orgId}/campaigns?platform=meta&sort=spend&dir=desc&limit=200&since=${since}&until=${until}`);
    expect(listed.status).toBe(200);
    const bySandbox = await metaCampaignSpendMicros(j.server, j.truth.id, listed.body.range);
    for (const item of listed.body.items) expect.soft(item.metrics.spendMicros, `${item.name}: spend against the sandbox`).toBe(bySandbox.get(item.platformId) ?? 0);
    const sandboxOrder = [...listed.body.items].sort((a, b) => (bySandbox.get(b.platformId) ?? 0) - (bySandbox.get(a.platformId) ?? 0)).map((i) => i.name);
    expect(rows.map((r) => r.name)).toEqual(sandboxOrder);

    await spendHeader.getByRole('button').click();
    await j.page.waitForURL((url) => url.searchParams.get('sort') === 'spend' && url.searchParams.get('dir') === 'asc');
    await j.table().getByRole('columnheader', { name: /^Spend/, exact: false }).and(j.page.locator('[aria-sort="ascending"]')).waitFor();
    rows = await j.shownRows();
    const ascending = rows.map((r) => r.spend);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending.length).toBe(j.truth.campaigns.length);

    await j.table().getByRole('columnheader', { name: /^Spend/ }).getByRole('button').click();
    await j.page.waitForURL((url) => url.searchParams.get('dir') === 'desc');
    rows = await j.shownRows();
    const again = rows.map((r) => r.spend);
    expect(again).toEqual([...again].sort((a, b) => b - a));
    expect(again.length).toBe(ascending.length);
  });

  it('adds a column from the chooser and exports exactly the visible columns as CSV: BOM, range, ids, human labels, amounts as shown', async () => {
    await j.page.getByRole('button', { name: 'Columns' }).click();
    await j.page.getByRole('menuitemcheckbox', { name: /^Impressions/ }).click();
    await j.page.keyboard.press('Escape');
    await j.table().getByRole('columnheader', { name: /^Impressions/ }).waitFor();
    const href = await j.page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await j.page.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), head: [...bytes.subarray(0, 3)], text: new TextDecoder().decode(bytes) };
    }, href ?? '');
    expect(csv.status, csv.text.slice(0, 300)).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.head).toEqual([0xef, 0xbb, 0xbf]);
    type Listed = { range: { since: string; until: string }; items: { name: string; platformId: string; status: string; metrics: { spendMicros: number; roas: number | null } }[] };
    // The same filters, sort and range as the export, from the table's API.
    const params = new URL(href ?? '', j.server.url).searchParams;
    params.delete('columns');
    params.set('limit', '200');
    const listed = (await j.apiCall<Listed>('GET', `/api/v1/orgs/${j.orgId}/campaigns?${params}`)).body;
    expect(csv.disposition).toBe(`attachment; filename="campaigns-${listed.range.since}-to-${listed.range.until}.csv"`);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toContain(`${listed.range.since} to ${listed.range.until}`);
    expect(lines[1]).toBe('Campaign ID,Account ID,Campaign,Platform,Account,Status,Currency,Daily budget,Lifetime budget,Spend,Revenue,ROAS,Conversions,CPA,Clicks,CTR (%),CPC,Impressions');
    expect(lines.length).toBe(j.truth.campaigns.length + 2);
    const body = lines.slice(2).map((line) => line.split(','));
    for (const cells of body) {
      const item = listed.items.find((i) => i.platformId === cells[0]);
      expect(item, `row for ${cells[0]}`).toBeDefined();
      expect(cells[1]).toBe(j.truth.id);
      expect(cells[3]).toBe('Meta');
      expect(cells[5]).toBe(item!.status === 'active' ? 'Active' : 'Paused');
      expect(cells[9]).toBe((item!.metrics.spendMicros / 1e6).toFixed(2));
      expect(cells[11]).toBe(item!.metrics.roas === null ? '' : item!.metrics.roas.toFixed(2));
    }
    // The choice is remembered in this browser.
    await j.page.reload();
    await j.table().getByRole('columnheader', { name: /^Impressions/ }).waitFor();
  });

  it('fits a 1440 × 900 window: ROAS and the row actions stay in view, also with the budget editor open', async () => {
    await j.page.setViewportSize({ width: 1440, height: 900 });
    const inView = async (what: string, box: { x: number; y: number; width: number; height: number } | null) => {
      expect(box, what).not.toBeNull();
      expect(box!.x, `${what} starts in the window`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${what} ends in the window`).toBeLessThanOrEqual(1440);
    };
    const roas = j.table().getByRole('columnheader', { name: /^ROAS/ });
    const rows = await j.shownRows();
    const active = rows.find((r) => r.status.startsWith('Active'))!;
    const row = j.table().getByRole('row').filter({ has: j.page.getByRole('link', { name: active.name, exact: true }) });
    const pause = row.getByRole('button', { name: `Pause ${active.name}`, exact: true });
    await inView('ROAS header', await roas.boundingBox());
    await inView('Pause button', await pause.boundingBox());

    await row.getByRole('button', { name: `Edit the daily budget of ${active.name}` }).click();
    const input = row.getByLabel(`Daily budget of ${active.name} in ${j.truth.currency}`);
    await input.waitFor();
    await inView('ROAS header with the editor open', await roas.boundingBox());
    await inView('Pause button with the editor open', await pause.boundingBox());
    await inView('budget input', await input.boundingBox());
    await inView('Save button', await row.getByRole('button', { name: 'Save' }).boundingBox());
    // Keyboard: Escape closes the editor and gives the focus back to its button.
    await input.press('Escape');
    await input.waitFor({ state: 'detached' });
    expect(await j.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute: (n: string) => string | null } | null } }).document.activeElement?.getAttribute('aria-label'))).toBe(`Edit the daily budget of ${active.name}`);

    // Scrolled sideways, the name and the actions stay where they were (pinned).
    const nameBefore = await row.getByRole('link', { name: active.name, exact: true }).boundingBox();
    await j.page.locator('table').first().evaluate((table) => {
      (table.parentElement as unknown as { scrollLeft: number }).scrollLeft = 10_000;
    });
    const nameAfter = await row.getByRole('link', { name: active.name, exact: true }).boundingBox();
    expect(nameAfter?.x).toBeCloseTo(nameBefore?.x ?? -1, 0);
    await inView('Pause button scrolled', await pause.boundingBox());
  });

  it('offers “Clear filters” when nothing matches', async () => {
    await j.page.getByLabel('Campaign name').fill('no campaign is called this');
    await j.page.getByText('No campaigns match these filters').waitFor();
    await j.page.getByRole('button', { name: 'Clear filters' }).click();
    await j.table().waitFor();
    expect(await j.page.getByLabel('Campaign name').inputValue()).toBe('');
    expect(new URL(j.page.url()).searchParams.get('q')).toBeNull();
  });

  it('keeps a long table light: past 200 loaded rows only those near the window are in the page, and scrolling reaches the last', async () => {
    // 300 more campaigns on the account (as a large account would sync them).
    await j.server.ctx.dbHandle.sql.query(
      `INSERT INTO campaigns (org_id, ad_account_id, platform_id, name, status, raw_status, currency, synced_at)
       SELECT $1, $2, 'bulk-' || g, 'Bulk campaign ' || lpad(g::text, 3, '0'), 'paused', 'PAUSED', 'USD', now() FROM generate_series(1, 300) g`,
      [j.orgId, j.adloopAccountId],
    );
    await j.page.goto(`${j.server.url}/orgs/${j.orgId}/campaigns?q=Bulk%20campaign&sort=name&dir=asc`);
    await j.table().waitFor();
    const loadMore = j.page.getByRole('button', { name: 'Load more' });
    // 50 a page: five more pages to load them all.
    for (let page = 0; page < 10 && (await loadMore.isVisible()); page++) {
      await loadMore.click();
      await j.page.waitForTimeout(500);
    }
    await loadMore.waitFor({ state: 'detached' });
    const rendered = await j.page.locator('tbody tr[data-index]').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(120);
    await j.page.mouse.wheel(0, 100_000);
    await j.table().getByRole('link', { name: 'Bulk campaign 300', exact: true }).waitFor();
    expect(await j.table().getByRole('link', { name: 'Bulk campaign 001', exact: true }).count()).toBe(0);
  });

  it('shows campaigns of mixed currencies in the reporting currency by default, in the order of the sort, with each one’s own amount on hover', async () => {
    await j.page.mouse.wheel(0, -100_000);
    await j.server.ctx.dbHandle.sql.query(
      `INSERT INTO campaigns (org_id, ad_account_id, platform_id, name, status, raw_status, currency, daily_budget_micros, synced_at)
       VALUES ($1, $2, 'mix-usd', 'Mix dollars', 'paused', 'PAUSED', 'USD', 60000000, now()), ($1, $2, 'mix-eur', 'Mix euros', 'paused', 'PAUSED', 'EUR', 50000000, now())`,
      [j.orgId, j.adloopAccountId],
    );
    await j.page.goto(`${j.server.url}/orgs/${j.orgId}/campaigns?q=Mix&sort=budget&dir=desc`);
    const switcher = j.page.getByRole('group', { name: 'Amounts in' });
    await switcher.getByRole('button', { name: 'All in USD', pressed: true }).waitFor();
    const budgets = async () =>
      j.table().evaluate((el) => {
        const headers = [...el.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
        const col = headers.findIndex((h) => h.startsWith('Budget'));
        return [...el.querySelectorAll('tbody tr')].map((tr) => {
          const cell = tr.children[col];
          const amount = cell?.querySelector('.tabular-nums');
          return { name: tr.querySelector('th a')?.textContent?.trim() ?? '', text: amount?.textContent?.trim() ?? '', title: amount?.getAttribute('title') ?? null };
        });
      });
    const converted = await budgets();
    expect(converted.map((r) => r.name)).toEqual(['Mix dollars', 'Mix euros']);
    expect(converted[0]!.text).toMatch(/^\$60\.00/);
    expect(converted[1]!.text).toMatch(/^\$\d+\.\d{2}/);
    expect(converted[1]!.title).toBe('€50.00 in the account’s currency');
    // As shown, the column reads in order.
    const value = (text: string) => Number(text.replace(/[^0-9.]/g, '').replace(/\.$/, ''));
    expect(value(converted[0]!.text)).toBeGreaterThanOrEqual(value(converted[1]!.text));

    await switcher.getByRole('button', { name: 'Account currencies' }).click();
    await switcher.getByRole('button', { name: 'Account currencies', pressed: true }).waitFor();
    const own = await budgets();
    expect(own[1]!.text).toMatch(/^€50\.00/);
    expect(own[1]!.title).toBeNull();
  });
});
