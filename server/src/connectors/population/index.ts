/**
 * Population data from DVV's population register (VTJ) through its query interface: SOAP over X-Road, from the
 * municipality's own X-Road security server (config.ts; docs/integrations.md "Population data (VTJ)"). It gives
 * the citizen's date of birth, home municipality and move-in date, non-disclosure, and the minor children they
 * are guardian of. Used for authorization (a child's case is shown only to the child's guardian, never for a
 * restricted child) and by the proactive feed.
 *
 * One read is one `Huoltaja-Huollettavat` query about the citizen, then one `Perussanoma 3` query about each child
 * (in parallel), because the guardian answer has no non-disclosure for the children; evaka's VTJ client does the
 * same (VTJPersonDetailsService.getPersonWithDependants).
 *
 * For the feed: `app.population.facts({ municipalityId, identityCode })` →
 * `{ facts: LifeSituationFacts | null, source: SourceStatus }` (through the aggregate layer's guard and the
 * citizen's saved copy; `facts` is null when the source is down and nothing is saved).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import {
  SourceUnavailableError,
  type CallGuard,
  type CitizenScope,
  type ConnectorContext,
  type FactsService,
  type PersonalCaller,
  type SourceRequest,
} from '../contract.js';
import type { OutboundHttp } from '../outbound-http.js';
import { helsinkiDate } from '../../lib/calendar.js';
import type { SourceStatus } from '../../schemas/case.js';
import type { MunicipalityConfig } from '../../tenants/municipality-config.js';
import type { PopulationSourceConfig } from './config.js';
import { dependantIdentityCodes, mapPopulationAnswers, VtjAnswerError } from './population.mapper.js';
import { vtjAnswerCheck, type VtjAnswer } from './population.schemas.js';
import type { LifeSituationFacts } from './population.types.js';
import { parseVtjAnswer, VTJ_PRODUCTS, vtjRequestEnvelope, type VtjProduct } from './vtj.soap.js';

export type { LifeSituationFacts, LifeSituationChild } from './population.types.js';

export const POPULATION_SOURCE_ID = 'population';

/**
 * Return codes about the person asked for, not about us (vtj-vastaus-unified.xsd, PaluukoodiTekstiTyyppi): 0001/0006
 * nothing found, 0002 code passivated, 0007 deceased, 0018 under 15, 0019 not to be disclosed. For a child these
 * make the child restricted; any other code (0003/0004 our credentials refused, …) fails the read.
 */
const PERSON_RETURN_CODES = new Set(['0000', '0001', '0002', '0006', '0007', '0018', '0019']);

export interface PopulationRequest extends SourceRequest {
  /** The citizen's audit pseudonym: VTJ's end-user field names the citizen by it, never by the identity code. */
  subjectPseudonym: string;
}

export class PopulationSource {
  readonly id = POPULATION_SOURCE_ID;
  readonly config: PopulationSourceConfig;
  readonly #http: OutboundHttp;
  readonly #childRef: (identityCode: string) => string;
  readonly #childPseudonym: ((identityCode: string) => string) | undefined;
  readonly #now: () => Date;

  constructor(
    municipality: MunicipalityConfig,
    config: PopulationSourceConfig,
    context: ConnectorContext,
    now: () => Date = () => new Date(),
  ) {
    this.config = config;
    this.#childRef = context.childRef;
    this.#childPseudonym = context.childPseudonym;
    this.#now = now;
    this.#http = context.http(POPULATION_SOURCE_ID, {
      baseUrl: config.baseUrl,
      allowedHosts: config.resilience?.allowedHosts,
      connections: config.resilience?.concurrency,
      municipalityId: municipality.id,
      // X-Road's identifiers travel in the SOAP header (vtj.soap.ts); the transport adds mutual TLS to the
      // municipality's security server when `tls` is configured.
      transport: config,
    });
  }

  async fetchFacts(request: PopulationRequest): Promise<LifeSituationFacts> {
    const guardian = await this.#query(request, VTJ_PRODUCTS.guardian, request.identityCode);
    const children = await Promise.all(
      dependantIdentityCodes(guardian).map(async (code) => [code, await this.#childAnswer(request, code)] as const),
    );
    try {
      return mapPopulationAnswers(
        {
          identityCode: request.identityCode,
          guardian,
          children: new Map(children),
          today: helsinkiDate(this.#now()),
        },
        this.#childRef,
        this.#childPseudonym,
      );
    } catch (error) {
      if (error instanceof VtjAnswerError) {
        throw new SourceUnavailableError('malformed', `VTJ answer not usable: ${error.message}`);
      }
      throw error;
    }
  }

  /**
   * A child's own answer, or null when it cannot be read (the child then counts as restricted). A fault or a
   * refusal of our credentials is about the source, not the child: it fails the whole read, so that it shows
   * as "unavailable" (and a saved copy is used) instead of quietly hiding every child.
   */
  async #childAnswer(request: PopulationRequest, identityCode: string): Promise<VtjAnswer | null> {
    let answer: VtjAnswer;
    try {
      answer = await this.#query(request, VTJ_PRODUCTS.person, identityCode);
    } catch (error) {
      if (error instanceof SourceUnavailableError && error.reason === 'malformed') return null;
      throw error;
    }
    if (answer.fault) throw new SourceUnavailableError('http_status', `VTJ fault ${answer.fault.code}`);
    if (answer.returnCode !== null && !PERSON_RETURN_CODES.has(answer.returnCode)) {
      throw new SourceUnavailableError('http_status', `VTJ return code ${answer.returnCode}`);
    }
    return answer;
  }

  /** One X-Road message. The identity code is in the SOAP body only; POST, so never retried. */
  async #query(request: PopulationRequest, product: VtjProduct, identityCode: string): Promise<VtjAnswer> {
    const envelope = vtjRequestEnvelope(this.config, {
      product,
      identityCode,
      messageId: randomUUID(),
      endUser: request.subjectPseudonym,
    });
    const text = await this.#http.text(
      { signal: request.signal, deadline: request.deadline },
      {
        method: 'POST',
        path: '',
        // SOAP 1.1 over HTTP wants a SOAPAction header; VTJ's WSDL declares it empty.
        headers: { soapaction: '""' },
        accept: 'text/xml',
        body: envelope,
        contentType: 'text/xml; charset=utf-8',
      },
    );
    let answer: unknown;
    try {
      answer = parseVtjAnswer(text);
    } catch (error) {
      throw new SourceUnavailableError('malformed', `VTJ answer unreadable: ${(error as Error).name}`);
    }
    if (!vtjAnswerCheck.Check(answer)) {
      const first = vtjAnswerCheck.Errors(answer).First();
      throw new SourceUnavailableError('malformed', `unexpected VTJ answer shape at ${first?.path || '/'}`);
    }
    return answer;
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
      (context) =>
        entry.source.fetchFacts({
          ...context,
          identityCode: scope.identityCode,
          subjectPseudonym: scope.subjectPseudonym,
        }),
      log,
    );
    return { facts: result.data, source: result.status, freshUntil: result.freshUntil };
  }
}
