import type { AdCopy } from '@adloop/contracts';
import { copyFormat, type CopyField } from '@adloop/contracts/copy-formats';

/** One text field of a copy, with its format and its texts, in the format's field order. */
export interface FieldTexts {
  name: string;
  format: CopyField;
  texts: string[];
}

/** The copy's text fields as the platform's format lists them (a missing field has no texts). */
export function fieldsOf(copy: AdCopy): FieldTexts[] {
  const values = new Map<string, unknown>(Object.entries(copy));
  return Object.entries(copyFormat(copy.platform).fields).map(([name, format]) => {
    const value = values.get(name);
    const texts = Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
    return { name, format, texts };
  });
}

/** The copy with its text fields replaced. */
export function withFields<C extends AdCopy>(copy: C, fields: readonly FieldTexts[]): C {
  const next: C = { ...copy };
  for (const field of fields) Object.assign(next, { [field.name]: field.texts });
  return next;
}

/** The copy's call to action, where its platform has the field. */
export const callToActionOf = (copy: AdCopy): string | undefined => ('callToAction' in copy ? copy.callToAction : undefined);
