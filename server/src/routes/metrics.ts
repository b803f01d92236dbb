import type { FastifyPluginAsync } from 'fastify';

/**
 * `GET /metrics`: Prometheus text format. Source ids, municipality ids, outcomes and timings only; no personal
 * data. Meant for the internal network: expose it through the ingress only to the monitoring system.
 */
export const metricsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(app.metrics.render());
  });
};
