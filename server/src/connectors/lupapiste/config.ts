/**
 * A municipality's Lupapiste source (server/config/municipalities/*.json `sources.lupapiste`), validated at start.
 * Each municipality has its own API key and names the Lupapiste organizations that act for it: only rows of
 * those organizations in this municipality's code are shown on its pages (index.ts, tenancy).
 */
import { Type, type Static } from '@sinclair/typebox';
import { SourceResilience, SourceTls } from '../config-common.js';

export const DEFAULT_LUPAPISTE_POLL_MS = 60_000;

export const LupapisteSourceConfig = Type.Object(
  {
    /** Lupapiste's address, e.g. https://www.lupapiste.fi (the API is under /api/). */
    baseUrl: Type.String({ format: 'url' }),
    /**
     * The municipality's own API key, sent as `Authorization: Bearer <key>` (Lupapiste docs/http-json-apis.md).
     * One key per municipality: a key never reads for another municipality.
     */
    apiKey: Type.String({ minLength: 16 }),
    /** Where citizens open their application in Lupapiste (deep links). */
    publicUrl: Type.String({ format: 'url' }),
    /**
     * The Lupapiste organizations (e.g. `535-R` for Nivala's building control) whose applications this
     * municipality controls. Rows of any other organization are not shown here.
     */
    organizations: Type.Array(Type.String({ pattern: '^[0-9]{3}-[A-Z]{1,8}$' }), { minItems: 1, uniqueItems: true }),
    /**
     * Set to true only once the vendor has agreed that `applications-search` with this key answers for the citizen
     * named by `personId` (docs/integrations.md, Lupapiste). Lupapiste today answers for the key's own user: without
     * that agreement every citizen would see that user's applications, so in production the source refuses to start.
     */
    personIdAgreed: Type.Optional(Type.Boolean()),
    /** Mutual TLS, when the vendor asks for it on top of the key. */
    tls: Type.Optional(SourceTls),
    timeoutMs: Type.Integer({ minimum: 50, maximum: 10_000 }),
    /** Lupapiste cannot push: open live-update streams are refreshed this often (default 60 s). */
    pollIntervalMs: Type.Optional(Type.Integer({ minimum: 200, maximum: 86_400_000 })),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type LupapisteSourceConfig = Static<typeof LupapisteSourceConfig>;
