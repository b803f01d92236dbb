import cors from '@fastify/cors';
import fp from 'fastify-plugin';

export interface CorsPluginOptions {
  /** Union of every municipality's origins; a token's own municipality is checked again after auth. */
  allowedOrigins: ReadonlySet<string>;
}

/**
 * CORS allow-list (security.md check 7): unknown origins and `Origin: null` get no ACAO at all. The widget files
 * opt out of this (routes/widgets.ts) and allow every origin themselves. One static set of options, not a
 * per-request delegate: @fastify/cors would rebuild the options on every request.
 */
export const corsPlugin = fp<CorsPluginOptions>(
  async (app, { allowedOrigins }) => {
    await app.register(cors, {
      origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin)),
      methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'DPoP', 'Content-Type', 'Last-Event-ID'],
      exposedHeaders: ['WWW-Authenticate', 'DPoP-Nonce'],
      credentials: false,
      maxAge: 600,
      strictPreflight: true,
    });
  },
  { name: 'ka-cors' },
);
