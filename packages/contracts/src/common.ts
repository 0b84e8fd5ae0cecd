import { z } from 'zod';

/** The one error shape every endpoint answers with. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** One entry of `details.issues` on a 400 validation error. */
export interface FieldIssue {
  /** Where the bad value was: body, query, params or headers. */
  location: string;
  /** Dotted path of the field, e.g. `email` or `members.0.role`. */
  field: string;
  message: string;
}

export const Uuid = z.uuid();
export const OrgParams = z.strictObject({ orgId: z.uuid() });

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }));

export const Password = z.string().min(1, 'Password is required').max(256);
export const NewPassword = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(256, 'Use at most 256 characters');

/** Keyset pagination: pass `nextCursor` back as `cursor` for the next page. */
export const PageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const Ok = z.object({ ok: z.literal(true) });
