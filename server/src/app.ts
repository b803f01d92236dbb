import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { aggregatePlugin } from './aggregate/plugin.js';
import type { CaseConnector, CatalogueConnector, FactsConnector } from './connectors/contract.js';
import type { AuditSink } from './audit/audit-shipper.js';
import { auditPlugin } from './audit/plugin.js';
import type { IssuerKeyResolver } from './auth/issuer-keys.js';
import { authPlugin } from './auth/plugin.js';
import type { ServerSecrets } from './config/secrets.js';
import { corsPlugin } from './http/cors.js';
import { rateLimitPlugin, type RateLimits } from './http/rate-limit.js';
import { feedPlugin } from './feed/plugin.js';
import type { CasesProvider, FactsProvider, ServiceCatalogue } from './feed/ports.js';
import { casesFrom, catalogueFrom } from './feed/wiring.js';
import { errorHandlerPlugin } from './http/error-handler.js';
import { openapiPlugin } from './http/openapi.js';
import { securityHeadersPlugin } from './http/security-headers.js';
import { healthRoutes } from './routes/health.js';
import { meCasesRoutes } from './routes/me-cases.js';
import { meDataRoutes } from './routes/me-data.js';
import { meFeedRoutes } from './routes/me-feed.js';
import { municipalityFeedRoutes } from './routes/municipality-feed.js';
import { meEventsRoutes } from './routes/me-events.js';
import { metricsRoutes } from './routes/metrics.js';
import { municipalityRoutes } from './routes/municipalities.js';
import { noticesPlugin } from './notices/plugin.js';
import { noticeRoutes } from './routes/notices.js';
import { staffNoticeRoutes } from './routes/staff-notices.js';
import { adminPageRoutes } from './routes/admin-page.js';
import { widgetRoutes, type WidgetRoutesOptions } from './routes/widgets.js';
import { webhookRoutes } from './routes/webhooks.js';
import { privacyPlugin } from './privacy/plugin.js';
import type { RetentionPolicy } from './privacy/retention.js';
import type { RulePack } from './rules/rule-pack.schema.js';
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
  /** The app opened `db` itself, and closes it. */
  ownsDb: boolean;
  /** The SQLite file behind `db`, if it is one: the access log is then written from a thread of its own. */
  sqliteFile: string | undefined;
  secrets: ServerSecrets;
  keys: IssuerKeyResolver;
  /** From connectors/registry.ts (tests may pass their own case connectors). */
  connectors: readonly CaseConnector[];
  facts: FactsConnector;
  catalogue: CatalogueConnector;
  now: () => Date;
  /** The API's public base URL, for DPoP `htu` checks behind a proxy. */
  publicUrl: string | undefined;
  /** METRICS_TOKEN for `GET /metrics`; unset: loopback callers only (routes/metrics.ts). */
  metricsToken: string | undefined;
  rateLimits: RateLimits;
  /** Where the access log is shipped (security.md check 11); null: not by this instance. */
  auditShipping: { sink: AuditSink; intervalMs: number } | null;
  widgets: WidgetRoutesOptions | null;
  /** The proactive feed: the rule pack; tests may replace the sources it reads (default: the aggregation core's). */
  feed: FeedWiring;
  /** How long each kind of stored data is kept (privacy/retention.ts), and whether this instance runs the purge. */
  retention: { policy: RetentionPolicy; schedulePurge: boolean };
}

export interface FeedWiring {
  pack: RulePack;
  facts?: FactsProvider;
  cases?: CasesProvider;
  catalogue?: ServiceCatalogue;
}

const clockPlugin = fp<{ now: () => Date }>(async (app, { now }) => app.decorate('clock', now), { name: 'ka-clock' });

/** The API as a plugin: shared plugins first (each named), then the encapsulated routes. */
export const app: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  await fastify.register(errorHandlerPlugin);
  await fastify.register(securityHeadersPlugin);
  await fastify.register(corsPlugin, { allowedOrigins: opts.tenants.allOrigins });
  await fastify.register(clockPlugin, { now: opts.now });
  // After CORS: a 429 must carry the CORS headers, or the page cannot read it.
  await fastify.register(rateLimitPlugin, { limits: opts.rateLimits, now: opts.now });
  await fastify.register(tenantsPlugin, { tenants: opts.tenants });
  await fastify.register(storePlugin, { db: opts.db, destroyOnClose: opts.ownsDb });
  await fastify.register(auditPlugin, {
    pseudonymKey: opts.secrets.auditPseudonymKey,
    now: opts.now,
    sqliteFile: opts.sqliteFile,
    shipping: opts.auditShipping,
  });
  await fastify.register(aggregatePlugin, {
    connectors: opts.connectors,
    facts: opts.facts,
    catalogue: opts.catalogue,
    secrets: opts.secrets,
    now: opts.now,
  });
  await fastify.register(authPlugin, {
    tenants: opts.tenants,
    keys: opts.keys,
    identityDecryptionKey: opts.secrets.identityDecryptionKey,
    now: opts.now,
    publicUrl: opts.publicUrl,
  });
  await fastify.register(feedPlugin, {
    pack: opts.feed.pack,
    facts: opts.feed.facts ?? fastify.population,
    cases: opts.feed.cases ?? casesFrom(fastify.caseReader),
    catalogue: opts.feed.catalogue ?? catalogueFrom(fastify.ptvCatalogue),
    pseudonymKey: opts.secrets.auditPseudonymKey,
    now: opts.now,
  });
  await fastify.register(noticesPlugin);
  await fastify.register(privacyPlugin, {
    policy: opts.retention.policy,
    facts: opts.feed.facts ?? fastify.population,
    now: opts.now,
    schedulePurge: opts.retention.schedulePurge,
  });
  await fastify.register(openapiPlugin);

  await fastify.register(healthRoutes);
  await fastify.register(municipalityRoutes);
  await fastify.register(meCasesRoutes, { prefix: '/v1/me' });
  await fastify.register(meFeedRoutes, { prefix: '/v1/me' });
  await fastify.register(meDataRoutes, { prefix: '/v1/me' });
  await fastify.register(municipalityFeedRoutes);
  await fastify.register(meEventsRoutes, {
    prefix: '/v1/me',
    maxStreamsPerCitizen: opts.rateLimits.streamsPerCitizen,
  });
  await fastify.register(webhookRoutes, {
    secrets: opts.secrets.webhookSecrets ?? {},
    pseudonymKey: opts.secrets.auditPseudonymKey,
  });
  await fastify.register(metricsRoutes, { token: opts.metricsToken, publicUrl: opts.publicUrl });
  await fastify.register(noticeRoutes);
  await fastify.register(staffNoticeRoutes, { publicUrl: opts.publicUrl });
  if (opts.widgets) {
    await fastify.register(widgetRoutes, opts.widgets);
    await fastify.register(adminPageRoutes, { version: opts.widgets.version });
  }
};

export default app;
