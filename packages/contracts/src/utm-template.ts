import { z } from 'zod';
import { UTM_PLACEHOLDERS, unknownPlaceholders } from './utm.ts';

const TagValue = z
  .string()
  .trim()
  .max(200)
  .superRefine((value, ctx) => {
    const unknown = unknownPlaceholders(value);
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `{${unknown[0]}} is not a placeholder; use ${UTM_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
  });

/** An organisation's UTM template: each tag's value, with placeholders filled in when a campaign is created. */
export const UtmTemplateBody = z.strictObject({
  template: z.strictObject({ utm_source: TagValue, utm_medium: TagValue, utm_campaign: TagValue, utm_content: TagValue }),
});

export const UtmTemplateResponse = z
  .object({
    template: z.object({ utm_source: z.string(), utm_medium: z.string(), utm_campaign: z.string(), utm_content: z.string() }),
    /** True while the organisation has not set its own. */
    isDefault: z.boolean(),
    placeholders: z.array(z.string()),
  })
  .meta({ id: 'UtmTemplate' });
export type UtmTemplateResponse = z.infer<typeof UtmTemplateResponse>;
