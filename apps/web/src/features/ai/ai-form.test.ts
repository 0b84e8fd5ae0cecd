import { describe, expect, it } from 'vitest';
import { formFieldOf, formatUsd, microsToUsdInput, readValues, spendState, splitLines, toValues } from './ai-form.ts';
import type { AiSettings } from './ai-types.ts';

const settings: AiSettings = {
  brandVoice: { tone: ['friendly'], requiredTerms: ['Trailpeak'], bannedTerms: ['cheap'], messageRestrictions: ['Do not mention prices'] },
  monthlyCapMicros: 12_500_000,
  defaultCapMicros: 20_000_000,
  capMicros: 12_500_000,
  canChangeCap: true,
  canEdit: true,
  aiAvailable: true,
  updatedAt: null,
  updatedBy: null,
};
const lines = (n: number, prefix = 'term') => Array.from({ length: n }, (_, i) => `${prefix} ${i}`).join('\n');

describe('AI settings form', () => {
  it('reads back what it shows', () => {
    const values = toValues(settings);
    expect(values).toEqual({ tone: 'friendly', requiredTerms: 'Trailpeak', bannedTerms: 'cheap', messageRestrictions: 'Do not mention prices', capUsd: '12.5' });
    expect(readValues(values, { canChangeCap: true })).toEqual({ ok: true, body: { brandVoice: settings.brandVoice, monthlyCapMicros: 12_500_000 } });
  });

  it('drops blank lines and repeats, and sends the limit only for those who may change it', () => {
    expect(splitLines('  cheap \n\nCheap\nfree\n')).toEqual(['cheap', 'free']);
    const read = readValues({ ...toValues(settings), capUsd: 'nonsense' }, { canChangeCap: false });
    expect(read).toMatchObject({ ok: true });
    expect(read.ok && 'monthlyCapMicros' in read.body).toBe(false);
  });

  it('an empty limit goes back to the plan allowance', () => {
    expect(readValues({ ...toValues(settings), capUsd: ' ' }, { canChangeCap: true })).toMatchObject({ ok: true, body: { monthlyCapMicros: null } });
    expect(readValues({ ...toValues(settings), capUsd: '$1,250.50' }, { canChangeCap: true })).toMatchObject({ ok: true, body: { monthlyCapMicros: 1_250_500_000 } });
  });

  it('names the field of each problem, with the limits of the contract', () => {
    const read = readValues({ tone: 'x'.repeat(41), requiredTerms: 'Trailpeak', bannedTerms: lines(26), messageRestrictions: lines(41, 'rule'), capUsd: '-5' }, { canChangeCap: true });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual({
      'brandVoice.tone': 'Line 1 is 41 characters; at most 40',
      'brandVoice.bannedTerms': 'At most 25 banned terms; there are 26',
      'brandVoice.messageRestrictions': 'At most 40 message restrictions; there are 41',
      monthlyCapMicros: 'Enter an amount in dollars, such as 50 or 12.50',
    });
    expect(readValues({ ...toValues(settings), bannedTerms: lines(25) }, { canChangeCap: true }).ok).toBe(true);
    expect(readValues({ ...toValues(settings), bannedTerms: 'trailpeak' }, { canChangeCap: true })).toMatchObject({ ok: false, errors: { 'brandVoice.bannedTerms': '“Trailpeak” is also a required term; a term cannot be both' } });
  });

  it("puts the server's errors on the list they are about", () => {
    expect(formFieldOf('brandVoice.bannedTerms.3')).toBe('brandVoice.bannedTerms');
    expect(formFieldOf('brandVoice.tone')).toBe('brandVoice.tone');
    expect(formFieldOf('monthlyCapMicros')).toBe('monthlyCapMicros');
  });

  it('shows money and the spending bar', () => {
    expect(formatUsd(12_500_000)).toBe('$12.50');
    expect(formatUsd(1_234)).toBe('$0.0012');
    expect(formatUsd(40)).toBe('< $0.0001');
    expect(formatUsd(0)).toBe('$0.00');
    expect(microsToUsdInput(20_000_000)).toBe('20');
    expect(spendState(7_900_000, 10_000_000)).toEqual({ percent: 79, barPercent: 79, tone: 'ok' });
    expect(spendState(8_000_000, 10_000_000).tone).toBe('warning');
    expect(spendState(12_000_000, 10_000_000)).toEqual({ percent: 120, barPercent: 100, tone: 'reached' });
    expect(spendState(0, 0).tone).toBe('ok');
  });
});
