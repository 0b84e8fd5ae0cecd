import { z } from 'zod';
import {
  ErrorResponse,
  GoogleCallbackQuery,
  GoogleLinkConfirmed,
  GoogleLinkPasswordBody,
  GoogleLinkPending,
  GoogleSignInStatus,
  GoogleStartQuery,
  LinkedIdentityList,
  LinkedIdentityParams,
  Ok,
  SignInResponse,
  TokenBody,
} from '@adloop/contracts';
import type { FastifyReply } from 'fastify';
import type { App } from '../../../platform/http/app.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditSource } from '../../audit/audit.writer.ts';
import { clientInfo, toUserDto } from '../auth.context.ts';
import { authenticate, requireUser, SESSION_COOKIE, setSessionCookies } from '../auth.guard.ts';
import { confirmLinkByEmail, confirmLinkWithPassword, emailLinkConfirmation, getPendingLink, listLinkedIdentities, unlinkIdentity } from './google-link.service.ts';
import { resolveGoogleProvider } from './google-oidc.client.ts';
import { completeGoogleSignIn, LINK_REQUEST_MINUTES, startGoogleSignIn } from './google-sign-in.service.ts';

const tags = ['auth'];
const noContent = { 204: z.null().meta({ description: 'No content' }) };
const redirectOnly = { 302: z.null().meta({ description: 'Redirect' }) };
/** Sent only to the Google sign-in routes, never readable by scripts. */
const COOKIE_PATH = '/api/v1/auth/google';
const STATE_COOKIE = 'adloop_google_state';
const LINK_COOKIE = 'adloop_google_link';

function setFlowCookie(ctx: AppContext, reply: FastifyReply, name: string, value: string, minutes: number): void {
  void reply.setCookie(name, value, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: ctx.config.isHttps, maxAge: minutes * 60 });
}

/** Sign in with Google (OpenID Connect): start, callback, confirming a link, and linked accounts in Settings. */
export function registerGoogleSignInRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/auth/google', { schema: { tags, summary: 'Whether Sign in with Google is offered', response: { 200: GoogleSignInStatus } } }, async () => ({
    enabled: resolveGoogleProvider(ctx) !== null,
  }));

  app.get(
    '/api/v1/auth/google/start',
    { schema: { tags, summary: 'Send the browser to Google to sign in', querystring: GoogleStartQuery, response: { ...redirectOnly, 400: ErrorResponse } } },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      try {
        const actor = request.query.intent === 'link' ? await authenticate(ctx, request) : null;
        if (request.query.intent === 'link' && actor?.kind !== 'user') return await reply.redirect('/sign-in', 302);
        const started = await startGoogleSignIn(ctx, request.query.redirect ?? null, actor?.kind === 'user' ? actor.userId : null);
        setFlowCookie(ctx, reply, STATE_COOKIE, started.state, 10);
        return await reply.redirect(started.url, 302);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply.redirect(`/google-sign-in?error=${error.code === 'not_found' ? 'unavailable' : 'failed'}`, 302);
      }
    },
  );

  app.get(
    '/api/v1/auth/google/callback',
    { schema: { tags, summary: 'Where Google sends the browser back; signs in, or asks the existing account to confirm the link', querystring: GoogleCallbackQuery, response: redirectOnly } },
    async (request, reply) => {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const outcome = await completeGoogleSignIn(ctx, {
        query: request.query, search, stateCookie: request.cookies[STATE_COOKIE], previousSessionToken: request.cookies[SESSION_COOKIE],
      }, clientInfo(request));
      void reply.header('cache-control', 'no-store').clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
      if (outcome.status === 'failed') return reply.redirect(`/google-sign-in?error=${outcome.reason}`, 302);
      if (outcome.status === 'link_required') {
        setFlowCookie(ctx, reply, LINK_COOKIE, outcome.linkToken, LINK_REQUEST_MINUTES);
        return reply.redirect('/link-google', 302);
      }
      setSessionCookies(ctx, reply, outcome.session.token, outcome.session.csrf);
      const redirect = outcome.returnTo ? `&redirect=${encodeURIComponent(outcome.returnTo)}` : '';
      if (outcome.status === 'mfa_required') return reply.redirect(`/google-sign-in?step=mfa${redirect}`, 302);
      return reply.redirect(outcome.returnTo ?? '/', 302);
    },
  );

  app.get(
    '/api/v1/auth/google/link',
    { schema: { tags, summary: 'The Google sign-in in this browser waiting for its Adloop account to confirm the link', response: { 200: GoogleLinkPending, 410: ErrorResponse } } },
    async (request) => getPendingLink(ctx, request.cookies[LINK_COOKIE]),
  );

  app.post(
    '/api/v1/auth/google/link',
    {
      schema: {
        tags, summary: 'Confirm the link with the Adloop account’s password, then sign in', body: GoogleLinkPasswordBody,
        response: { 200: SignInResponse, 400: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const result = await confirmLinkWithPassword(ctx, request.cookies[LINK_COOKIE], request.body.password, clientInfo(request), request.cookies[SESSION_COOKIE]);
      void reply.clearCookie(LINK_COOKIE, { path: COOKIE_PATH });
      setSessionCookies(ctx, reply, result.session.token, result.session.csrf);
      return result.status === 'signed_in' ? { status: 'signed_in' as const, user: toUserDto(result.user) } : { status: 'mfa_required' as const };
    },
  );

  app.post(
    '/api/v1/auth/google/link/email',
    { schema: { tags, summary: 'Email the Adloop account a link that confirms linking Google', response: { 202: Ok, 410: ErrorResponse } } },
    async (request, reply) => {
      await emailLinkConfirmation(ctx, request.cookies[LINK_COOKIE]);
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/v1/auth/google/link/confirm',
    { schema: { tags, summary: 'Link the Google account with the emailed token', body: TokenBody, response: { 200: GoogleLinkConfirmed, 400: ErrorResponse, 409: ErrorResponse } } },
    async (request) => confirmLinkByEmail(ctx, request.body.token, clientInfo(request)),
  );

  app.get(
    '/api/v1/me/identities',
    { schema: { tags, summary: 'Google accounts that can sign in as you', response: { 200: LinkedIdentityList, 401: ErrorResponse } } },
    async (request) => {
      const actor = await requireUser(ctx, request);
      return { items: await listLinkedIdentities(ctx, actor.userId) };
    },
  );

  app.delete(
    '/api/v1/me/identities/:identityId',
    { schema: { tags, summary: 'Unlink a Google account', params: LinkedIdentityParams, response: { ...noContent, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      const actor = await requireUser(ctx, request);
      await unlinkIdentity(ctx, actor.userId, request.params.identityId, auditSource(request, actor));
      return reply.status(204).send(null);
    },
  );
}
