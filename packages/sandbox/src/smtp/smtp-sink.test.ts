import { afterAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { startSmtpSink, type CaughtMessage, type SmtpSink } from './smtp-sink.ts';

describe('SMTP sink', () => {
  const caught: CaughtMessage[] = [];
  let sink: SmtpSink;
  afterAll(async () => sink?.close());

  it('receives a message over SMTP with its text and HTML parts', async () => {
    sink = await startSmtpSink({ onMessage: async (m) => void caught.push(m) });
    const transport = nodemailer.createTransport(sink.url);
    await transport.sendMail({
      from: 'Adloop <no-reply@adloop.local>',
      to: 'Ana@Example.com',
      subject: 'Verify your email',
      text: 'Open https://example.test/verify?token=abc',
      html: '<p><a href="https://example.test/verify?token=abc">Verify</a></p>',
    });
    expect(caught).toHaveLength(1);
    expect(caught[0]).toMatchObject({ to: ['ana@example.com'], subject: 'Verify your email', from: 'no-reply@adloop.local' });
    expect(caught[0]?.text).toContain('token=abc');
    expect(caught[0]?.html).toContain('<a href=');
  });
});
