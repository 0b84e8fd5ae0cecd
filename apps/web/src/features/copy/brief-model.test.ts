import { describe, expect, it } from 'vitest';
import { briefErrors, briefFieldOf, emptyBrief, toGenerateBody } from './brief-model.ts';

describe('the copy brief form', () => {
  const filled = emptyBrief('google_ads', { product: 'Trail running shoes', keywords: '[trail shoes], "running shoes"\nhiking boots', landingPage: 'https://northwind.example/trail' });

  it('asks for the product and an https landing page, naming the field', () => {
    expect(briefErrors(emptyBrief('meta'))).toEqual({ product: expect.stringContaining('what the ad is for'), landingPage: expect.stringContaining('https://example.com/offer') });
    expect(briefErrors({ ...filled, landingPage: 'http://northwind.example/trail' }).landingPage).toBe('The landing page must use https');
    expect(briefErrors({ ...filled, landingPage: 'northwind' }).landingPage).toContain('full https address');
    expect(briefErrors({ ...filled, platforms: [] }).platforms).toBe('Pick at least one platform');
    expect(briefErrors({ ...filled, keywords: Array.from({ length: 21 }, (_, i) => `kw ${i}`).join(',') }).keywords).toBe('Use at most 20 keywords');
    expect(briefErrors(filled)).toEqual({});
  });

  it('sends the brief as the API takes it, with the ad group when writing for one', () => {
    expect(toGenerateBody(filled, 'c0ffee00-0000-4000-8000-000000000001')).toEqual({
      brief: { product: 'Trail running shoes', offer: '', audience: '', keywords: ['trail shoes', 'running shoes', 'hiking boots'], landingPage: 'https://northwind.example/trail', language: 'en' },
      platforms: ['google_ads'],
      variations: 2,
      adGroupId: 'c0ffee00-0000-4000-8000-000000000001',
    });
    expect(toGenerateBody(filled, undefined)).not.toHaveProperty('adGroupId');
  });

  it('puts the API’s field issues on the form’s fields', () => {
    expect(briefFieldOf('brief.landingPage')).toBe('landingPage');
    expect(briefFieldOf('brief.keywords.3')).toBe('keywords');
    expect(briefFieldOf('platforms')).toBe('platforms');
    expect(briefFieldOf('adGroupId')).toBeNull();
  });
});
