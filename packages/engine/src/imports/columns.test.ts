import { describe, expect, it } from 'vitest';
import { mapHeadings, normaliseHeading } from './columns.ts';

describe('import headings', () => {
  it('normalises headings people write and their common aliases', () => {
    expect(normaliseHeading('\uFEFF Campaign Name ')).toBe('campaign_name');
    expect(normaliseHeading('Campaign-ID')).toBe('campaign_id');
    expect(normaliseHeading('Account')).toBe('account_id');
    expect(mapHeadings('changes', ['Campaign', 'Action', 'Amount'])).toEqual({ columns: ['campaign_name', 'action', 'amount'], issues: [] });
  });

  it('refuses unknown, repeated and missing columns, naming them', () => {
    const { issues } = mapHeadings('changes', ['campaign_id', 'ammount', 'campaign_id']);
    expect(issues).toContainEqual(expect.objectContaining({ column: 'ammount', message: expect.stringMatching(/^is not a column/) }));
    expect(issues).toContainEqual({ column: 'campaign_id', message: 'appears twice' });
    expect(issues).toContainEqual({ column: 'action', message: 'is missing: the file needs this column' });
    expect(mapHeadings('changes', ['action', 'amount']).issues).toContainEqual(expect.objectContaining({ column: 'campaign_id' }));
    expect(mapHeadings('campaigns', ['account_id', 'name']).issues.map((i) => i.column)).toEqual(['objective', 'budget', 'countries', 'final_url']);
  });
});
