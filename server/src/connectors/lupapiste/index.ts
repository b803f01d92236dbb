/**
 * Lupapiste connector: the citizen's building-permit applications from `applications-search`
 * (docs/contracts.md, reference/backends.md §5). The identity code goes in the POST body, never in the URL;
 * redirects are not followed (undici's `request` does not follow them); the answer is schema-checked before
 * it is mapped. Every failure is a SourceUnavailableError, which the aggregator reports as `unavailable`.
 */
import { Agent, errors as undiciErrors, request } from 'undici';
import type { CaseConnector, CaseSource, SourceRequest } from '../../aggregate/case-source.js';
import { SourceUnavailableError } from '../../aggregate/case-source.js';
import type { Case } from '../../schemas/case.js';
import type { LupapisteSourceConfig } from '../../tenants/municipality-config.js';
import { LUPAPISTE_SOURCE_ID, mapLupapisteApplications } from './lupapiste.mapper.js';
import { lupapisteSearchResponseCheck } from './lupapiste.schemas.js';

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export const lupapisteConnector: CaseConnector = {
  id: LUPAPISTE_SOURCE_ID,
  create: (municipality) => {
    const config = municipality.sources.lupapiste;
    return config ? new LupapisteSource(config) : null;
  },
};

export class LupapisteSource implements CaseSource {
  readonly id = LUPAPISTE_SOURCE_ID;
  readonly timeoutMs: number;
  readonly #config: LupapisteSourceConfig;
  readonly #searchUrl: string;
  // Its own connection pool, so that a slow Lupapiste cannot use up sockets meant for other systems.
  readonly #agent: Agent;

  constructor(config: LupapisteSourceConfig) {
    this.#config = config;
    this.timeoutMs = config.timeoutMs;
    this.#searchUrl = `${config.baseUrl.replace(/\/$/, '')}/rest/applications-search`;
    this.#agent = new Agent({ connections: 16, maxResponseSize: MAX_RESPONSE_BYTES, connectTimeout: config.timeoutMs });
  }

  async fetchCases({ identityCode, signal }: SourceRequest): Promise<Case[]> {
    const body = await this.#search(identityCode, signal);
    if (!lupapisteSearchResponseCheck.Check(body)) {
      const first = lupapisteSearchResponseCheck.Errors(body).First();
      throw new SourceUnavailableError('malformed', `unexpected response shape at ${first?.path ?? '/'}`);
    }
    return mapLupapisteApplications(body.data.applications, { publicUrl: this.#config.publicUrl });
  }

  async #search(personId: string, signal: AbortSignal): Promise<unknown> {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(this.#searchUrl, {
        method: 'POST',
        dispatcher: this.#agent,
        signal,
        headers: {
          authorization: `Bearer ${this.#config.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ personId }),
      });
    } catch (error) {
      throw new SourceUnavailableError(signal.aborted ? 'timeout' : 'network', `request failed: ${errorCode(error)}`);
    }
    if (response.statusCode !== 200) {
      await response.body.dump().catch(() => undefined);
      throw new SourceUnavailableError('http_status', `HTTP ${response.statusCode}`);
    }
    try {
      return await response.body.json();
    } catch (error) {
      throw new SourceUnavailableError(
        signal.aborted ? 'timeout' : 'malformed',
        `response body unreadable: ${errorCode(error)}`,
      );
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/** A code or class name only: undici messages are safe, but a parser's could quote the body. */
function errorCode(error: unknown): string {
  if (error instanceof undiciErrors.UndiciError) return error.code;
  if (error instanceof Error) return (error as { code?: string }).code ?? error.name;
  return 'unknown';
}
