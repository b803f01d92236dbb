// One error base class with a subclass per kind (the stripe-node pattern). Errors are built from the API's
// RFC 9457 problem+json; widgets translate them by `code`, never by message.
import type { Problem, ProblemCode } from './types.js';

/**
 * Every code a KuntaError may carry: the API's (`ProblemCode`, generated from the server's table) plus the SDK's
 * own, for failures that never reached the API. The widgets translate each, so a new API code without a
 * translation fails the type-check.
 */
export type KuntaErrorCode =
  ProblemCode | 'KA_NETWORK' | 'KA_TIMEOUT' | 'KA_SIGNIN_FAILED' | 'KA_SIGNIN_CANCELLED' | 'KA_UNKNOWN';

export interface KuntaErrorInit {
  code: KuntaErrorCode | (string & {});
  message?: string;
  status?: number;
  requestId?: string;
  problem?: Problem;
  retryAfter?: number;
  cause?: unknown;
}

// Anything that looks like a credential or a Finnish identity code is cut from messages: problem details
// come from a server we trust, but errors end up in consoles and bug reports.
const SECRET_PATTERNS: RegExp[] = [
  /\b(Bearer|DPoP)\s+[\w\-.~+/]+=*/gi,
  /\beyJ[\w-]*\.[\w-]*\.[\w-]*(\.[\w-]*\.[\w-]*)?/g,
  /\b\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]\b/g,
];

/** Removes token- and identity-code-shaped substrings from a message. */
export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

/** The base of every error the SDK throws. */
export class KuntaError extends Error {
  override readonly name: string = 'KuntaError';
  /** Stable machine code (`KA_*`); translate by this. */
  readonly code: string;
  /** HTTP status, when the API answered. */
  readonly status: number | undefined;
  /** The API's request id (problem `instance`), to quote to support. */
  readonly requestId: string | undefined;
  /** The problem document as received. */
  readonly problem: Problem | undefined;

  constructor(init: KuntaErrorInit) {
    super(redact(init.message ?? init.problem?.detail ?? init.problem?.title ?? init.code), { cause: init.cause });
    this.code = init.code;
    this.status = init.status ?? init.problem?.status;
    this.requestId = init.requestId ?? init.problem?.instance;
    this.problem = init.problem;
  }

  /** Builds the subclass that matches a problem document (by `code`, else by HTTP status). */
  static fromProblem(problem: Partial<Problem> | undefined, status: number, init: Partial<KuntaErrorInit> = {}) {
    return errorFromProblem(problem, status, init);
  }
}

/** 401: no session, or the session has expired. */
export class AuthenticationError extends KuntaError {
  override readonly name = 'AuthenticationError';
}
/** 403: signed in, but not allowed. */
export class PermissionError extends KuntaError {
  override readonly name = 'PermissionError';
}
/** 404: missing, or not yours (the API does not tell which). */
export class NotFoundError extends KuntaError {
  override readonly name = 'NotFoundError';
}
/** 400: the request was malformed. */
export class ValidationError extends KuntaError {
  override readonly name = 'ValidationError';
}
/** 429: too many requests; `retryAfter` in seconds when the API said. */
export class RateLimitError extends KuntaError {
  override readonly name = 'RateLimitError';
  readonly retryAfter: number | undefined;
  constructor(init: KuntaErrorInit) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}
/** 5xx: the API or every back end behind it is unavailable. */
export class UnavailableError extends KuntaError {
  override readonly name = 'UnavailableError';
}
/** The API could not be reached at all (offline, DNS, CORS refusal). */
export class NetworkError extends KuntaError {
  override readonly name = 'NetworkError';
}
/** The API did not answer within the timeout. */
export class TimeoutError extends KuntaError {
  override readonly name = 'TimeoutError';
}

/** True for any SDK error, also one thrown by another copy of the SDK on the page. */
export function isKuntaError(value: unknown): value is KuntaError {
  return (
    value instanceof KuntaError ||
    (value instanceof Error &&
      typeof (value as Partial<KuntaError>).code === 'string' &&
      /^KA_/.test((value as KuntaError).code))
  );
}

/** The subclass for each API code; a code added to the contract must be placed here too. */
const BY_CODE: Record<ProblemCode, new (init: KuntaErrorInit) => KuntaError> = {
  KA_UNAUTHENTICATED: AuthenticationError,
  KA_FORBIDDEN: PermissionError,
  KA_NOT_FOUND: NotFoundError,
  KA_VALIDATION: ValidationError,
  KA_RATE_LIMITED: RateLimitError,
  KA_SOURCES_UNAVAILABLE: UnavailableError,
  KA_INTERNAL: UnavailableError,
};

const CODE_BY_STATUS: Record<number, KuntaErrorCode> = {
  400: 'KA_VALIDATION',
  401: 'KA_UNAUTHENTICATED',
  403: 'KA_FORBIDDEN',
  404: 'KA_NOT_FOUND',
  422: 'KA_VALIDATION',
  429: 'KA_RATE_LIMITED',
  500: 'KA_INTERNAL',
  502: 'KA_SOURCES_UNAVAILABLE',
  503: 'KA_SOURCES_UNAVAILABLE',
  504: 'KA_SOURCES_UNAVAILABLE',
};

function errorFromProblem(
  raw: Partial<Problem> | undefined,
  status: number,
  init: Partial<KuntaErrorInit>,
): KuntaError {
  const problem = isProblem(raw) ? raw : undefined;
  const code =
    problem?.code && /^KA_[A-Z_]+$/.test(problem.code)
      ? problem.code
      : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'KA_INTERNAL' : 'KA_UNKNOWN'));
  const Kind = BY_CODE[code as ProblemCode] ?? (status >= 500 ? UnavailableError : KuntaError);
  return new Kind({
    ...init,
    code,
    status,
    problem,
    message: init.message ?? problem?.detail ?? problem?.title ?? `The API answered ${status}`,
  });
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string';
}
