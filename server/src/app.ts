import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { aggregatePlugin } from './aggregate/plugin.js';
import type { CaseConnector } from './aggregate/case-source.js';
import { auditPlugin } from './audit/plugin.js';
import type { IssuerKeyResolver } from './auth/issuer-keys.js';
import { authPlugin } from './auth/plugin.js';
import type { ServerSecrets } from './config/secrets.js';
import { corsPlugin } from './http/cors.js';
import { errorHandlerPlugin } from './http/error-handler.js';
import { openapiPlugin } from './http/openapi.js';
import { securityHeadersPlugin } from './http/security-headers.js';
import { healthRoutes } from './routes/health.js';
import { meCasesRoutes } from './routes/me-cases.js';
import { municipalityRoutes } from './routes/municipalities.js';
import { widgetRoutes, type WidgetRoutesOptions } from './routes/widgets.js';
import type { Db } from './store/database.js';
import { storePlugin } from './store/plugin.js';
import { tenantsPlugin } from './tenants/plugin.js';
import type { TenantRegistry } from './tenants/tenant-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's notion of now; injectable so tests can move time. */
    clock: () => Date;
  }
}

/** Everything the app needs, already built and checked (see server.ts for how they are made). */
export interface AppOptions {
  tenants: TenantRegistry;
  db: Db;
  secrets: ServerSecrets;
  keys: IssuerKeyResolver;
  connectors: readonly CaseConnector[];
  now: () => Date;
  /** The API's public base URL, for DPoP `htu` checks behind a proxy. */
  publicUrl: string | undefined;
  widgets: WidgetRoutesOptions | null;
}

const clockPlugin = fp<{ now: () => Date }>(async (app, { now }) => app.decorate('clock', now), { name: 'ka-clock' });

/** The API as a plugin: shared plugins first (each named), then the encapsulated routes. */
export const app: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  await fastify.register(errorHandlerPlugin);
  await fastify.register(securityHeadersPlugin);
  await fastify.register(corsPlugin, { allowedOrigins: opts.tenants.allOrigins });
  await fastify.register(clockPlugin, { now: opts.now });
  await fastify.register(tenantsPlugin, { tenants: opts.tenants });
  await fastify.register(storePlugin, { db: opts.db });
  await fastify.register(auditPlugin, { pseudonymKey: opts.secrets.auditPseudonymKey, now: opts.now });
  await fastify.register(aggregatePlugin, { connectors: opts.connectors });
  await fastify.register(authPlugin, {
    tenants: opts.tenants,
    keys: opts.keys,
    identityDecryptionKey: opts.secrets.identityDecryptionKey,
    now: opts.now,
    publicUrl: opts.publicUrl,
  });
  await fastify.register(openapiPlugin);

  await fastify.register(healthRoutes);
  await fastify.register(municipalityRoutes);
  await fastify.register(meCasesRoutes, { prefix: '/v1/me' });
  if (opts.widgets) await fastify.register(widgetRoutes, opts.widgets);
};

export default app;
