/**
 * Generic case-system connector: any REST/JSON back end, mapped to the unified Case by configuration only
 * (`sources.generic` in the municipality file: request, JSON-pointer field paths, status table). The identity
 * code goes in a header (GET, `request.personIdHeader`) or in the JSON body (POST, `request.personIdField`),
 * never in the URL. A mapping that does not validate refuses the start with the path of the bad field. A record
 * that cannot be mapped is left out with its reason (the rest is shown, and the source is `partial`); only an
 * answer with no list of cases where the mapping says it is makes the source unavailable.
 */
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { CaseConnector, CaseSource, ConnectorContext, SourceCases, SourceRequest } from '../contract.js';
import { SourceUnavailableError } from '../contract.js';
import type { OutboundHttp } from '../outbound-http.js';
import { ConfigError } from '../../config/config-error.js';
import type { MunicipalityConfig } from '../../tenants/municipality-config.js';
import type { GenericSourceConfig } from './config.js';
import { GenericMappingError, mapGenericRecords } from './generic.mapper.js';
import { bodyWithPointer } from './json-pointer.js';

export const GENERIC_CONNECTOR_ID = 'generic';
const anyJson = TypeCompiler.Compile(Type.Unknown());

export const genericConnector: CaseConnector = {
  id: GENERIC_CONNECTOR_ID,
  create: (municipality, context) => {
    const config = municipality.sources.generic;
    if (!config) return null;
    validateGenericMapping(municipality, config);
    return new GenericSource(municipality.id, config, context);
  },
};

/** What the schema cannot say: the rules between fields. Throws ConfigError naming the field. */
export function validateGenericMapping(municipality: MunicipalityConfig, config: GenericSourceConfig): void {
  const at = (path: string, message: string) =>
    new ConfigError(`${municipality.id}.json: /sources/generic/${path} ${message}`);
  const { request, mapping } = config;
  if (request.method === 'GET' && !request.personIdHeader) {
    throw at('request/personIdHeader', 'is required when request/method is GET');
  }
  if (request.method === 'POST' && request.personIdField === undefined) {
    throw at('request/personIdField', 'is required when request/method is POST');
  }
  const timeline = ['timeline', 'timelineStatus', 'timelineAt'] as const;
  const given = timeline.filter((f) => mapping.fields[f] !== undefined);
  if (given.length > 0 && given.length < timeline.length) {
    const missing = timeline.find((f) => mapping.fields[f] === undefined)!;
    throw at(`mapping/fields/${missing}`, `is required with mapping/fields/${given[0]}`);
  }
  for (const key of Object.keys(mapping.statusLabels ?? {})) {
    if (!Object.hasOwn(mapping.statusTable, key)) {
      throw at(`mapping/statusLabels/${key}`, 'names a status value that is not in mapping/statusTable');
    }
  }
}

export class GenericSource implements CaseSource {
  readonly id: string;
  readonly timeoutMs: number | undefined;
  readonly resilience: GenericSourceConfig['resilience'];
  readonly pollIntervalMs: number | undefined;
  readonly #config: GenericSourceConfig;
  readonly #http: OutboundHttp;

  constructor(municipalityId: string, config: GenericSourceConfig, context: ConnectorContext) {
    this.id = config.id ?? GENERIC_CONNECTOR_ID;
    this.#config = config;
    this.timeoutMs = config.timeoutMs;
    this.resilience = config.resilience;
    this.pollIntervalMs = config.pollIntervalMs;
    this.#http = context.http(this.id, {
      baseUrl: config.baseUrl,
      allowedHosts: config.resilience?.allowedHosts,
      connections: config.resilience?.concurrency,
      municipalityId,
      transport: config,
    });
  }

  async fetchCases({ identityCode, signal, deadline }: SourceRequest): Promise<SourceCases> {
    const { request } = this.#config;
    const headers: Record<string, string> = {};
    if (request.method === 'GET' && request.personIdHeader) {
      headers[request.personIdHeader.toLowerCase()] = identityCode;
    }
    const body = await this.#http.json(
      { signal, deadline },
      {
        method: request.method,
        path: request.path,
        headers,
        ...(request.method === 'POST' ? { body: bodyWithPointer(request.personIdField ?? '', identityCode) } : {}),
        check: anyJson,
      },
    );
    try {
      return mapGenericRecords(body, this.id, this.#config.mapping);
    } catch (error) {
      if (error instanceof GenericMappingError) throw new SourceUnavailableError('malformed', error.message);
      throw error;
    }
  }
}
