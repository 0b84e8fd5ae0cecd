import { describe, expect, it } from 'vitest';
import type { ChangeSettings } from '../../lib/types.ts';
import { FIELD, readValues, toValues } from './change-settings-form.ts';

const settings: ChangeSettings = {
  approvalPolicy: { memberLaunches: true, budgetAbove: { amountMicros: 500_000_000, percent: null } },
  guardrails: { budgetJumpPercent: 400, maxChangesPerEntityPerDay: 10, learningPhasePercent: 20 },
  proposalTtlHours: 72,
  automation: { stopped: false, stoppedAt: null, stoppedBy: null },
};

describe('automation safety form', () => {
  it('shows the settings in the reporting currency and reads them back unchanged', () => {
    const values = toValues(settings, 'USD');
    expect(values.budgetAboveAmount).toBe('500.00');
    expect(values.budgetAbovePercent).toBe('');
    const read = readValues(values, 'USD');
    expect(read).toEqual({ ok: true, body: { approvalPolicy: settings.approvalPolicy, guardrails: settings.guardrails, proposalTtlHours: 72 } });
  });

  it('reads an empty limit as no limit, not zero', () => {
    const read = readValues({ ...toValues(settings, 'EUR'), budgetAboveAmount: ' ', budgetAbovePercent: '50' }, 'EUR');
    expect(read.ok && read.body.approvalPolicy).toEqual({ memberLaunches: true, budgetAbove: { amountMicros: null, percent: 50 } });
  });

  it('names each bad field by the API’s path', () => {
    const read = readValues({ ...toValues(settings, 'JPY'), budgetAboveAmount: '12.5', budgetJumpPercent: '0', maxChangesPerEntityPerDay: 'ten', proposalTtlHours: '9999' }, 'JPY');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.errors).sort()).toEqual([FIELD.budgetAboveAmount, FIELD.budgetJumpPercent, FIELD.maxChangesPerEntityPerDay, FIELD.proposalTtlHours].sort());
    expect(read.errors[FIELD.budgetAboveAmount]).toMatch(/whole amount/);
    expect(read.errors[FIELD.proposalTtlHours]).toMatch(/1 to 2,160/);
  });
});
