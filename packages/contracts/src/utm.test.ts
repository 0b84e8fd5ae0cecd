import { describe, expect, it } from 'vitest';
import { DEFAULT_UTM_TEMPLATE, expandUtm, unknownPlaceholders, utmSlug, withUtm } from './utm.ts';

const values = { platform: 'meta', account_name: 'Northwind Outdoor', campaign_name: 'Spring Sale – DE', ad_group_name: 'Hikers 25+', ad_name: 'Boots (video)' };

describe('UTM template', () => {
  it('fills the placeholders with the names as tag values', () => {
    expect(expandUtm(DEFAULT_UTM_TEMPLATE, values)).toEqual({ utm_source: 'meta', utm_medium: 'paid', utm_campaign: 'spring_sale_de', utm_content: 'boots_video' });
    expect(expandUtm({ utm_source: '{platform}', utm_medium: 'cpc', utm_campaign: '{account_name}-{campaign_name}', utm_content: '' }, values)).toEqual({ utm_source: 'meta', utm_medium: 'cpc', utm_campaign: 'northwind_outdoor-spring_sale_de' });
    expect(utmSlug('Ça coûte 20 €!')).toBe('ça_coûte_20');
  });

  it('sets the tags on the final URL, keeping its own parameters and replacing old tags', () => {
    expect(withUtm('https://shop.example.com/boots?size=42&utm_source=old#top', { utm_source: 'meta', utm_campaign: 'spring' })).toBe('https://shop.example.com/boots?size=42&utm_source=meta&utm_campaign=spring#top');
    expect(withUtm('https://shop.example.com/', {})).toBe('https://shop.example.com/');
    expect(withUtm('not a url', { utm_source: 'x' })).toBeNull();
  });

  it('finds placeholders it does not know', () => {
    expect(unknownPlaceholders('{campaign_name}_{adname}_{}')).toEqual(['adname', '']);
    expect(unknownPlaceholders('{platform}')).toEqual([]);
  });
});
