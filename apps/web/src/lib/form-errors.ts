import { isApiError } from './api.ts';
import { withField } from './issue-messages.ts';

export interface FormErrors {
  /** Message per field of this form. */
  fields: Record<string, string>;
  /** What to show above the form: the error message when it names none of this form's fields. */
  form: string | null;
}

const NONE: FormErrors = { fields: {}, form: null };

/** Splits a failed request into per-field messages (for `fieldNames`) and a form-level message. */
export function formErrors(error: unknown, fieldNames: readonly string[]): FormErrors {
  if (!error) return NONE;
  if (!isApiError(error)) return { fields: {}, form: error instanceof Error ? error.message : 'Something went wrong' };
  const all = error.fieldErrors();
  const fields: Record<string, string> = {};
  let hasOther = error.issues.length === 0;
  for (const [field, message] of Object.entries(all)) {
    if (fieldNames.includes(field)) fields[field] = message;
    else hasOther = true;
  }
  return { fields, form: hasOther ? formMessage(error.message, all, fieldNames) : null };
}

function formMessage(message: string, all: Record<string, string>, fieldNames: readonly string[]): string {
  const others = Object.entries(all).filter(([field]) => !fieldNames.includes(field));
  return others.length ? others.map(([field, text]) => withField(field, text)).join('; ') : message;
}

/** Reads a form's text fields into a plain object (trimmed where asked). */
export function readForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  return values;
}
