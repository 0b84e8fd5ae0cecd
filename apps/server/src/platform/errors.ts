/** Every error code the API answers with, and its HTTP status. One map, one place. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  email_not_verified: 403,
  mfa_enrolment_required: 403,
  /** An operator still on the one-time password they were created with: only changing it is allowed. */
  password_change_required: 403,
  /** An operator suspended the organisation: reads work, writes do not (details give the reason). */
  organization_suspended: 403,
  /** Support is looking at the organisation read-only: the write was refused. */
  impersonation_read_only: 403,
  /** An organisation's monthly AI limit would be crossed: the call was not sent. */
  ai_cap_reached: 402,
  /** The organisation's invoice has been unpaid for 14 days: writes wait until it is paid (Settings › Billing). */
  billing_read_only: 402,
  /** The plan's limit for a metric (or a feature it lacks): details name the metric, used, limit and upgradeUrl. */
  plan_limit: 402,
  /** The object is over the plan's limit after a downgrade: read-only until the organisation chooses what to keep. */
  plan_read_only: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  /** Approving a proposal whose object's value moved since it was proposed. */
  stale_proposal: 409,
  gone: 410,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  unprocessable: 422,
  /** A change refused by a guardrail (details name it and its numbers). */
  guardrail_refused: 422,
  rate_limited: 429,
  internal: 500,
  upstream_failed: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure with a stable code; the HTTP layer turns it into the error shape. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on rate_limited. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('forbidden', message);

/** A 400 naming one field, for checks the schema cannot express (e.g. a common password). */
export function fieldError(field: string, message: string, location = 'body'): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, { issues: [{ location, field, message }] });
}
