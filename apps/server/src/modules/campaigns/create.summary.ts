import type { AdPlatform, NewCampaignSpec } from '@adloop/platforms';

const money = (micros: number, currency: string): string => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(micros / 1e6);
  } catch {
    return `${micros / 1e6} ${currency}`;
  }
};

/**
 * What a creation made, in words for the campaign's change history:
 * "Traffic · daily budget $20.00 · “Spring” for US, DE, ages 25–54 · ad “Spring ad”".
 */
export function describeCreation(adapter: Pick<AdPlatform, 'capabilities'>, spec: NewCampaignSpec): string {
  const objective = adapter.capabilities.objectiveLabels[spec.objective] ?? spec.objective;
  const budget = `${spec.budget.kind} budget ${money(spec.budget.amount.micros, spec.budget.amount.currency)}`;
  const { ageMin, ageMax, countries } = spec.adGroup;
  const ages = ageMin === undefined && ageMax === undefined ? '' : `, ages ${ageMin ?? 'any'}–${ageMax === undefined ? 'any' : ageMax >= 65 ? '65+' : ageMax}`;
  const group = `“${spec.adGroup.name}” for ${countries.join(', ')}${ages}`;
  return [objective, budget, group, `ad “${spec.ad.name}”`].join(' · ');
}
