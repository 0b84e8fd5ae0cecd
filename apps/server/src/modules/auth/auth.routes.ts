import { z } from 'zod';
import {
  EmailBody,
  ErrorResponse,
  MfaSignInBody,
  Ok,
  ResetPasswordBody,
  SignedInResponse,
  SignInBody,
  SignInResponse,
  SignUpBody,
  TokenBody,
  UserResponse,
} from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { assertCsrf, authenticate, clearSessionCookies, SESSION_COOKIE, setSessionCookies } from './auth.guard.ts';
import { clientInfo } from './auth.context.ts';
import { resendVerification, signUp, verifyEmail } from './auth.service.ts';
import { confirmEmailChange } from './account.service.ts';
import { forgotPassword, resetPassword } from './password-change.service.ts';
import { completeMfaSignIn, signIn, signOut } from './sign-in.service.ts';
import { registerMeRoutes } from './me.routes.ts';
import { reserveEmailRequest, runAfterAnswer } from './email-requests.ts';
import { DEVICE_COOKIE, rememberDevice } from './trusted-device.ts';
import { registerGoogleSignInRoutes } from './google/google-sign-in.routes.ts';

const tags = ['auth'];
/** Fastify sends no body for 204, whatever is passed to `send`. */
const noContent = { 204: z.null().meta({ description: 'No content' }) };
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

/** Public auth endpoints (sign-up, sign-in, email links) plus the signed-in `/me` ones. */
export function registerAuthRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/v1/auth/sign-up',
    { schema: { tags, summary: 'Create an account and send the verification email', body: SignUpBody, response: { 201: UserResponse, 400: ErrorResponse, 429: ErrorResponse } } },
    async (request, reply) => {
      await reserveEmailRequest(ctx, request.body.email, request.ip);
      return reply.status(201).send({ user: await signUp(ctx, request.body, clientInfo(request)) });
    },
  );

  app.post(
    '/api/v1/auth/verify-email',
    { schema: { tags, summary: 'Verify the email address with the emailed token', body: TokenBody, response: { 200: Ok, 400: ErrorResponse } } },
    async (request) => {
      await verifyEmail(ctx, request.body.token, clientInfo(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/resend-verification',
    { schema: { tags, summary: 'Send a new verification email (answers 202 whether or not the account exists)', body: EmailBody, response: { 202: Ok, 429: ErrorResponse } } },
    async (request, reply) => {
      await reserveEmailRequest(ctx, request.body.email, request.ip);
      runAfterAnswer(ctx, 'resend-verification', () => resendVerification(ctx, request.body.email));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    { schema: { tags, summary: 'Sign in with email and password', body: SignInBody, response: { 200: SignInResponse, ...errors } } },
    async (request, reply) => {
      const result = await signIn(ctx, request.body, clientInfo(request), request.cookies[SESSION_COOKIE], request.cookies[DEVICE_COOKIE]);
      setSessionCookies(ctx, reply, result.session.token, result.session.csrf);
      if (result.response.status === 'signed_in') rememberDevice(ctx, reply, result.response.user.email);
      return result.response;
    },
  );

  app.post(
    '/api/v1/auth/sign-in/mfa',
    { schema: { tags, summary: 'Finish signing in with an authenticator or recovery code', body: MfaSignInBody, response: { 200: SignedInResponse, ...errors } } },
    async (request, reply) => {
      // The pending session is not an active one, so the guard does not check CSRF for it: do it here.
      assertCsrf(ctx, request, request.cookies[SESSION_COOKIE] ?? '');
      const result = await completeMfaSignIn(ctx, request.cookies[SESSION_COOKIE], request.body.code, clientInfo(request), request.cookies[DEVICE_COOKIE]);
      setSessionCookies(ctx, reply, result.session.token, result.session.csrf);
      rememberDevice(ctx, reply, result.user.email);
      return { status: 'signed_in' as const, user: result.user };
    },
  );

  app.post('/api/v1/auth/sign-out', { schema: { tags, summary: 'End the current session', response: { ...noContent, 403: ErrorResponse } } }, async (request, reply) => {
    // Resolving the caller enforces CSRF for an active session before anything changes.
    await authenticate(ctx, request);
    await signOut(ctx, request.cookies[SESSION_COOKIE], clientInfo(request));
    clearSessionCookies(reply);
    return reply.status(204).send(null);
  });

  app.post(
    '/api/v1/auth/forgot-password',
    { schema: { tags, summary: 'Email a password reset link (answers 202 whether or not the account exists)', body: EmailBody, response: { 202: Ok, 429: ErrorResponse } } },
    async (request, reply) => {
      await reserveEmailRequest(ctx, request.body.email, request.ip);
      runAfterAnswer(ctx, 'forgot-password', () => forgotPassword(ctx, request.body.email));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/v1/auth/reset-password',
    { schema: { tags, summary: 'Set a new password with the emailed token; ends every session', body: ResetPasswordBody, response: { 200: Ok, 400: ErrorResponse } } },
    async (request, reply) => {
      await resetPassword(ctx, request.body, clientInfo(request));
      clearSessionCookies(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/confirm-email-change',
    { schema: { tags, summary: 'Confirm a new email address with the token sent to it', body: TokenBody, response: { 200: Ok, 400: ErrorResponse, 409: ErrorResponse } } },
    async (request) => {
      await confirmEmailChange(ctx, request.body.token, clientInfo(request));
      return { ok: true as const };
    },
  );

  registerMeRoutes(app, ctx);
  registerGoogleSignInRoutes(app, ctx);
}
