import { z } from 'zod';

/** The operator's details for the public legal pages (privacy, terms, cookies, security, data residency). */
export const LegalInfo = z.object({
  companyName: z.string(),
  address: z.string(),
  contactEmail: z.string(),
  dataRegion: z.string(),
  /** `mailto:` or `https:` URIs from security.txt, most preferred first. */
  securityContacts: z.array(z.string()),
});
export type LegalInfo = z.infer<typeof LegalInfo>;
