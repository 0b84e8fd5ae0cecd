import { z } from 'zod';
import nodemailer, { type Transporter } from 'nodemailer';
import type { JobDefinition } from '../../platform/jobs/jobs.types.ts';

export const EmailPayload = z.object({
  to: z.string().min(3),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
});

/**
 * `email.send`: delivers one message over SMTP. Retried with backoff when the server is down;
 * a retry after a crash mid-send may deliver twice, which is acceptable for these emails.
 */
export function emailSendJob(options: { smtpUrl: () => string; from: string }): JobDefinition<typeof EmailPayload> {
  let transport: Transporter | null = null;
  let transportUrl = '';
  return {
    name: 'email.send',
    payload: EmailPayload,
    retry: { limit: 5, delaySeconds: 5, backoff: true },
    async handler(email) {
      const url = options.smtpUrl();
      if (!transport || transportUrl !== url) {
        transport = nodemailer.createTransport(url);
        transportUrl = url;
      }
      await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, text: email.text, html: email.html });
    },
  };
}
