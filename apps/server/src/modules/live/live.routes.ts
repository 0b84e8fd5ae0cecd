import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { ErrorResponse, OrgParams } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { formatComment, formatEvent, formatRetry } from '../../platform/live/sse.ts';
import { requireOrgAccess, stillHasOrgAccess, type OrgAccess } from '../auth/auth.guard.ts';
import { liveEventFilter } from './live-scope.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';

/** EventSource waits this long before reconnecting after the stream ends. */
const RETRY_MS = 3_000;
/** Open streams per person (or API key) across their tabs and organisations. */
export const MAX_STREAMS_PER_HOLDER = 10;
/** A client that reads nothing is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1 << 20;

const holderOf = (access: OrgAccess) => (access.actor.kind === 'user' ? `user:${access.actor.userId}` : `key:${access.actor.keyId}`);

const STREAM_DESCRIPTION = [
  'Server-Sent Events: hints about what changed in the organisation, so a client reads it again.',
  'Events: `sync` {adAccountId, state} when an account sync starts and ends; `change` {changeId, campaignId, status} when a campaign change is requested, applied, fails or conflicts;',
  '`notification` when someone in the organisation gets a notification. Each as `event: <type>`, `data: <json>`, `id: <n>`; a comment heartbeat every 20 s (`LIVE_HEARTBEAT_SECONDS`), each after checking the reader may still read the organisation (the stream ends when not).',
  `At most ${MAX_STREAMS_PER_HOLDER} open streams per person or API key (429 beyond).`,
].join(' ');

export function registerLiveRoutes(app: App, ctx: AppContext): void {
  const openByHolder = new Map<string, number>();
  const open = new Set<ServerResponse>();
  // Streams never end by themselves: end them so the server can close.
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });

  app.get(
    '/api/v1/orgs/:orgId/events',
    {
      schema: {
        tags: ['live'],
        summary: 'Live updates for this organisation (Server-Sent Events)',
        description: STREAM_DESCRIPTION,
        params: OrgParams,
        response: {
          200: { description: 'An endless `text/event-stream`', content: { 'text/event-stream': { schema: z.string() } } },
          ...orgRouteErrors,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      const holder = holderOf(access);
      const count = openByHolder.get(holder) ?? 0;
      if (count >= MAX_STREAMS_PER_HOLDER) {
        throw new AppError('rate_limited', `At most ${MAX_STREAMS_PER_HOLDER} live-update streams can be open at once; close another tab`, undefined, { 'retry-after': '30' });
      }
      openByHolder.set(holder, count + 1);
      const raw = reply.raw;
      let nextId = 0;
      let heartbeat: NodeJS.Timeout | null = null;
      let unsubscribe: (() => void) | null = null;
      let isClosed = false;
      const cleanup = () => {
        if (isClosed) return;
        isClosed = true;
        open.delete(raw);
        if (heartbeat) clearInterval(heartbeat);
        unsubscribe?.();
        const left = (openByHolder.get(holder) ?? 1) - 1;
        if (left > 0) openByHolder.set(holder, left);
        else openByHolder.delete(holder);
      };
      raw.on('close', cleanup);
      raw.on('error', cleanup);
      open.add(raw);

      reply.hijack();
      const send = (text: string) => {
        if (isClosed) return;
        if (raw.writableLength > MAX_BUFFERED_BYTES) {
          raw.destroy();
          return;
        }
        raw.write(text);
      };
      // A member hears about their assigned accounts only; the chain keeps events in order.
      const isVisible = liveEventFilter(ctx.db, access);
      let delivered = Promise.resolve();
      unsubscribe = await ctx.live.subscribe(access.orgId, (event) => {
        delivered = delivered
          .then(async () => {
            if (await isVisible(event)) send(formatEvent(++nextId, event));
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'live stream: event check failed'));
      });
      if (isClosed) {
        unsubscribe();
        return;
      }
      // Hijacked replies skip Fastify's send path: carry over the headers hooks set (helmet's).
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      send(formatRetry(RETRY_MS));
      send(formatComment('connected'));
      // Each heartbeat checks the access still holds (session signed out or expired, member
      // removed, key revoked): when it does not, the stream ends and the reconnect gets the 401/404.
      heartbeat = setInterval(() => {
        void stillHasOrgAccess(ctx, access, 'data:read')
          .then((allowed) => (allowed ? send(formatComment('heartbeat')) : raw.end()))
          .catch((error: unknown) => request.log.warn({ err: error }, 'live stream: access check failed'));
      }, ctx.config.liveHeartbeatMs);
    },
  );
}
