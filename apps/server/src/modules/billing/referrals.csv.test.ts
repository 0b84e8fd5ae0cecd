import { describe, expect, it } from 'vitest';
import { toCommissionsCsv } from './referrals.service.ts';

const commission = (over: { invoiceNumber?: string | null } = {}) => ({
  invoiceId: 'in_1', referrerOrgId: '00000000-0000-4000-8000-000000000001', referredOrgId: '00000000-0000-4000-8000-000000000002',
  invoiceNumber: 'A-0001', amountPaidCents: 14_900, commissionBps: 2_000, commissionCents: 2_980, currency: 'usd', paidAt: new Date('2026-03-01T10:00:00Z'),
  ...over,
});
const cellsOf = (csv: string) => csv.split('\r\n')[1]!;

describe('the referral commissions CSV', () => {
  it('has a header and one row per commission, amounts in units and the currency upper-case', () => {
    const csv = toCommissionsCsv([{ c: commission(), name: 'Harbor Coffee' }]);
    expect(csv).toBe(
      'paid_at,invoice_id,invoice_number,referred_org_id,referred_org_name,amount_paid,commission_percent,commission,currency\r\n'
      + '2026-03-01T10:00:00.000Z,in_1,A-0001,00000000-0000-4000-8000-000000000002,Harbor Coffee,149.00,20,29.80,USD\r\n',
    );
    expect(toCommissionsCsv([]).split('\r\n')).toHaveLength(2);
  });

  it('quotes names with commas, quotes and line breaks, doubling the quotes', () => {
    expect(cellsOf(toCommissionsCsv([{ c: commission(), name: 'Smith, Jones & Co' }]))).toContain(',"Smith, Jones & Co",');
    expect(cellsOf(toCommissionsCsv([{ c: commission(), name: 'The "Best" Bakery' }]))).toContain(',"The ""Best"" Bakery",');
    const broken = toCommissionsCsv([{ c: commission(), name: 'Line one\nLine two\r\nthree' }]);
    expect(broken).toContain(',"Line one\nLine two\r\nthree",');
  });

  it('keeps formula-looking values from running in a spreadsheet (leading apostrophe), whatever the first character', () => {
    for (const name of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=1+1', '\r=1+1']) {
      const line = toCommissionsCsv([{ c: commission(), name }]);
      expect(line).toMatch(/,"?'/);
      expect(line).not.toMatch(/,"?[=+\-@\t\r]/);
    }
    expect(cellsOf(toCommissionsCsv([{ c: commission(), name: '=HYPERLINK("http://x","y")' }]))).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
    expect(cellsOf(toCommissionsCsv([{ c: commission({ invoiceNumber: '=1+1' }), name: 'Ok' }]))).toContain(",'=1+1,");
  });

  it('leaves an empty invoice number empty', () => {
    expect(cellsOf(toCommissionsCsv([{ c: commission({ invoiceNumber: null }), name: 'Ok' }]))).toContain(',in_1,,');
  });
});
