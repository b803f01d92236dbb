import fp from 'fastify-plugin';

export interface CorsPluginOptions {
  /** Union of every municipality's origins; a token's own municipality is checked again after auth. */
  allowedOrigins: ReadonlySet<string>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: the route sends its own CORS headers (the widget files, public to every page). */
    cors?: false;
  }
}

const ALLOW_METHODS = 'GET, HEAD, PUT, POST, DELETE';
const ALLOW_HEADERS = 'Authorization, DPoP, Content-Type, Last-Event-ID';
const EXPOSE_HEADERS = 'WWW-Authenticate, DPoP-Nonce';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS allow-list (security.md check 7). A listed origin gets exactly itself back; unknown origins and
 * `Origin: null` get no CORS headers at all, and their preflights a 404. No credentials: tokens travel in headers.
 * `Vary: Origin` is on every response (security-headers.ts). Our own few lines rather than @fastify/cors, which
 * copies its options and builds `request.routeOptions` twice on every request, also the many without an Origin.
 */
export const corsPlugin = fp<CorsPluginOptions>(
  async (app, { allowedOrigins }) => {
    app.addHook('onRequest', (request, reply, done) => {
      const origin = request.headers.origin;
      if (origin === undefined || !allowedOrigins.has(origin) || request.routeOptions.config.cors === false) {
        done();
        return;
      }
      reply.header('Access-Control-Allow-Origin', origin).header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      if (request.method !== 'OPTIONS') {
        done();
        return;
      }
      // A preflight is answered here, before authentication, which it never carries.
      if (request.headers['access-control-request-method'] === undefined) {
        reply.code(400).type('text/plain; charset=utf-8').send('Invalid preflight request');
        return;
      }
      reply
        .code(204)
        .header('Access-Control-Allow-Methods', ALLOW_METHODS)
        .header('Access-Control-Allow-Headers', ALLOW_HEADERS)
        .header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS)
        // Some browsers wait for a body on a 204 without it.
        .header('Content-Length', '0')
        .send();
    });
    // Lets preflights reach the hook; one that the hook did not answer is from an origin not on the list.
    app.options('*', { schema: { hide: true } }, (_request, reply) => reply.callNotFound());
  },
  { name: 'ka-cors' },
);
