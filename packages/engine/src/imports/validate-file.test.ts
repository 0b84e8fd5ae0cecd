import { describe, expect, it } from 'vitest';
import { validateFile } from './validate-file.ts';
import { scope } from './test-scope.ts';

const SUMMER_US = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

describe('import files', () => {
  it('checks every row with its line, and a second change of the same campaign and field points at the first', () => {
    const file = validateFile(
      'changes',
      ['campaign_id', 'action', 'amount'],
      [
        { line: 2, cells: [SUMMER_US, 'set_daily_budget', '30'] },
        { line: 3, cells: [SUMMER_US, 'pause', ''] },
        { line: 4, cells: [SUMMER_US, 'set_daily_budget', '35'] },
        { line: 6, cells: ['nope', 'pause', ''] },
        { line: 7, cells: [SUMMER_US, 'pause', '', 'extra'] },
      ],
      scope,
    );
    expect(file.fileIssues).toEqual([]);
    expect(file.rows.map((r) => [r.line, r.kind, r.issues.map((i) => i.message)])).toEqual([
      [2, 'changes', []],
      [3, 'changes', []],
      [4, 'invalid', ["changes the same campaign's daily budget as line 2"]],
      [6, 'invalid', ['nope is not a campaign you can change']],
      [7, 'invalid', ["changes the same campaign's status as line 3", 'has 4 cells but the heading has 3']],
    ]);
    expect(file.rows[0]?.values).toEqual({ campaign_id: SUMMER_US, action: 'set_daily_budget', amount: '30' });
  });

  it('leaves every row unchecked when the headings are wrong', () => {
    const file = validateFile('changes', ['campaign_id', 'ammount'], [{ line: 2, cells: [SUMMER_US, '5'] }], scope);
    expect(file.fileIssues.map((i) => i.column)).toEqual(['ammount', 'action']);
    expect(file.rows).toEqual([{ line: 2, values: { campaign_id: SUMMER_US, ammount: '5' }, issues: [], summary: null, kind: 'invalid' }]);
  });
});

describe('a file changing one thing twice', () => {
  it('refuses the second row even when the first has errors, so applying the first never lets the second through unseen', () => {
    const file = validateFile(
      'changes',
      ['campaign_id', 'action', 'amount'],
      [
        { line: 2, cells: [SUMMER_US, 'set_daily_budget', '20.00'] },
        { line: 3, cells: [SUMMER_US, 'set_daily_budget', '35'] },
      ],
      scope,
    );
    expect(file.rows.map((r) => [r.line, r.issues.map((i) => i.message)])).toEqual([
      [2, ['"Summer sale" already has this budget: nothing to change']],
      [3, ["changes the same campaign's daily budget as line 2"]],
    ]);
  });
});
