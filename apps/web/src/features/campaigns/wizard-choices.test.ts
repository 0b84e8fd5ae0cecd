import { describe, expect, it } from 'vitest';
import { matchCountries } from './wizard-countries.ts';
import { ageChoices, ageSummary } from './wizard-ages.ts';
import { objectiveLabel, plural, textWords } from './wizard-model.ts';
import type { PlatformCreationOptions } from '../../lib/types.ts';

const CODES = ['AT', 'AU', 'DE', 'GB', 'GE', 'US', 'UM', 'NZ'];
const google: PlatformCreationOptions['ages'] = { kind: 'buckets', buckets: [{ id: 'AGE_RANGE_18_24', from: 18, to: 24 }, { id: 'AGE_RANGE_25_34', from: 25, to: 34 }, { id: 'AGE_RANGE_65_UP', from: 65, to: 65 }] };

describe('wizard choices', () => {
  it('finds countries by name, a word of the name, or the code, best match first', () => {
    expect(matchCountries(CODES, 'germ', [])).toEqual(['DE']);
    expect(matchCountries(CODES, 'kingdom', [])).toEqual(['GB']);
    expect(matchCountries(CODES, 'us', [])[0]).toBe('US');
    expect(matchCountries(CODES, 'zealand', [])).toEqual(['NZ']);
    expect(matchCountries(CODES, 'germ', ['DE'])).toEqual([]);
    expect(matchCountries(CODES, '  ', [])).toEqual([]);
  });

  it('offers ages as the platform defines them', () => {
    const meta = ageChoices({ kind: 'range', min: 18, max: 65 });
    expect(meta.min[0]).toEqual({ value: '18', label: '18' });
    expect(meta.max.at(-1)).toEqual({ value: '65', label: '65+' });
    const buckets = ageChoices(google);
    expect(buckets.min.map((o) => o.label)).toEqual(['18–24', '25–34', '65+']);
    expect(buckets.max.map((o) => o.value)).toEqual(['24', '34', '65']);
    expect(buckets.note).toContain('18–24, 25–34, 65+');
    expect(ageSummary(google, '25', '65')).toBe('ages 25–65+');
    expect(ageSummary(google, '', '')).toBe('all ages');
  });

  it('counts in words and names objectives and texts the platform’s way', () => {
    expect(plural(1, 'objective')).toBe('1 objective');
    expect(plural(5, 'objective')).toBe('5 objectives');
    const options = { objectiveLabels: { OUTCOME_TRAFFIC: 'Traffic' }, adText: { description: { max: 125, required: true, label: 'Primary text' } } } as unknown as PlatformCreationOptions;
    expect(objectiveLabel(options, 'OUTCOME_TRAFFIC')).toBe('Traffic');
    expect(objectiveLabel(options, 'OUTCOME_SALES')).toBe('Sales');
    expect(textWords(options, 'descriptions').one).toBe('Primary text');
    expect(textWords(options, 'headlines').one).toBe('Headline');
  });
});
