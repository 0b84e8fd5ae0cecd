import type { StepId } from './wizard-model.ts';

/** Which step shows a field (and so where an error from the API belongs). */
export function stepOf(field: string): StepId {
  const base = field.split('.')[0] ?? field;
  switch (base) {
    case 'platform':
      return 'platform';
    case 'accountId':
      return 'account';
    case 'name':
    case 'objective':
      return 'objective';
    case 'budgetKind':
    case 'amount':
    case 'startDate':
    case 'endDate':
      return 'budget';
    case 'adGroupName':
    case 'countries':
    case 'ageMin':
    case 'ageMax':
    case 'keywords':
      return 'adGroup';
    case 'adName':
    case 'headlines':
    case 'descriptions':
    case 'finalUrl':
    case 'callToAction':
    case 'imageHash':
    case 'assets':
      return 'ad';
    default:
      return 'review';
  }
}

/** The API's field path (e.g. `ad.headline`, `ad.extraHeadlines.1`, `budget.amount`) to the wizard's error key. */
export function apiField(path: string): string | null {
  const clean = path.replace(/^body\./, '');
  const extra = /^ad\.extra(Headlines|Descriptions)(?:\.(\d+))?/.exec(clean);
  if (extra) {
    const kind = extra[1] === 'Headlines' ? 'headlines' : 'descriptions';
    return extra[2] === undefined ? kind : `${kind}.${Number(extra[2]) + 1}`;
  }
  if (/^ad\.assets\.imageHash/.test(clean)) return 'imageHash';
  const asset = /^ad\.assets\.(\w+)/.exec(clean);
  if (asset) return `assets.${asset[1]}`;
  const direct: [RegExp, string][] = [
    [/^adAccountId/, 'accountId'],
    [/^name$/, 'name'],
    [/^objective/, 'objective'],
    [/^budget\.kind/, 'budgetKind'],
    [/^budget/, 'amount'],
    [/^startDate/, 'startDate'],
    [/^endDate/, 'endDate'],
    [/^adGroup\.name/, 'adGroupName'],
    [/^adGroup\.countries/, 'countries'],
    [/^adGroup\.ageMin/, 'ageMin'],
    [/^adGroup\.ageMax/, 'ageMax'],
    [/^adGroup\.keywords/, 'keywords'],
    [/^adGroup/, 'adGroupName'],
    [/^ad\.name/, 'adName'],
    [/^ad\.headline/, 'headlines.0'],
    [/^ad\.description/, 'descriptions.0'],
    [/^ad\.finalUrl/, 'finalUrl'],
    [/^ad\.callToAction/, 'callToAction'],
    [/^ad/, 'adName'],
  ];
  return direct.find(([pattern]) => pattern.test(clean))?.[1] ?? null;
}
