import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, moneyCell, parseColumns, toCsv, type CsvRow } from './campaign-csv.ts';

const row = (over: Partial<CsvRow> = {}): CsvRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  platform: 'google_ads',
  platformId: '123456',
  adAccountId: '00000000-0000-4000-8000-000000000002',
  accountPlatformId: '987-654-3210',
  accountName: 'Northwind',
  name: 'Winter sale',
  status: 'active',
  objective: 'OUTCOME_TRAFFIC',
  dailyBudgetMicros: 12_345_678,
  lifetimeBudgetMicros: null,
  currency: 'USD',
  syncedAt: '2026-11-30T10:00:00.000Z',
  metrics: { impressions: 1000, clicks: 37, spendMicros: 98_765_432, conversions: 3.333333, conversionValueMicros: 250_000_000, ctr: 0.037, cpcMicros: 2_669_336, cpmMicros: 98_765_432, cpaMicros: 29_629_630, roas: 2.531249 },
  ...over,
});
const range = { since: '2026-11-01', until: '2026-11-30' };

describe('campaign CSV', () => {
  it('rounds amounts to the currency’s decimals as the table shows them', () => {
    expect(moneyCell(12_345_678, 'USD')).toBe('12.35');
    expect(moneyCell(1_234_567_890, 'JPY')).toBe('1235');
    expect(moneyCell(null, 'USD')).toBeNull();
  });

  it('writes a BOM, a title line with the range, human headings and human values', () => {
    const csv = toCsv([row()], ['campaign_id', 'name', 'platform', 'account_id', 'status', 'objective', 'daily_budget', 'spend', 'ctr', 'conversions', 'conversion_value', 'roas'], range, 'Europe/Berlin');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toContain('2026-11-01 to 2026-11-30');
    expect(lines[1]).toBe('Campaign ID,Campaign,Platform,Account ID,Status,Objective,Daily budget,Spend,CTR (%),Conversions,Revenue,ROAS');
    expect(lines[2]).toBe('123456,Winter sale,Google Ads,987-654-3210,Active,Traffic,12.35,98.77,3.70,3.33,250.00,2.53');
    expect(lines[3]).toBe('');
  });

  it('neutralises formulas in text and quotes separators, but leaves negative numbers alone', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('a, b')).toBe('"a, b"');
  });

  it('refuses names that are not columns, including the object prototype’s', () => {
    expect(parseColumns('name, spend')).toEqual(['name', 'spend']);
    for (const bad of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'password']) expect(() => parseColumns(`name,${bad}`), bad).toThrow(/column 2/);
  });

  it('names the file after the range', () => {
    expect(csvFileName(range)).toBe('campaigns-2026-11-01-to-2026-11-30.csv');
  });
});
