import { z } from 'zod';
import nodemailer, { type Transporter } from 'nodemailer';
import { decryptSecret, encryptSecret } from '../../platform/crypto.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.types.ts';

export const Email = z.object({
  to: z.string().min(3),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
  attachments: z.array(z.object({ filename: z.string().min(1), contentType: z.string().min(3), contentBase64: z.string() })).optional(),
  headers: z.record(z.string(), z.string()).optional(),
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
  const deliver = smtpDelivery(options);
  return {
    name: 'email.send',
    payload: EmailPayload,
    retry: { limit: 5, delaySeconds: 5, backoff: true },
    clearPayloadWhenDone: true,
    async handler(payload) {
      await deliver(openEmail(options.secretKey, payload));
    },
  };
}

/** Sends one message over SMTP now (one transport per SMTP address, reused); throws when the server refuses it. */
export function smtpDelivery(options: { smtpUrl: () => string; from: string }): (email: Email) => Promise<void> {
  let transport: Transporter | null = null;
  let transportUrl = '';
  return async (email) => {
    const url = options.smtpUrl();
    if (!transport || transportUrl !== url) {
      transport = nodemailer.createTransport(url);
      transportUrl = url;
    }
    const attachments = email.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') }));
    await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, text: email.text, html: email.html, ...(attachments ? { attachments } : {}), ...(email.headers ? { headers: email.headers } : {}) });
  };
}
