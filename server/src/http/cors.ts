import cors, { type FastifyCorsOptions, type FastifyCorsOptionsDelegateCallback } from '@fastify/cors';
import fp from 'fastify-plugin';
import { WIDGETS_PREFIX } from './security-headers.js';

export interface CorsPluginOptions {
  /** Union of every municipality's origins; a token's own municipality is checked again after auth. */
  allowedOrigins: ReadonlySet<string>;
}

// Widget files are public code: any page may load them as module scripts (fetched in CORS mode).
const widgetCors: FastifyCorsOptions = { origin: '*', methods: ['GET', 'HEAD'], allowedHeaders: [] };

/** CORS allow-list (security.md check 7): unknown origins and `Origin: null` get no ACAO at all. */
export const corsPlugin = fp<CorsPluginOptions>(
  async (app, { allowedOrigins }) => {
    const apiCors: FastifyCorsOptions = {
      origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin)),
      methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'DPoP', 'Content-Type', 'Last-Event-ID'],
      exposedHeaders: ['WWW-Authenticate', 'DPoP-Nonce'],
      credentials: false,
      maxAge: 600,
      strictPreflight: true,
    };
    const delegator: FastifyCorsOptionsDelegateCallback = (request, callback) => {
      callback(null, request.url.startsWith(WIDGETS_PREFIX) ? widgetCors : apiCors);
    };
    await app.register(cors, () => delegator);
  },
  { name: 'ka-cors' },
);
