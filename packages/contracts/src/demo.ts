import { z } from 'zod';

/** What the sign-in page may offer: the demo account exists only in sandbox mode. */
export const DemoOfferResponse = z
  .object({
    sandboxMode: z.boolean(),
    /** The demo sign-in while the demo user still has its generated password; always null in production mode. */
    demo: z.object({ email: z.string(), password: z.string() }).nullable(),
  })
  .meta({ id: 'DemoOffer' });
export type DemoOfferResponse = z.infer<typeof DemoOfferResponse>;
