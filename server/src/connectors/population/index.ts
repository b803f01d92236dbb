/**
 * Population data (a VTJ-like service): the citizen's date of birth, home municipality and move-in date,
 * non-disclosure, and the minor children they are guardian of. Used for authorization (a child's case is shown
 * only to the child's guardian, never for a restricted child) and by the proactive feed.
 *
 * For the feed: `app.population.facts({ municipalityId, identityCode })` →
 * `{ facts: LifeSituationFacts | null, source: SourceStatus }` (through the aggregate layer's guard and the
 * citizen's saved copy; `facts` is null when the source is down and nothing is saved).
 */
import type { FastifyBaseLogger } from 'fastify';
import type {
  CallGuard,
  CitizenScope,
  ConnectorContext,
  FactsService,
  PersonalCaller,
  SourceRequest,
} from '../contract.js';
import type { OutboundHttp } from '../outbound-http.js';
import type { SourceStatus } from '../../schemas/case.js';
import type { MunicipalityConfig } from '../../tenants/municipality-config.js';
import type { PopulationSourceConfig } from './config.js';
import { mapPopulationRecord } from './population.mapper.js';
import { vtjPersonResponseCheck } from './population.schemas.js';
import type { LifeSituationFacts } from './population.types.js';

export type { LifeSituationFacts, LifeSituationChild } from './population.types.js';

export const POPULATION_SOURCE_ID = 'population';

export class PopulationSource {
  readonly id = POPULATION_SOURCE_ID;
  readonly config: PopulationSourceConfig;
  readonly #http: OutboundHttp;
  readonly #childRef: (identityCode: string) => string;

  constructor(municipality: MunicipalityConfig, config: PopulationSourceConfig, context: ConnectorContext) {
    this.config = config;
    this.#childRef = context.childRef;
    this.#http = context.http(POPULATION_SOURCE_ID, {
      baseUrl: config.baseUrl,
      allowedHosts: config.resilience?.allowedHosts,
      connections: config.resilience?.concurrency,
      municipalityId: municipality.id,
      transport: config,
    });
  }

  /** The identity code goes in the POST body (never the URL); POST, so never retried. */
  async fetchFacts({ identityCode, signal, deadline }: SourceRequest): Promise<LifeSituationFacts> {
    const response = await this.#http.json(
      { signal, deadline },
      {
        method: 'POST',
        path: '/api/v1/henkilotiedot',
        body: { henkilotunnus: identityCode, loppukayttaja: 'kunta-akkuna' },
        check: vtjPersonResponseCheck,
      },
    );
    return mapPopulationRecord(response, this.#childRef);
  }
}

export interface PopulationFactsResult {
  facts: LifeSituationFacts | null;
  source: SourceStatus;
  /** See PersonalResult.freshUntil. */
  freshUntil?: number;
}

/** The population data of every municipality that configures it, behind the aggregate layer. */
export class PopulationService implements FactsService {
  readonly #byMunicipality: ReadonlyMap<string, { source: PopulationSource; guard: CallGuard }>;
  readonly #caller: PersonalCaller;
  readonly #pseudonym: (identityCode: string) => string;
  readonly #log: FastifyBaseLogger;

  constructor(deps: {
    byMunicipality: ReadonlyMap<string, { source: PopulationSource; guard: CallGuard }>;
    caller: PersonalCaller;
    pseudonym: (identityCode: string) => string;
    log: FastifyBaseLogger;
  }) {
    this.#byMunicipality = deps.byMunicipality;
    this.#caller = deps.caller;
    this.#pseudonym = deps.pseudonym;
    this.#log = deps.log;
  }

  configured(municipalityId: string): boolean {
    return this.#byMunicipality.has(municipalityId);
  }

  /** The citizen's life-situation facts. Reading them is a personal-data read: the caller audits it. */
  async facts(
    citizen: { municipalityId: string; identityCode: string },
    log: FastifyBaseLogger = this.#log,
  ): Promise<PopulationFactsResult> {
    const scope: CitizenScope = {
      municipalityId: citizen.municipalityId,
      identityCode: citizen.identityCode,
      subjectPseudonym: this.#pseudonym(citizen.identityCode),
    };
    return this.factsFor(scope, log);
  }

  async factsFor(scope: CitizenScope, log: FastifyBaseLogger = this.#log): Promise<PopulationFactsResult> {
    const entry = this.#byMunicipality.get(scope.municipalityId);
    if (!entry) {
      return { facts: null, source: { id: POPULATION_SOURCE_ID, status: 'unavailable', fetchedAt: null } };
    }
    const result = await this.#caller.call(
      scope,
      entry.guard,
      entry.source.config.resilience,
      (context) => entry.source.fetchFacts({ ...context, identityCode: scope.identityCode }),
      log,
    );
    return { facts: result.data, source: result.status, freshUntil: result.freshUntil };
  }
}
