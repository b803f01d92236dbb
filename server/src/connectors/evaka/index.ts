/**
 * eVaka connector: a guardian's early-childhood-education applications and decisions (reference/backends.md §6).
 * Server-to-server, the citizen is identified by the header `X-Evaka-Citizen-Ssn` (never the URL) next to the
 * integration's Bearer token. Three idempotent GETs in parallel (children, applications, decisions), each
 * retried at most once inside the budget by the aggregate layer's client. eVaka cannot push: it is polled for
 * citizens with an open live-update stream (`pollIntervalMs`, default 60 s).
 */
import type { CaseConnector, CaseSource, ConnectorContext, SourceCases, SourceRequest } from '../contract.js';
import type { OutboundHttp } from '../outbound-http.js';
import type { EvakaSourceConfig } from './config.js';
import { EVAKA_SOURCE_ID, mapEvakaApplications } from './evaka.mapper.js';
import { applicationsByGuardianCheck, childrenCheck, decisionsCheck } from './evaka.schemas.js';

export const EVAKA_CITIZEN_HEADER = 'x-evaka-citizen-ssn';
export const DEFAULT_EVAKA_POLL_MS = 60_000;

export const evakaConnector: CaseConnector = {
  id: EVAKA_SOURCE_ID,
  create: (municipality, context) => {
    const config = municipality.sources.evaka;
    return config ? new EvakaSource(municipality.id, config, context) : null;
  },
};

export class EvakaSource implements CaseSource {
  readonly id = EVAKA_SOURCE_ID;
  readonly timeoutMs: number | undefined;
  readonly resilience: EvakaSourceConfig['resilience'];
  readonly pollIntervalMs: number;
  readonly #config: EvakaSourceConfig;
  readonly #http: OutboundHttp;
  readonly #childRef: (identityCode: string) => string;

  constructor(municipalityId: string, config: EvakaSourceConfig, context: ConnectorContext) {
    this.#config = config;
    this.timeoutMs = config.timeoutMs;
    this.resilience = config.resilience;
    this.pollIntervalMs = config.pollIntervalMs ?? DEFAULT_EVAKA_POLL_MS;
    this.#childRef = context.childRef;
    this.#http = context.http(EVAKA_SOURCE_ID, {
      baseUrl: config.baseUrl,
      allowedHosts: config.resilience?.allowedHosts,
      // Three requests per call: the pool must not make the bulkhead's calls wait for each other's sockets.
      connections: (config.resilience?.concurrency ?? 32) * 3,
      municipalityId,
      transport: config,
    });
  }

  async fetchCases({ identityCode, signal, deadline }: SourceRequest): Promise<SourceCases> {
    const context = { signal, deadline };
    const headers = { [EVAKA_CITIZEN_HEADER]: identityCode };
    const [children, byGuardian, decisions] = await Promise.all([
      this.#http.json(context, { method: 'GET', path: '/api/citizen/children', headers, check: childrenCheck }),
      this.#http.json(context, {
        method: 'GET',
        path: '/api/citizen/applications/by-guardian',
        headers,
        check: applicationsByGuardianCheck,
      }),
      this.#http.json(context, { method: 'GET', path: '/api/citizen/decisions', headers, check: decisionsCheck }),
    ]);
    const cases = mapEvakaApplications(byGuardian, children.children, decisions.decisions, {
      publicUrl: this.#config.publicUrl,
      childRef: this.#childRef,
    });
    return { cases, skipped: [] };
  }
}
