import { z } from 'zod';
import { page } from './common.ts';
import { BrandVoice } from './copy.ts';

/**
 * AI settings and usage: an organisation's brand voice and monthly AI limit, what its AI calls
 * cost this month, and (for operators) every organisation's usage. Money is in micros of USD.
 */

/** What an AI call was for. */
export const AiFeature = z.enum(['copy', 'allocation', 'anomaly', 'forecast', 'report']);
export type AiFeature = z.infer<typeof AiFeature>;

/** `reserved`: under way (its worst case held); `settled`: done; `failed`: the provider did not answer usefully; `refused`: not sent, the limit was reached. */
export const AiCallStatus = z.enum(['reserved', 'settled', 'failed', 'refused']);
export type AiCallStatus = z.infer<typeof AiCallStatus>;

const Micros = z.number().int().nonnegative();
/** Highest monthly limit an organisation may set: USD 1,000,000. */
export const MAX_AI_CAP_MICROS = 1_000_000 * 1_000_000;

export const AiSettings = z
  .object({
    brandVoice: BrandVoice,
    /** The organisation's own monthly limit; null: the plan's allowance (`defaultCapMicros`). */
    monthlyCapMicros: Micros.nullable(),
    defaultCapMicros: Micros,
    /** The limit in force. */
    capMicros: Micros,
    /** Owners and admins may change the limit. */
    canChangeCap: z.boolean(),
    /** Whether the caller may change the brand voice. */
    canEdit: z.boolean(),
    /** False when the server has no AI provider (copy comes from templates). */
    aiAvailable: z.boolean(),
    updatedAt: z.iso.datetime().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'AiSettings' });
export type AiSettings = z.infer<typeof AiSettings>;

/**
 * Each part optional; what is not sent stays. A sent `brandVoice` replaces the stored one as a whole
 * (a list it leaves out is empty). `monthlyCapMicros: null` goes back to the plan's allowance.
 */
export const AiSettingsBody = z
  .strictObject({
    brandVoice: z.strictObject(BrandVoice.shape).optional(),
    monthlyCapMicros: z.number().int().min(0).max(MAX_AI_CAP_MICROS, 'must be at most USD 1,000,000').nullable().optional(),
  })
  .meta({ id: 'AiSettingsBody' });
export type AiSettingsBody = z.input<typeof AiSettingsBody>;

/** A calendar month (UTC) `YYYY-MM` (a new schema each time: a shared one becomes a `$ref` the query-string docs cannot follow). */
const usageMonth = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month such as 2026-12');

export const AiUsageQuery = z.strictObject({
  month: usageMonth().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const AiCall = z
  .object({
    id: z.uuid(),
    feature: AiFeature,
    userId: z.string().nullable(),
    userLabel: z.string().nullable(),
    provider: z.string(),
    model: z.string(),
    status: AiCallStatus,
    tokensIn: z.number().int(),
    tokensOut: z.number().int(),
    costMicros: Micros,
    /** The worst case held while it ran. */
    reservedMicros: Micros,
    error: z.string().nullable(),
    createdAt: z.iso.datetime(),
    settledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AiCall' });
export type AiCall = z.infer<typeof AiCall>;

const Tally = { calls: z.number().int(), costMicros: Micros, tokensIn: z.number().int(), tokensOut: z.number().int() };

export const AiUsage = z
  .object({
    month: z.string(),
    capMicros: Micros,
    spentMicros: Micros,
    /** Worst cases of calls under way. */
    reservedMicros: Micros,
    /** spent / cap (0 when the cap is 0 and nothing was spent; may pass 1 only by a lowered cap). */
    share: z.number(),
    /** The 80 % warning went out this month. */
    warned: z.boolean(),
    warnedAt: z.iso.datetime().nullable(),
    /** When a call was first refused at the limit this month. */
    cappedAt: z.iso.datetime().nullable(),
    /** Calls sent (settled, failed, under way); refused ones are counted apart. */
    calls: z.number().int(),
    refused: z.number().int(),
    failed: z.number().int(),
    tokensIn: z.number().int(),
    tokensOut: z.number().int(),
    /** Copy generations made this month. */
    generations: z.number().int(),
    byUser: z.array(z.object({ userId: z.string().nullable(), userLabel: z.string().nullable(), ...Tally })),
    byFeature: z.array(z.object({ feature: AiFeature, ...Tally })),
    /** Newest first; page on with `cursor`. */
    recent: page(AiCall),
  })
  .meta({ id: 'AiUsage' });
export type AiUsage = z.infer<typeof AiUsage>;

export const OperatorAiUsageQuery = z.strictObject({ month: usageMonth().optional() });

export const OperatorAiUsage = z
  .object({
    month: z.string(),
    items: z.array(
      z.object({
        orgId: z.uuid(),
        orgName: z.string(),
        calls: z.number().int(),
        refused: z.number().int(),
        tokensIn: z.number().int(),
        tokensOut: z.number().int(),
        costMicros: Micros,
        capMicros: Micros,
        share: z.number(),
        warned: z.boolean(),
      }),
    ),
    totals: z.object({ calls: z.number().int(), tokensIn: z.number().int(), tokensOut: z.number().int(), costMicros: Micros }),
  })
  .meta({ id: 'OperatorAiUsage' });
export type OperatorAiUsage = z.infer<typeof OperatorAiUsage>;
