import { z } from 'zod';
import nodemailer, { type Transporter } from 'nodemailer';
import { decryptSecret, encryptSecret } from '../../platform/crypto.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.types.ts';

export const Email = z.object({
  to: z.string().min(3),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
});
export type Email = z.infer<typeof Email>;

/**
 * The job carries the message sealed with the application key: emails hold reset, invitation and
 * verification links, and whoever reads the job table (a backup, a replica) must not be able to use them.
 */
export const EmailPayload = z.object({ sealed: z.string().startsWith('v1.') });

const EMAIL_AAD = 'job:email.send';

export function sealEmail(secretKey: string, email: Email): { sealed: string } {
  return { sealed: encryptSecret(secretKey, JSON.stringify(Email.parse(email)), EMAIL_AAD) };
}

export function openEmail(secretKey: string, payload: { sealed: string }): Email {
  return Email.parse(JSON.parse(decryptSecret(secretKey, payload.sealed, EMAIL_AAD)));
}

/**
 * `email.send`: delivers one message over SMTP. Retried with backoff when the server is down;
 * a retry after a crash mid-send may deliver twice, which is acceptable for these emails.
 * A delivered job keeps no content (`clearPayloadWhenDone`).
 */
export function emailSendJob(options: { smtpUrl: () => string; from: string; secretKey: string }): JobDefinition<typeof EmailPayload> {
  let transport: Transporter | null = null;
  let transportUrl = '';
  return {
    name: 'email.send',
    payload: EmailPayload,
    retry: { limit: 5, delaySeconds: 5, backoff: true },
    clearPayloadWhenDone: true,
    async handler(payload) {
      const email = openEmail(options.secretKey, payload);
      const url = options.smtpUrl();
      if (!transport || transportUrl !== url) {
        transport = nodemailer.createTransport(url);
        transportUrl = url;
      }
      await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, text: email.text, html: email.html });
    },
  };
}
