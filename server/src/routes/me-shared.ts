import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../http/problems.js';
import { problemResponse, tooManyRequests } from '../schemas/common.js';

/** What the citizen's own routes (`/v1/me/…`) share: no query by default, the auth schemes, the usual errors. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
export const security: Array<Record<string, string[]>> = [{ dpop: [] }, { bearer: [] }];
export const errorResponses = {
  400: problemResponse('Invalid request (KA_VALIDATION)'),
  401: problemResponse('Not signed in, or the access token or DPoP proof is not valid (KA_UNAUTHENTICATED)'),
  403: problemResponse("The token may not be used from this page's origin (KA_FORBIDDEN)"),
  429: tooManyRequests,
};
export const stateChangeResponses = {
  ...errorResponses,
  415: problemResponse('The request body is not `application/json` (KA_VALIDATION)'),
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An onRequest hook: a CORS-safelisted request (text/plain, form, or no body type) never changes state. It needs no
 * preflight, so any page could send one; only application/json gets through, and that always needs a preflight.
 */
export async function jsonOnlyForStateChanges(request: FastifyRequest): Promise<void> {
  if (!STATE_CHANGING.has(request.method)) return;
  const type = (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError('KA_VALIDATION', 'Send this request with Content-Type: application/json', { status: 415 });
  }
}
