import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ApiError } from '../http/problems.js';

export interface MetricsRoutesOptions {
  /** METRICS_TOKEN: the monitoring system sends `Authorization: Bearer <token>`. Unset: loopback callers only. */
  token: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `GET /metrics`: Prometheus text format. Source ids, municipality ids, outcomes and timings only; no personal
 * data, but a map of our back ends and their health that is nobody else's business. So it answers only the
 * monitoring system: a caller with METRICS_TOKEN, or, when none is configured, a caller on this machine (a local
 * Prometheus or a sidecar). Anyone else gets the same 404 as for a path that does not exist.
 */
export const metricsRoutes: FastifyPluginAsync<MetricsRoutesOptions> = async (app, { token }) => {
  const expected = token === undefined ? null : Buffer.from(`Bearer ${token}`);

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayRead(request, expected)) throw new ApiError('KA_NOT_FOUND', 'No such resource');
    reply.header('Cache-Control', 'no-store');
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(app.metrics.render());
  });
};

function mayRead(request: FastifyRequest, expected: Buffer | null): boolean {
  if (expected === null) return LOOPBACK.has(request.socket.remoteAddress ?? '');
  const given = Buffer.from(request.headers.authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
