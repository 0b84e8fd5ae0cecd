import { describe, expect, it } from 'vitest';
import { costMicros, worstCaseCostMicros } from './cost.ts';
import { DEFAULT_MODELS } from './models.catalog.ts';
import { estimatePromptTokens, estimateTokens } from './tokens.ts';

const mini = DEFAULT_MODELS.find((m) => m.id === 'gpt-5.4-mini');
if (!mini) throw new Error('catalog lost gpt-5.4-mini');

describe('token estimates and cost', () => {
  it('estimates about four characters a token, more for wide scripts', () => {
    expect(estimateTokens('Trail running shoes')).toBe(5);
    expect(estimateTokens('トレイルランニングシューズ')).toBe(10);
    expect(estimatePromptTokens({ messages: [{ role: 'user', content: 'abcd' }] })).toBe(8);
  });

  it('prices tokens in micros from the per-million price, rounding up', () => {
    // 1,000 input × $0.75/M = 750 micros; 500 output × $4.50/M = 2,250 micros.
    expect(costMicros(mini, { inputTokens: 1000, outputTokens: 500 })).toBe(3000);
    expect(costMicros(mini, { inputTokens: 1, outputTokens: 0 })).toBe(1);
  });

  it('bounds a call’s cost before it is sent: prompt estimate with margin plus the full answer', () => {
    expect(worstCaseCostMicros(mini, 1000, 1000)).toBe(Math.ceil(1200 * 0.75 + 1000 * 4.5));
    expect(worstCaseCostMicros(mini, 0, 10_000_000)).toBe(Math.ceil(mini.maxOutputTokens * 4.5));
  });
});
