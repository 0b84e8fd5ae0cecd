/**
 * A weekly report PDF over 1,000 campaigns with 90 days of history: 10 ad accounts × 100 campaigns,
 * daily numbers stored as the sync stores them. Times, after a warm-up, the product's path of a run:
 * gathering the numbers (`reportData`: the dashboard's queries, per account, the campaign table) and
 * rendering the PDF (every campaign row in its table, chart, tiles, page numbers) and the CSV.
 * `--quick`: 100 campaigns, 30 days. PostgreSQL when DATABASE_URL is set (a throwaway database),
 * else in-memory PGlite. Prints `report campaigns= days= data_ms= pdf_ms= pdf_bytes= pages= csv_ms= csv_bytes=` last.
 */
import { migrate, openDatabase, organizations, type DbHandle } from '@adloop/db';
import { createRunDatabase, dropRunDatabase } from '@adloop/db/testing';
import { StoredReportDefinition } from '@adloop/contracts';
import { addDays } from '@adloop/engine';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { testConfig } from '../apps/server/src/platform/config.ts';
import { resolveKeyring } from '../apps/server/src/platform/vault/keyring.ts';
import type { AppContext } from '../apps/server/src/platform/context.ts';
import { createContext } from '../apps/server/src/runtime.ts';
import { reportData } from '../apps/server/src/modules/reports/report-data.ts';
import { renderReportPdf } from '../apps/server/src/modules/reports/report-pdf.ts';
import { renderReportCsv } from '../apps/server/src/modules/reports/report-csv.ts';
import { seedReportData } from '../tests/integration/support/report-data.ts';

const TODAY = '2026-06-16';
const NOW = new Date(`${TODAY}T06:00:00Z`);
const log = (message: string) => process.stdout.write(`  ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const accounts = 10;
  const perAccount = quick ? 10 : 100;
  const days = quick ? 30 : 90;
  const runs = quick ? 3 : 5;
  const serverUrl = process.env.DATABASE_URL;
  let runUrl: string | null = null;
  let handle: DbHandle;
  if (serverUrl) {
    runUrl = await createRunDatabase(serverUrl);
    handle = await openDatabase({ kind: 'postgres', url: runUrl, poolSize: 4 });
    await migrate(handle);
    log(`throwaway database ${new URL(runUrl).pathname.slice(1)}`);
  } else {
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(handle);
    log('embedded PGlite, in memory');
  }
  let ctx: AppContext | null = null;
  try {
    const [org] = await handle.db.insert(organizations).values({ name: 'Report bench', reportingCurrency: 'USD', timeZone: 'UTC' }).returning();
    const orgId = org!.id;
    let t = performance.now();
    await seedReportData(handle.db, orgId, {
      today: TODAY, days, now: NOW,
      accounts: Array.from({ length: accounts }, (_, i) => ({ name: `Client ${String(i + 1).padStart(2, '0')}`, platform: (['meta', 'tiktok', 'google_ads'] as const)[i % 3]!, currency: 'USD', campaigns: perAccount })),
    });
    await handle.sql.query('ANALYZE');
    log(`seeded ${accounts * perAccount} campaigns × ${days} days in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const config = testConfig({ sandboxPlatforms: { ...testConfig().sandboxPlatforms, enabled: false } });
    ctx = await createContext({ config, dbHandle: handle, secretKey: 'ab'.repeat(32), keyring: resolveKeyring(config), smtpUrl: () => 'smtp://127.0.0.1:9', devMailbox: false, clock: new ManualClock(NOW) });
    const app = ctx;
    const definition = StoredReportDefinition.parse({ kpis: ['spend', 'impressions', 'clicks', 'ctr', 'conversions', 'cpa', 'roas'], breakdowns: ['platform', 'account', 'campaign'], period: 'last_week', branding: { agencyName: 'Bench Agency', primaryColor: '#0f766e', accentColor: '#f97316' } });
    const source = { orgId, name: 'Weekly client report', definition, hasLogo: false };
    const range = { since: addDays(TODAY, -7), until: addDays(TODAY, -1) };

    const dataTimes: number[] = [];
    const pdfTimes: number[] = [];
    const csvTimes: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    let csv = '';
    let campaigns = 0;
    for (let i = 0; i <= runs; i += 1) {
      t = performance.now();
      const data = await reportData(app, source, range);
      const dataMs = performance.now() - t;
      campaigns = data.byCampaign?.length ?? 0;
      t = performance.now();
      pdf = await renderReportPdf(data);
      const pdfMs = performance.now() - t;
      t = performance.now();
      csv = renderReportCsv(data);
      const csvMs = performance.now() - t;
      // The first round warms up (JIT, font metrics, query plans).
      if (i === 0) continue;
      dataTimes.push(dataMs);
      pdfTimes.push(pdfMs);
      csvTimes.push(csvMs);
    }
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    log(`${campaigns} campaign rows in the report, ${runs} runs after a warm-up (medians)`);
    process.stdout.write(`report campaigns=${campaigns} days=${days} data_ms=${median(dataTimes).toFixed(1)} pdf_ms=${median(pdfTimes).toFixed(1)} pdf_bytes=${pdf.length} pages=${pages} csv_ms=${median(csvTimes).toFixed(1)} csv_bytes=${Buffer.byteLength(csv)}\n`);
  } finally {
    await ctx?.jobs.stop().catch(() => undefined);
    await handle.close();
    if (runUrl) await dropRunDatabase(runUrl);
  }
}
