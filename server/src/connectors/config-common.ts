/**
 * The pieces every connector's config schema is built from (connectors/<system>/config.ts): URLs, time budgets,
 * the resilience overrides of the aggregate layer, and the transport (authentication and TLS) of the outbound
 * HTTP client (connectors/transport.ts). Schemas only: no connector code, so the tenants layer can compose the
 * municipality file from them.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import '../config/formats.js';

export const Url = Type.String({ format: 'url' });
export const NonEmpty = Type.String({ minLength: 1 });
export const Pointer = Type.String({ format: 'json-pointer' });
export const Timeout = Type.Integer({ minimum: 50, maximum: 60_000 });
export const Localized = Type.Object({ fi: NonEmpty, sv: NonEmpty, en: NonEmpty }, { additionalProperties: false });
export const PollInterval = Type.Integer({ minimum: 200, maximum: 86_400_000 });
export const literalUnion = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;

/** Per-source overrides of the aggregate layer's defaults (server/src/aggregate/source-guard.ts). */
export const SourceResilience = Type.Object(
  {
    /** Bulkhead: at most this many calls in flight to the source (also the size of its connection pool). */
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    breaker: Type.Optional(
      Type.Object(
        {
          failureThreshold: Type.Integer({ minimum: 1, maximum: 10_000 }),
          windowMs: Type.Integer({ minimum: 100, maximum: 3_600_000 }),
          resetTimeoutMs: Type.Integer({ minimum: 10, maximum: 3_600_000 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** How long a citizen's last good answer may be served when the source fails (0 = never). */
    staleTtlSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 86_400 })),
    /**
     * How long a citizen's good answer is given again without asking the source (default 5 s, 0 = never);
     * a change event for that citizen and source ends it at once (aggregate/fresh-answers.ts).
     */
    freshnessSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
    /** Outbound allow-list (`host` or `host:port`); default: the host of `baseUrl` only. */
    allowedHosts: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$' }))),
  },
  { additionalProperties: false },
);
export type SourceResilience = Static<typeof SourceResilience>;

const HeaderName = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9-]{0,63}$' });
/** An X-Road member or subsystem: `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]` (PR-REST §4.1). */
const XRoadClientId = Type.String({ pattern: '^[^/\\s]+(/[^/\\s]+){2,3}$' });
/** An X-Road service: `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]/SERVICE` (PR-REST §4.1). */
const XRoadServiceId = Type.String({ pattern: '^[^/\\s]+(/[^/\\s]+){3,4}$' });

/**
 * How a connector proves who it is to its back end; one of the transports the real systems offer a third party.
 * Secrets are written as `${ENV_VAR}` in the municipality file (substituted at load), never as literals in git.
 */
export const SourceAuth = Type.Union([
  Type.Object(
    { type: Type.Literal('none') },
    { additionalProperties: false, description: 'Public data (PTV), or mutual TLS alone.' },
  ),
  Type.Object(
    { type: Type.Literal('bearer'), token: NonEmpty },
    { additionalProperties: false, description: 'A static token: `Authorization: Bearer <token>`.' },
  ),
  Type.Object(
    { type: Type.Literal('api-key'), header: HeaderName, value: NonEmpty },
    { additionalProperties: false, description: 'An API key in a header of its own (e.g. `X-Api-Key`).' },
  ),
  Type.Object(
    {
      type: Type.Literal('oauth2-client-credentials'),
      /** The authorization server's token endpoint (RFC 6749 §4.4). */
      tokenUrl: Url,
      clientId: NonEmpty,
      clientSecret: NonEmpty,
      scope: Type.Optional(NonEmpty),
      /** `basic` (RFC 6749 §2.3.1, the default every server must support) or `post` (in the form body). */
      clientAuth: Type.Optional(Type.Union([Type.Literal('basic'), Type.Literal('post')])),
    },
    { additionalProperties: false, description: 'OAuth 2.0 client credentials; the token is cached until it expires.' },
  ),
  Type.Object(
    {
      type: Type.Literal('x-road'),
      /** The municipality's own subsystem, sent as `X-Road-Client`. */
      client: XRoadClientId,
      /** The provider's service; the request goes to `/r1/<service>/<path>` of the consumer security server. */
      service: XRoadServiceId,
      /** `X-Road-UserId`: who initiated the request (country-prefixed, e.g. `FI` + the system's own id). */
      userId: Type.Optional(Type.String({ pattern: '^[A-Z]{2}\\S{1,100}$' })),
      /**
       * `rest` (default): PR-REST, the identifiers in HTTP headers and the path. `soap`: PR-MESS, the connector puts
       * them in the SOAP envelope's header itself (transport.ts xRoadMessageHeaders), HTTP carries none of them.
       */
      protocol: Type.Optional(Type.Union([Type.Literal('rest'), Type.Literal('soap')])),
    },
    { additionalProperties: false, description: 'X-Road (Suomi.fi Palveluväylä) through a security server.' },
  ),
]);
export type SourceAuth = Static<typeof SourceAuth>;

/** Mutual TLS: the client certificate and key (PEM files) this municipality's connection presents. */
export const SourceTls = Type.Object(
  {
    certFile: NonEmpty,
    keyFile: NonEmpty,
    /** The CA (PEM) that signed the server's certificate, when it is not a public one. */
    caFile: Type.Optional(NonEmpty),
    passphrase: Type.Optional(NonEmpty),
  },
  { additionalProperties: false },
);
export type SourceTls = Static<typeof SourceTls>;

/** The transport fields every source config carries: `auth` and `tls` (`token` is the older spelling of bearer). */
export const transportFields = {
  auth: Type.Optional(SourceAuth),
  tls: Type.Optional(SourceTls),
};
export interface SourceTransport {
  auth?: SourceAuth | undefined;
  tls?: SourceTls | undefined;
  /** Older configurations: the same as `auth: { type: 'bearer', token }`. */
  token?: string | undefined;
}
