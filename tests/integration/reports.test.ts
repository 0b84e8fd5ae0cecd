import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Dashboard, ReportDefinition, ReportRun } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';
import { reportsTick } from '../../apps/server/src/modules/reports/index.ts';
import { formatKpi } from '../../apps/server/src/modules/reports/report-format.ts';
import { seedReportData } from './support/report-data.ts';

// Wednesday 2026-03-11, 10:00 in Berlin. Last week (Monday to Sunday) is 2026-03-02 to 2026-03-08.
const NOW = new Date('2026-03-11T09:00:00Z');
const ZONE = 'Europe/Berlin';

/** Reports end to end: the PDF and CSV carry the dashboard's numbers, schedules follow the organisation's zone, the history keeps the files. */
describe('reports', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let accountIds: string[];
  let report: ReportDefinition;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;

  const download = async (path: string) => {
    const res = await fetch(new URL(api(path), server.url), { headers: owner.client.authHeaders() });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const pdfText = async (bytes: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text;

  beforeAll(async () => {
    server = await startTestServer();
    server.clock.set(NOW);
    owner = await signUpVerifiedUser(server, { organizationName: 'Agency Co' });
    orgId = owner.orgId!;
    expect((await owner.client.patch(api(''), { timeZone: ZONE })).status).toBe(200);
    ({ accountIds } = await seedReportData(server.ctx.db, orgId, {
      today: '2026-03-11', days: 20, now: NOW,
      accounts: [
        { name: 'Bakery', platform: 'meta', currency: 'USD', campaigns: 6 },
        { name: 'Florist', platform: 'tiktok', currency: 'USD', campaigns: 4 },
      ],
    }));
  }, 120_000);
  afterAll(async () => server?.close());

  it('creates a weekly report scheduled for Monday 08:00 in the organisation time zone', async () => {
    const res = await owner.client.post<ReportDefinition>(api('/reports'), {
      name: 'Weekly client report',
      kpis: ['spend', 'clicks', 'conversions', 'cpa', 'roas'],
      breakdowns: ['platform', 'account', 'campaign'],
      period: 'last_week',
      branding: { agencyName: 'North Star Agency', primaryColor: '#0f766e', accentColor: '#f97316' },
      schedule: { frequency: 'weekly', weekday: 1, hour: 8 },
      recipients: ['client@example.com'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    report = res.body;
    // Monday 2026-03-16 08:00 in Berlin (UTC+1).
    expect(report.nextRunAt).toBe('2026-03-16T07:00:00.000Z');
    expect((await owner.client.get<{ items: ReportDefinition[]; timeZone: string }>(api('/reports'))).body).toMatchObject({ timeZone: ZONE, items: [{ id: report.id }] });
  });

  it('refuses a bad definition with a 400 naming the field', async () => {
    const bad = await owner.client.post(api('/reports'), { name: 'x', kpis: ['nonsense'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kpis');
    const foreign = await owner.client.post(api('/reports'), { name: 'x', accountIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain('accountIds.0');
  });

  it('runs now: the PDF and the CSV show the dashboard numbers for last week, the recipients get the email with its headline numbers and the person who ran it hears it is ready', async () => {
    const started = await owner.client.post<ReportRun>(api(`/reports/${report.id}/runs`), {});
    expect(started.status).toBe(202);
    let run: ReportRun | undefined;
    await eventually(async () => {
      run = (await owner.client.get<{ items: ReportRun[] }>(api(`/reports/${report.id}/runs`))).body.items.find((r) => r.id === started.body.id);
      return run?.state === 'done' || run?.state === 'failed';
    }, 60_000, 'report run');
    expect(run).toMatchObject({ state: 'done', progress: 100, since: '2026-03-02', until: '2026-03-08', sentTo: 1 });

    const board = (await owner.client.get<Dashboard>(api('/dashboard?since=2026-03-02&until=2026-03-08'))).body;
    expect(board.totals.spendMicros).toBeGreaterThan(0);
    const pdf = await download(`/reports/${report.id}/runs/${run!.id}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(run!.pdfBytes).toBe(pdf.bytes.length);
    const text = await pdfText(pdf.bytes);
    for (const kpi of ['spend', 'clicks', 'conversions', 'cpa', 'roas'] as const) expect(text).toContain(formatKpi(kpi, board.totals, board.currency));
    expect(text).toContain('North Star Agency');
    expect(text).toContain('Bakery campaign 1');
    expect(text).toMatch(/Page 1 of \d+/);
    // Each platform row is the dashboard's own per-platform figure.
    for (const p of board.byPlatform) expect(text).toContain(formatKpi('spend', p.totals, board.currency));

    const csv = (await download(`/reports/${report.id}/runs/${run!.id}/report.csv`)).bytes.toString('utf8');
    const total = csv.split('\r\n').find((line) => line.startsWith('total,'))!.split(',');
    expect(Number(total[7])).toBe(Number((board.totals.spendMicros / 1e6).toFixed(2)));
    expect(Number(total[8])).toBe(board.totals.clicks);
    expect(Number(total[9])).toBe(board.totals.conversions);
    expect(csv.split('\r\n').filter((line) => line.startsWith('campaign,'))).toHaveLength(10);

    // The person who ran it hears it is ready (the bell).
    const bell = (await owner.client.get<{ items: { kind: string; title: string }[] }>(api('/notifications'))).body.items;
    expect(bell).toContainEqual(expect.objectContaining({ kind: 'report.ready', title: 'Weekly client report is ready' }));
    const mail = await server.waitForEmail('client@example.com', /Weekly client report/);
    expect(mail.text).toContain(formatKpi('spend', board.totals, board.currency));
  }, 90_000);

  it('a scheduled run is claimed once at its time in the organisation zone and the next one moves a week on', async () => {
    server.clock.set(new Date('2026-03-16T06:59:00Z'));
    expect(await reportsTick(server.ctx)).toBe(0);
    server.clock.set(new Date('2026-03-16T07:01:00Z'));
    expect(await reportsTick(server.ctx)).toBe(1);
    expect(await reportsTick(server.ctx)).toBe(0);
    const after = (await owner.client.get<ReportDefinition>(api(`/reports/${report.id}`))).body;
    expect(after.nextRunAt).toBe('2026-03-23T07:00:00.000Z');
    await eventually(async () => {
      const runs = (await owner.client.get<{ items: ReportRun[] }>(api(`/reports/${report.id}/runs`))).body.items;
      return runs.some((r) => r.trigger === 'schedule' && r.state === 'done' && r.since === '2026-03-09' && r.until === '2026-03-15');
    }, 60_000, 'scheduled run');
    server.clock.set(NOW);
  }, 90_000);

  it('refuses another organisation and an unknown run', async () => {
    const other = await signUpVerifiedUser(server, { organizationName: 'Other Co' });
    expect((await other.client.get(api(`/reports/${report.id}`))).status).toBe(404);
    expect((await download(`/reports/${report.id}/runs/00000000-0000-4000-8000-000000000000/report.pdf`)).status).toBe(404);
    expect((await download(`/reports/${report.id}/runs/00000000-0000-4000-8000-000000000000/report.csv`)).status).toBe(404);
  });

  it('keeps accountIds within the organisation and the report to them', async () => {
    const res = await owner.client.post<ReportDefinition>(api('/reports'), { name: 'Florist only', accountIds: [accountIds[1]], breakdowns: ['account'] });
    expect(res.status).toBe(201);
    expect(res.body.accountIds).toEqual([accountIds[1]]);
    expect(res.body.nextRunAt).toBeNull();
  });
});
