import { z } from 'zod';
import {
  ChangeEmailBody,
  ChangePasswordBody,
  ErrorResponse,
  MeResponse,
  MfaDisableBody,
  MfaEnableBody,
  MfaEnableResponse,
  MfaSetupResponse,
  Ok,
  SessionList,
  SessionParams,
  UpdateMeBody,
  UserResponse,
} from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { clearSessionCookies, requireUser } from './auth.guard.ts';
import { clientInfo } from './auth.context.ts';
import { getMe, requestEmailChange, updateProfile } from './account.service.ts';
import { disableMfa, enableMfa, setupMfa } from './mfa.service.ts';
import { changePassword } from './password-change.service.ts';
import { listSessions, revokeSession } from './sessions.service.ts';

const tags = ['auth'];
/** Fastify sends no body for 204, whatever is passed to `send`. */
const noContent = { 204: z.null().meta({ description: 'No content' }) };
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

/** The signed-in person's own account: profile, password, email, sessions and MFA. */
export function registerMeRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/me', { schema: { tags, summary: 'The signed-in user and their organisations', response: { 200: MeResponse, 401: ErrorResponse } } }, async (request) => {
    const actor = await requireUser(ctx, request);
    return getMe(ctx, actor.userId);
  });

  app.patch('/api/v1/me', { schema: { tags, summary: 'Update your profile', body: UpdateMeBody, response: { 200: UserResponse, ...errors } } }, async (request) => {
    const actor = await requireUser(ctx, request);
    return { user: await updateProfile(ctx, actor.userId, request.body, auditSource(request, actor)) };
  });

  app.post(
    '/api/v1/me/password',
    { schema: { tags, summary: 'Change your password; ends every other session', body: ChangePasswordBody, response: { 200: Ok, ...errors } } },
    async (request) => {
      const actor = await requireUser(ctx, request);
      await changePassword(ctx, actor, request.body, clientInfo(request), auditSource(request, actor));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/me/email',
    { schema: { tags, summary: 'Change your email: a confirmation link goes to the new address', body: ChangeEmailBody, response: { 202: Ok, ...errors } } },
    async (request, reply) => {
      const actor = await requireUser(ctx, request);
      await requestEmailChange(ctx, actor.userId, request.body, clientInfo(request), auditSource(request, actor));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.get('/api/v1/me/sessions', { schema: { tags, summary: 'Your signed-in sessions', response: { 200: SessionList, 401: ErrorResponse } } }, async (request) => {
    const actor = await requireUser(ctx, request);
    return { items: await listSessions(ctx, actor.userId, actor.sessionId) };
  });

  app.delete(
    '/api/v1/me/sessions/:sessionId',
    { schema: { tags, summary: 'Sign out one of your sessions', params: SessionParams, response: { ...noContent, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      const actor = await requireUser(ctx, request);
      await revokeSession(ctx, actor.userId, request.params.sessionId, auditSource(request, actor));
      if (request.params.sessionId === actor.sessionId) clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.post('/api/v1/me/mfa/setup', { schema: { tags, summary: 'Start two-factor set-up: a new secret and its QR code', response: { 200: MfaSetupResponse, ...errors, 409: ErrorResponse } } }, async (request) => {
    const actor = await requireUser(ctx, request);
    return setupMfa(ctx, actor.userId);
  });

  app.post(
    '/api/v1/me/mfa/enable',
    { schema: { tags, summary: 'Turn two-factor on with a code; returns 10 recovery codes (shown once)', body: MfaEnableBody, response: { 200: MfaEnableResponse, ...errors, 409: ErrorResponse } } },
    async (request) => {
      const actor = await requireUser(ctx, request);
      return { recoveryCodes: await enableMfa(ctx, actor.userId, request.body.code, clientInfo(request), auditSource(request, actor)) };
    },
  );

  app.post(
    '/api/v1/me/mfa/disable',
    { schema: { tags, summary: 'Turn two-factor off (password and a code)', body: MfaDisableBody, response: { 200: Ok, ...errors, 409: ErrorResponse } } },
    async (request) => {
      const actor = await requireUser(ctx, request);
      await disableMfa(ctx, actor.userId, request.body, clientInfo(request), auditSource(request, actor));
      return { ok: true as const };
    },
  );
}
