import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error the API returns has one of these codes; each maps to one HTTP status. */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  upgrade_required: 426,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

export interface AppErrorOptions {
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** Sent as a response header, e.g. Retry-After on 429 and 503. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type of the API: thrown anywhere, rendered by `onError` in the shape of product.md. */
export class AppError extends HTTPException {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly headers: Record<string, string>;

  constructor({ code, message, details, headers = {}, cause }: AppErrorOptions) {
    super(errorStatus[code], { message, cause });
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export function codeForStatus(status: number): ErrorCode {
  const found = Object.entries(errorStatus).find(([, s]) => s === status);
  return (found?.[0] as ErrorCode | undefined) ?? (status >= 500 ? 'internal_error' : 'bad_request');
}
