import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import { app } from './app.js';
import type { CaseConnector } from './connectors/contract.js';
import { DEFAULT_SHIP_INTERVAL_MS, JsonLinesFileSink, type AuditSink } from './audit/audit-shipper.js';
import { discoveryKeyResolver, type IssuerKeyResolver } from './auth/issuer-keys.js';
import { loadSecrets, type ServerSecrets } from './config/secrets.js';
import { caseConnectors, onlyConnector } from './connectors/registry.js';
import type { FeedWiring } from './app.js';
import { bodiesNotCoerced } from './http/validation.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './http/rate-limit.js';
import { loadRulePack } from './rules/load-rule-pack.js';
import { retentionPolicy, type RetentionPolicy } from './privacy/retention.js';
import type { WidgetRoutesOptions } from './routes/widgets.js';
import { openDatabase, type Db } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';
import { ConfigError, loadMunicipalities } from './tenants/load-municipalities.js';
import type { MunicipalityConfig } from './tenants/municipality-config.js';
import { TenantRegistry } from './tenants/tenant-registry.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerOptions {
  /** Environment for config substitution and defaults; process.env when absent. */
  env?: Record<string, string | undefined>;
  /** Municipality config directory (default server/config/municipalities), or already-loaded configs. */
  configDir?: string;
  municipalities?: MunicipalityConfig[];
  /** DATA_DIR: SQLite file and dev keys. */
  dataDir?: string;
  /** An open database (not closed by the server); otherwise one is opened from databaseUrl / DATABASE_URL. */
  db?: Db;
  /** With `db`: the SQLite file behind it, if any (the access log then gets a connection and thread of its own). */
  sqliteFile?: string;
  databaseUrl?: string;
  /** Secrets; otherwise from env or, in dev, DATA_DIR/keys/. */
  secrets?: ServerSecrets;
  /** Key sets per issuer; default: the issuer's OpenID discovery `jwks_uri`. Tests pass a local JWKS. */
  keys?: IssuerKeyResolver;
  now?: () => Date;
  /** API_URL: the public base URL clients use (for DPoP `htu`). */
  publicUrl?: string;
  /** METRICS_TOKEN: the bearer token `GET /metrics` asks for; unset, it answers loopback callers only. */
  metricsToken?: string;
  /** Requests per minute (default DEFAULT_RATE_LIMITS, or RATE_LIMIT_CITIZEN_PER_MINUTE / _ADDRESS_PER_MINUTE). */
  rateLimits?: Partial<RateLimits>;
  /** The separate log store the access log is shipped to; null: none (another instance ships). */
  auditSink?: AuditSink | null;
  /**
   * TRUST_PROXY: the reverse proxies (comma-separated addresses or CIDR ranges) whose X-Forwarded-For gives the
   * client's address, for rate limits and logs. Unset: the socket's peer is the client; no header is believed.
   */
  trustProxy?: string[];
  /** Widget bundle; default components/dist at the version of components/package.json. `false` for none. */
  widgets?: WidgetRoutesOptions | false;
  connectors?: CaseConnector[];
  /** The feed's rule pack (default server/rules/rule-pack.json, or RULE_PACK_FILE) and optional stand-in sources. */
  feed?: Partial<FeedWiring>;
  /** Retention per kind (default privacy/retention.ts, or RETENTION_* variables); `schedulePurge: false` in tests. */
  retention?: Partial<RetentionPolicy> & { schedulePurge?: boolean };
  /** `false` for silence; `stream` to capture log lines (tests check no identity code appears in them). */
  logger?: false | { level?: string; stream?: NodeJS.WritableStream };
}

/** Builds the whole server from options; fails (ConfigError etc.) before listening if anything is wrong. */
export async function createServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? env.DATA_DIR ?? './data';
  const municipalities = options.municipalities ?? loadMunicipalities({ configDir: options.configDir, env });
  const tenants = new TenantRegistry(municipalities);
  const rulePack = options.feed?.pack ?? loadRulePack(env.RULE_PACK_FILE || undefined);
  const secrets = options.secrets ?? (await loadSecrets({ env, dataDir }));

  let db = options.db;
  let sqliteFile = options.sqliteFile;
  if (!db) {
    ({ db, sqliteFile } = openDatabase({ databaseUrl: options.databaseUrl ?? env.DATABASE_URL, dataDir }));
    await migrateToLatest(db);
  }

  const server = Fastify({
    logger:
      options.logger === false ? false : loggerOptions(options.logger?.level ?? env.LOG_LEVEL, options.logger?.stream),
    genReqId: () => randomUUID(),
    requestIdHeader: false, // never trust a client-chosen id in the access log
    bodyLimit: 64 * 1024,
    trustProxy: trustedProxies(options.trustProxy, env.TRUST_PROXY),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    schemaController: { compilersFactory: { buildValidator: bodiesNotCoerced() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // fp: the app's decorations (db, audit, tenants…) stay reachable on the root instance, as in fastify/demo.
  await server.register(fp(app), {
    tenants,
    db,
    ownsDb: options.db === undefined,
    sqliteFile,
    secrets,
    keys: options.keys ?? discoveryKeyResolver(),
    connectors: options.connectors ?? caseConnectors(),
    facts: onlyConnector('facts'),
    catalogue: onlyConnector('catalogue'),
    now: options.now ?? (() => new Date()),
    publicUrl: options.publicUrl ?? env.API_URL,
    metricsToken: options.metricsToken ?? (env.METRICS_TOKEN || undefined),
    rateLimits: {
      perCitizenPerMinute:
        options.rateLimits?.perCitizenPerMinute ??
        positiveInteger(env, 'RATE_LIMIT_CITIZEN_PER_MINUTE') ??
        DEFAULT_RATE_LIMITS.perCitizenPerMinute,
      perAddressPerMinute:
        options.rateLimits?.perAddressPerMinute ??
        positiveInteger(env, 'RATE_LIMIT_ADDRESS_PER_MINUTE') ??
        DEFAULT_RATE_LIMITS.perAddressPerMinute,
      streamsPerCitizen:
        options.rateLimits?.streamsPerCitizen ??
        positiveInteger(env, 'RATE_LIMIT_STREAMS_PER_CITIZEN') ??
        DEFAULT_RATE_LIMITS.streamsPerCitizen,
    },
    auditShipping: auditShipping(options.auditSink, env, dataDir),
    widgets: options.widgets === false ? null : (options.widgets ?? defaultWidgets()),
    feed: { ...options.feed, pack: rulePack },
    retention: {
      policy: retentionPolicy(options.retention, env),
      // RETENTION_PURGE=off where the instance must not even try for the lease.
      schedulePurge: options.retention?.schedulePurge ?? env.RETENTION_PURGE !== 'off',
    },
  });
  return server;
}

/** AUDIT_LOG_FILE (default DATA_DIR/audit-log.jsonl); AUDIT_LOG_FILE=off where another instance ships. */
function auditShipping(option: AuditSink | null | undefined, env: Record<string, string | undefined>, dataDir: string) {
  const intervalMs = positiveInteger(env, 'AUDIT_SHIP_INTERVAL_MS') ?? DEFAULT_SHIP_INTERVAL_MS;
  if (option !== undefined) return option && { sink: option, intervalMs };
  if (env.AUDIT_LOG_FILE === 'off') return null;
  return { sink: new JsonLinesFileSink(env.AUDIT_LOG_FILE || join(dataDir, 'audit-log.jsonl')), intervalMs };
}

function trustedProxies(option: string[] | undefined, env: string | undefined): string[] | false {
  const proxies = option ?? (env ?? '').split(',').map((proxy) => proxy.trim());
  const listed = proxies.filter((proxy) => proxy !== '');
  return listed.length > 0 ? listed : false;
}

function positiveInteger(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new ConfigError(`${name} must be a positive integer`);
  return number;
}

function loggerOptions(level: string | undefined, stream: NodeJS.WritableStream | undefined) {
  return {
    level: level ?? 'info',
    // Requests are logged without headers by default; this is the second line of defence.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.dpop',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.dpop',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
    serializers: { req: serializeRequest },
    ...(stream ? { stream } : {}),
  };
}

// Anything shaped like an identity code, so that a client that puts one in a URL does not put it in our log.
const IDENTITY_CODE_SHAPE = /\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y]/g;

/** The request as logged: method and path only. Query strings are dropped (our API has none to log). */
function serializeRequest(request: FastifyRequest) {
  const path = request.url.split('?', 1)[0] ?? '';
  return {
    method: request.method,
    url: decodeURIComponentSafe(path).replace(IDENTITY_CODE_SHAPE, '[redacted]'),
    remoteAddress: request.ip,
  };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function defaultWidgets(): WidgetRoutesOptions {
  const pkg = JSON.parse(readFileSync(`${REPO_ROOT}components/package.json`, 'utf8')) as { version: string };
  return { dir: `${REPO_ROOT}components/dist`, version: pkg.version };
}

export interface StartApiOptions extends ServerOptions {
  /** Default API_PORT or 8787; 0 for an ephemeral port. */
  port?: number;
  /** Default API_HOST or `localhost` (Fastify then listens on both 127.0.0.1 and ::1). */
  host?: string;
}

export interface RunningApi {
  url: string;
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** Builds and starts the API; for the start script and end-to-end tests. */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const env = options.env ?? process.env;
  const port = options.port ?? Number(env.API_PORT ?? 8787);
  const host = options.host ?? env.API_HOST ?? 'localhost';
  const server = await createServer(options);
  await server.listen({ port, host });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${actualPort}`,
    app: server,
    close: () => server.close(),
  };
}
