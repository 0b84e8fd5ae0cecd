import { describe, expect, it } from 'vitest';
import { actorText } from './actor-label.tsx';
import { beforeAfterWords, canEditValue, valueWords } from './proposal-words.ts';

describe('proposals in words', () => {
  it('writes money in the change’s currency, statuses and ROAS targets in words', () => {
    expect(valueWords({ field: 'daily_budget', currency: 'USD' }, '12500000')).toBe('$12.50');
    expect(valueWords({ field: 'bid', currency: 'JPY' }, '150000000')).toBe('¥150');
    expect(valueWords({ field: 'daily_budget', currency: 'USD' }, null)).toBe('none');
    expect(valueWords({ field: 'status', currency: 'USD' }, 'active')).toBe('Enabled');
    expect(valueWords({ field: 'status', currency: 'USD' }, 'paused')).toBe('Paused');
    expect(valueWords({ field: 'target_roas', currency: 'USD' }, '4')).toBe('4.00×');
  });

  it('says before → after, and what a launch creates', () => {
    const change = { field: 'daily_budget', currency: 'EUR', before: '10000000', after: '25000000', campaignName: 'Winter' } as const;
    expect(beforeAfterWords(change)).toBe('Daily budget: €10.00 → €25.00');
    expect(beforeAfterWords({ ...change, field: 'campaign', before: null, after: null })).toBe('Launch “Winter”');
  });

  it('lets only waiting budget proposals be edited', () => {
    expect(canEditValue({ field: 'daily_budget', state: 'proposed' })).toBe(true);
    expect(canEditValue({ field: 'status', state: 'proposed' })).toBe(false);
    expect(canEditValue({ field: 'lifetime_budget', state: 'rejected' })).toBe(false);
  });

  it('names the actor by its kind first', () => {
    expect(actorText('user', 'jane@example.com')).toBe('Person jane@example.com');
    expect(actorText('api_key', 'CI')).toBe('API key CI');
    expect(actorText('rule', 'Pause losers')).toBe('Rule Pause losers');
    expect(actorText('ai', 'Adloop AI')).toBe('AI');
    expect(actorText('ai', 'AI-assisted copy (asked by jane@example.com)')).toBe('AI, asked by jane@example.com');
    expect(actorText('platform', 'Meta')).toBe('On the platform');
    expect(actorText('system', 'Adloop')).toBe('Adloop');
    expect(actorText(null, null)).toBe('Someone');
  });
});
