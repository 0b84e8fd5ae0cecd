import { z } from 'zod';

export const MailboxMessage = z
  .object({
    id: z.uuid(),
    from: z.string(),
    to: z.array(z.string()),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    /** Every http(s) link found in the text part, in order. */
    links: z.array(z.string()),
    receivedAt: z.string(),
  })
  .meta({ id: 'MailboxMessage' });

export const MailboxQuery = z.strictObject({
  to: z.string().max(254).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const MailboxList = z.object({ items: z.array(MailboxMessage), nextCursor: z.string().nullable() });
export const MailboxParams = z.strictObject({ messageId: z.uuid() });

export const MetaResponse = z.object({
  mode: z.enum(['sandbox', 'production']),
  /** True when emails are caught locally and readable at /dev/mailbox. */
  devMailbox: z.boolean(),
  version: z.string(),
});
