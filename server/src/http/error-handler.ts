import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, PROBLEM_CONTENT_TYPE, PROBLEMS, problemType, type ProblemCode } from './problems.js';
import type { Problem } from '../schemas/common.js';

/** Renders every error and every unknown route as problem+json; 5xx details stay in the log. */
export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
      if (error instanceof ApiError) {
        // Our own 5xx (e.g. every source down) are expected conditions: a line, not a stack trace.
        if (error.status >= 500) request.log.warn({ code: error.code }, error.message);
        return sendProblem(request, reply, error.code, error.detail, error.status, error.headers);
      }
      if (error.validation) {
        // Ajv's message names the field and the rule (e.g. `params/id must match pattern …`), never a value.
        return sendProblem(request, reply, 'KA_VALIDATION', error.message);
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // Fastify's own client errors (bad JSON, too large, unsupported media type): keep their status.
        const code: ProblemCode =
          status === 404 ? 'KA_NOT_FOUND' : status === 429 ? 'KA_RATE_LIMITED' : 'KA_VALIDATION';
        return sendProblem(request, reply, code, PROBLEMS[code].title, status);
      }
      request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, 'KA_INTERNAL');
    });

    app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'KA_NOT_FOUND', 'No such resource'));
  },
  { name: 'ka-error-handler' },
);

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  detail?: string,
  status: number = PROBLEMS[code].status,
  headers: Record<string, string> = {},
): FastifyReply {
  const body: Problem = {
    type: problemType(code),
    title: PROBLEMS[code].title,
    status,
    code,
    ...(detail !== undefined && status < 500 ? { detail } : {}),
    instance: request.id,
  };
  return reply.code(status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
