import { z } from 'zod';
import { ErrorResponse } from '@adloop/contracts';

/** Error answers every organisation route can give, listed once for the OpenAPI document. */
export const orgRouteErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
} as const;

export const conflictErrors = { ...orgRouteErrors, 409: ErrorResponse } as const;

/** 204 answers: Fastify sends no body for 204, whatever is passed to `send`. */
export const noContent = { 204: z.null().meta({ description: 'No content' }) } as const;
