/** The one table of error codes (docs/contracts.md). Each is rendered as RFC 9457 problem+json. */
export const PROBLEMS = {
  KA_UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  KA_FORBIDDEN: { status: 403, title: 'Forbidden' },
  KA_NOT_FOUND: { status: 404, title: 'Not found' },
  KA_VALIDATION: { status: 400, title: 'Invalid request' },
  KA_RATE_LIMITED: { status: 429, title: 'Too many requests' },
  KA_SOURCES_UNAVAILABLE: { status: 503, title: 'Source systems unavailable' },
  KA_INTERNAL: { status: 500, title: 'Internal error' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(code: ProblemCode): string {
  return `urn:kunta-akkuna:problem:${code.slice(3).toLowerCase().replaceAll('_', '-')}`;
}

/**
 * An error we mean to show the caller. `detail` must be safe to show: never an identity code, a token or a
 * back-end message. `headers` go on the response (e.g. WWW-Authenticate).
 */
export class ApiError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, detail?: string, options: { headers?: Record<string, string>; status?: number } = {}) {
    super(detail ?? PROBLEMS[code].title);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? PROBLEMS[code].status;
    this.detail = detail;
    this.headers = options.headers ?? {};
  }
}
