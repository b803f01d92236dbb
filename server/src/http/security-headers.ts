import fp from 'fastify-plugin';

export const WIDGETS_PREFIX = '/widgets/';
const PERSONAL_DATA_PREFIX = '/v1/me/';

/**
 * Headers every response carries (security.md check 9). API responses are data, never documents, so they may
 * not be framed or load anything; personal data must not be stored by browsers or shared caches.
 */
export const securityHeadersPlugin = fp(
  async (app) => {
    // A callback hook, not an async one: it runs on every response, and a promise each time is measurable.
    app.addHook('onSend', (request, reply, payload, done) => {
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'no-referrer');
      reply.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      reply.header(
        'Cross-Origin-Resource-Policy',
        request.url.startsWith(WIDGETS_PREFIX) ? 'cross-origin' : 'same-site',
      );
      if (request.url.startsWith(PERSONAL_DATA_PREFIX)) reply.header('Cache-Control', 'no-store');
      const vary = reply.getHeader('Vary');
      if (!vary || !String(vary).toLowerCase().includes('origin'))
        reply.header('Vary', vary ? `${String(vary)}, Origin` : 'Origin');
      done(null, payload);
    });
  },
  { name: 'ka-security-headers' },
);
