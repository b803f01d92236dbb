/**
 * Lupapiste connector: the citizen's building-permit applications from `applications-search`
 * (docs/contracts.md, reference/backends.md §5). The identity code goes in the POST body, never in the URL.
 * The HTTP client (own pool, allow-list, no redirects, schema check) and the time budget, breaker and stale
 * copy come from the aggregate layer. Lupapiste pushes state changes as signed webhooks (parseWebhook).
 */
import type { CaseConnector, CaseSource, ConnectorContext, SourceCases, SourceRequest } from '../contract.js';
import type { OutboundHttp } from '../outbound-http.js';
import type { LupapisteSourceConfig } from './config.js';
import { LUPAPISTE_SOURCE_ID, mapLupapisteApplications, unifiedStatus } from './lupapiste.mapper.js';
import { lupapisteSearchResponseCheck, lupapisteWebhookCheck } from './lupapiste.schemas.js';

export const lupapisteConnector: CaseConnector = {
  id: LUPAPISTE_SOURCE_ID,
  create: (municipality, context) => {
    const config = municipality.sources.lupapiste;
    return config ? new LupapisteSource(municipality.id, config, context) : null;
  },
  parseWebhook: (body) => {
    if (!lupapisteWebhookCheck.Check(body)) return null;
    return {
      identityCode: body.personId,
      caseId: `${LUPAPISTE_SOURCE_ID}:${body.applicationId}`,
      status: unifiedStatus(body.state),
      municipalityCode: body.municipality,
    };
  },
};

export class LupapisteSource implements CaseSource {
  readonly id = LUPAPISTE_SOURCE_ID;
  readonly timeoutMs: number;
  readonly resilience: LupapisteSourceConfig['resilience'];
  readonly #config: LupapisteSourceConfig;
  readonly #http: OutboundHttp;

  constructor(municipalityId: string, config: LupapisteSourceConfig, context: ConnectorContext) {
    this.#config = config;
    this.timeoutMs = config.timeoutMs;
    this.resilience = config.resilience;
    this.#http = context.http(LUPAPISTE_SOURCE_ID, {
      baseUrl: config.baseUrl,
      allowedHosts: config.resilience?.allowedHosts,
      connections: config.resilience?.concurrency,
      municipalityId,
      transport: config,
    });
  }

  async fetchCases({ identityCode, signal, deadline }: SourceRequest): Promise<SourceCases> {
    const body = await this.#http.json(
      { signal, deadline },
      {
        method: 'POST',
        path: '/rest/applications-search',
        body: { personId: identityCode },
        check: lupapisteSearchResponseCheck,
      },
    );
    const cases = mapLupapisteApplications(body.data.applications, { publicUrl: this.#config.publicUrl });
    return { cases, skipped: [] };
  }
}
