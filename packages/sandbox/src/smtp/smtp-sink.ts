import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';

export interface CaughtMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>` for nodemailer. */
  url: string;
  close(): Promise<void>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((entry) => entry.value.map((a) => (a.address ?? '').toLowerCase())).filter(Boolean);
}

/**
 * A local SMTP server that accepts every message and hands it, parsed, to `onMessage`.
 * Used instead of a real mail server when none is configured (the dev mailbox).
 * Listens on 127.0.0.1 only; no TLS, no auth.
 */
export async function startSmtpSink(options: {
  port?: number;
  onMessage(message: CaughtMessage): Promise<void>;
  onError?(error: unknown): void;
}): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Adloop local mail sink',
    size: 10 * 1024 * 1024,
    logger: false,
    async onData(stream, _session, callback) {
      try {
        const parsed = await simpleParser(stream);
        await options.onMessage({
          from: addresses(parsed.from)[0] ?? '',
          to: addresses(parsed.to),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
        });
        callback();
      } catch (error) {
        options.onError?.(error);
        callback(error instanceof Error ? error : new Error('Could not store the message'));
      }
    },
  });
  server.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
