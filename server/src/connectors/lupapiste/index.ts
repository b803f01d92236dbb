/**
 * Lupapiste connector: the citizen's permit applications from Lupapiste's `applications-search` query
 * (lupapiste/lupapiste application_search_api.clj), at `POST /api/datatables/applications-search` (the call
 * Lupapiste's own applications list makes, resources/private/init/ajax.js) with the municipality's API key as
 * `Authorization: Bearer <key>` (docs/http-json-apis.md). See docs/integrations.md "Lupapiste".
 *
 * Lupapiste runs the query as the user the key belongs to; it has no parameter that names a citizen. The citizen's
 * identity code goes in the body as `personId` (Lupapiste's own name for a user's identity code), which the
 * municipality must agree with the vendor (docs/integrations.md); it is never put in the URL.
 *
 * Lupapiste cannot push changes: it is polled for citizens with an open live-update stream (`pollIntervalMs`).
 * Only rows of the municipality's own code and organizations are shown (tenancy); bad rows are skipped.
 */
import type { CaseConnector, CaseSource, ConnectorContext, SourceCases, SourceRequest } from '../contract.js';
import { SourceUnavailableError } from '../contract.js';
import type { OutboundHttp } from '../outbound-http.js';
import { ConfigError } from '../../config/config-error.js';
import { DEFAULT_LUPAPISTE_POLL_MS, type LupapisteSourceConfig } from './config.js';
import { LUPAPISTE_SOURCE_ID, mapLupapisteApplications, type LupapisteMapperOptions } from './lupapiste.mapper.js';
import { lupapisteSearchEnvelopeCheck } from './lupapiste.schemas.js';

export const LUPAPISTE_SEARCH_PATH = '/api/datatables/applications-search';
/** Rows per page; Lupapiste's own default is 10 (application_search.clj `applications-for-user`). */
export const LUPAPISTE_PAGE_SIZE = 100;
/** A citizen with more than this many pages of applications sees the newest ones (and the source is partial). */
const MAX_PAGES = 5;

export const lupapisteConnector: CaseConnector = {
  id: LUPAPISTE_SOURCE_ID,
  create: (municipality, context) => {
    const config = municipality.sources.lupapiste;
    return config ? new LupapisteSource(municipality.id, municipality.code, config, context) : null;
  },
};

/** Lupapiste's error keys look like `error.unauthorized`; anything else is not repeated into our log. */
function errorKey(text: string): string {
  return /^error\.[A-Za-z0-9.:-]{1,80}$/.test(text) ? text : 'an unrecognised error';
}

export class LupapisteSource implements CaseSource {
  readonly id = LUPAPISTE_SOURCE_ID;
  readonly timeoutMs: number;
  readonly resilience: LupapisteSourceConfig['resilience'];
  readonly pollIntervalMs: number;
  readonly #config: LupapisteSourceConfig;
  readonly #http: OutboundHttp;
  readonly #mapping: LupapisteMapperOptions;

  constructor(
    municipalityId: string,
    municipalityCode: string,
    config: LupapisteSourceConfig,
    context: ConnectorContext,
  ) {
    if (process.env.NODE_ENV === 'production' && config.personIdAgreed !== true) {
      throw new ConfigError(
        `${municipalityId}: sources.lupapiste needs personIdAgreed: true, set once the vendor has agreed that ` +
          'applications-search answers for the citizen named by personId (docs/integrations.md, Lupapiste)',
      );
    }
    this.#config = config;
    this.timeoutMs = config.timeoutMs;
    this.resilience = config.resilience;
    this.pollIntervalMs = config.pollIntervalMs ?? DEFAULT_LUPAPISTE_POLL_MS;
    this.#mapping = {
      publicUrl: config.publicUrl,
      controller: { municipalityCode, organizations: config.organizations },
    };
    this.#http = context.http(LUPAPISTE_SOURCE_ID, {
      baseUrl: config.baseUrl,
      allowedHosts: config.resilience?.allowedHosts,
      connections: config.resilience?.concurrency,
      municipalityId,
      // The API key is Lupapiste's own scheme (below); the shared transport adds mutual TLS when configured.
      transport: { tls: config.tls },
    });
  }

  async fetchCases({ identityCode, signal, deadline }: SourceRequest): Promise<SourceCases> {
    const rows: unknown[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.#http.json(
        { signal, deadline },
        {
          method: 'POST',
          path: LUPAPISTE_SEARCH_PATH,
          headers: { authorization: `Bearer ${this.#config.apiKey}` },
          body: {
            personId: identityCode,
            // The applicant's "all" list: everything but cancelled applications, as Lupapiste's own view.
            applicationType: 'all',
            sort: { field: 'modified', asc: false },
            skip: page * LUPAPISTE_PAGE_SIZE,
            limit: LUPAPISTE_PAGE_SIZE,
          },
          check: lupapisteSearchEnvelopeCheck,
        },
      );
      // Lupapiste answers failures with HTTP 200 and `{ ok: false, text: "error.*" }`; the code is not personal.
      if (!body.ok) throw new SourceUnavailableError('http_status', `Lupapiste answered ${errorKey(body.text)}`);
      rows.push(...body.data.applications);
      if (body.data.applications.length < LUPAPISTE_PAGE_SIZE) return mapLupapisteApplications(rows, this.#mapping);
    }
    const mapped = mapLupapisteApplications(rows, this.#mapping);
    return { cases: mapped.cases, skipped: [...mapped.skipped, { reason: 'more_pages' }] };
  }
}
