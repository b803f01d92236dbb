import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ApiError } from '../http/problems.js';

export interface MetricsRoutesOptions {
  /** METRICS_TOKEN: the monitoring system sends `Authorization: Bearer <token>`. Unset: loopback callers only. */
  token: string | undefined;
  /** API_URL, to warn when a public deployment has no token. */
  publicUrl: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `GET /metrics`: Prometheus text format. Source ids, municipality ids, outcomes and timings only; no personal
 * data, but a map of our back ends and their health that is nobody else's business. So it answers only the
 * monitoring system: a caller with METRICS_TOKEN, or, when none is configured, a caller on this machine (a local
 * Prometheus or a sidecar). Anyone else gets the same 404 as for a path that does not exist. Behind a reverse
 * proxy on the same host every caller looks local, so a deployment with a public API_URL should set the token.
 */
export const metricsRoutes: FastifyPluginAsync<MetricsRoutesOptions> = async (app, { token, publicUrl }) => {
  const expected = token === undefined ? null : Buffer.from(`Bearer ${token}`);
  if (expected === null && publicUrl !== undefined && !isLoopbackUrl(publicUrl)) {
    app.log.warn('METRICS_TOKEN is not set: GET /metrics answers loopback callers, which a proxy on this host is');
  }

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

function isLoopbackUrl(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
