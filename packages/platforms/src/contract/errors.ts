/** The error classes every adapter maps its platform's errors to. */
import type { PlatformId } from './common.ts';

/** Error classes every adapter maps its platform's errors to. */
export type PlatformErrorKind =
  | 'auth_expired'
  | 'rate_limited'
  | 'invalid_request'
  | 'permission'
  | 'not_found'
  | 'transient'
  | 'report_too_large';

export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly details: {
      platform: PlatformId;
      /** The platform's own message, shown to people as is. */
      platformMessage?: string | undefined;
      platformCode?: string | number | undefined;
      /** The offending field, for invalid_request. */
      field?: string | undefined;
      /** Seconds to wait, for rate_limited, from the platform's hint when it gave one. */
      retryAfterSeconds?: number | undefined;
      httpStatus?: number | undefined;
    },
  ) {
    super(message);
  }

  get isRetryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient';
  }
}
