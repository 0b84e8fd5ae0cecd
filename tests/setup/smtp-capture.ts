import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import type { CaughtEmail } from './server.ts';

export interface CapturedEmail extends CaughtEmail {
  /** Every header, names lower-cased, values as sent (unfolded). */
  headers: Record<string, string>;
}

export interface SmtpCapture {
  url: string;
  messages: CapturedEmail[];
  /** Refuse the next `count` messages whose subject matches with a temporary failure (451), as a struggling server does. */
  failNext(count: number, subject?: RegExp): void;
  refused: number;
  waitFor(to: string, subject?: RegExp): Promise<CapturedEmail>;
  close(): Promise<void>;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((entry) => entry.value.map((a) => (a.address ?? '').toLowerCase()));

/** An SMTP server for tests that keeps every message with its headers and can be told to refuse some. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  let failures: { count: number; subject?: RegExp | undefined } = { count: 0 };
  const capture: SmtpCapture = {
    url: '',
    messages: [],
    refused: 0,
    failNext(count, subject) {
      failures = { count, subject };
    },
    async waitFor(to, subject) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const match = [...capture.messages].reverse().find((m) => m.to.includes(to.toLowerCase()) && (!subject || subject.test(m.subject)));
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`No email to ${to}${subject ? ` matching ${subject}` : ''} within 15 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    async onData(stream, _session, callback) {
      const parsed = await simpleParser(stream);
      const subject = parsed.subject ?? '';
      if (failures.count > 0 && (!failures.subject || failures.subject.test(subject))) {
        failures.count -= 1;
        capture.refused += 1;
        const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
        callback(error);
        return;
      }
      const text = parsed.text ?? '';
      capture.messages.push({
        id: String(capture.messages.length + 1),
        to: addresses(parsed.to),
        subject,
        text,
        html: typeof parsed.html === 'string' ? parsed.html : '',
        links: text.match(/https?:\/\/[^\s)>\]]+/g) ?? [],
        headers: Object.fromEntries(parsed.headerLines.map((h) => [h.key.toLowerCase(), h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim()])),
      });
      callback();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  capture.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}
