import { MailboxList, MailboxMessage, MailboxParams, MailboxQuery, MetaResponse, ErrorResponse } from '@adloop/contracts';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isLoopbackHost } from '../../platform/http/trust-proxy.ts';
import { createDevMailboxRepository } from './dev-mailbox.repository.ts';

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof createDevMailboxRepository>['get']>>>;

const LINK = /https?:\/\/[^\s<>"')]+/g;

function present(row: Row) {
  return { ...row, links: row.text.match(LINK) ?? [], receivedAt: row.receivedAt.toISOString() };
}

/**
 * The dev mailbox: readable without signing in, because it is how a new user reads the
 * verification email. It exists only in sandbox mode with the local SMTP sink, and answers
 * only requests from this machine (not through a proxy).
 */
export function registerDevMailboxRoutes(app: App, ctx: AppContext, isEnabled: boolean): void {
  const mailbox = createDevMailboxRepository(ctx.db);
  app.get('/api/v1/meta', { schema: { tags: ['meta'], summary: 'What this server offers', response: { 200: MetaResponse } } }, async () => ({
    mode: ctx.config.mode,
    devMailbox: isEnabled,
    version: '0.1.0',
  }));
  if (!isEnabled) return;
  // Every caught email (reset links included) is in here: only someone on this machine may read it.
  const loopbackOnly = async (request: FastifyRequest) => {
    if (!isLoopbackHost(request.socket.remoteAddress ?? '') || !isLoopbackHost(request.ip)) throw notFound('Page');
  };

  app.get(
    '/api/v1/dev/mailbox',
    { onRequest: loopbackOnly, schema: { tags: ['dev'], summary: 'Emails caught by the local SMTP sink (sandbox mode, this machine only)', querystring: MailboxQuery, response: { 200: MailboxList, 404: ErrorResponse } } },
    async (request) => {
      const { to, cursor, limit } = request.query;
      let before: Date | undefined;
      if (cursor) {
        before = new Date(cursor);
        if (Number.isNaN(before.getTime())) throw new AppError('validation_failed', 'cursor: Invalid cursor', { issues: [{ location: 'querystring', field: 'cursor', message: 'Invalid cursor' }] });
      }
      const rows = await mailbox.list({ ...(to ? { to } : {}), ...(before ? { before } : {}), limit: limit + 1 });
      const items = rows.slice(0, limit).map(present);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return { items, nextCursor: last ? last.receivedAt.toISOString() : null };
    },
  );
  app.get(
    '/api/v1/dev/mailbox/:messageId',
    { onRequest: loopbackOnly, schema: { tags: ['dev'], summary: 'One caught email (this machine only)', params: MailboxParams, response: { 200: MailboxMessage, 404: ErrorResponse } } },
    async (request) => {
      const row = await mailbox.get(request.params.messageId);
      if (!row) throw notFound('Message');
      return present(row);
    },
  );
  app.delete('/api/v1/dev/mailbox', { schema: { tags: ['dev'], summary: 'Empty the dev mailbox' } }, async (_request, reply) => {
    await mailbox.clear();
    return reply.status(204).send();
  });
}
