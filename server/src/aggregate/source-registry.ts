import { createHmac } from 'node:crypto';
import { subjectPseudonym } from '../audit/pseudonym.js';
import type { TenantRegistry } from '../tenants/tenant-registry.js';
import type { SourceResilience } from '../connectors/config-common.js';
import type { GuardedCaseSource } from './aggregate-cases.js';
import type { CaseConnector, CaseSource, ConnectorContext } from '../connectors/contract.js';
import type { SourceMetrics } from './metrics.js';
import { OutboundHttp, type OutboundOptions } from '../connectors/outbound-http.js';
import { guardOptionsFrom, SourceGuard } from './source-guard.js';

export interface SourceRegistryDeps {
  metrics: SourceMetrics;
  /** Key for child references (HMAC); the same key gives the same ref in every source and in the feed. */
  childRefKey: Uint8Array;
}

/**
 * The sources of every municipality, built once from configuration at start (a bad configuration fails the start),
 * each with its guard (budget, breaker, bulkhead) and its own HTTP client (pool, allow-list).
 */
export class SourceRegistry {
  readonly #byMunicipality = new Map<string, GuardedCaseSource[]>();
  readonly #guards = new Map<string, SourceGuard>();
  readonly #clients: OutboundHttp[] = [];
  readonly #connectors = new Map<string, CaseConnector>();
  readonly #deps: SourceRegistryDeps;

  constructor(tenants: TenantRegistry, connectors: readonly CaseConnector[], deps: SourceRegistryDeps) {
    this.#deps = deps;
    for (const connector of connectors) this.#connectors.set(connector.id, connector);
    for (const municipality of tenants.all) {
      const context = this.context(municipality.id);
      const sources = connectors
        .map((connector) => connector.create(municipality, context))
        .filter((source): source is CaseSource => source !== null)
        .map((source) => ({
          source,
          controller: municipality.id,
          guard: this.createGuard(municipality.id, source.id, source.timeoutMs, source.resilience),
        }));
      this.#byMunicipality.set(municipality.id, sources);
    }
  }

  /** What connectors get to build their sources with. */
  context(municipalityId: string): ConnectorContext {
    return {
      childRef: (identityCode) => childRef(this.#deps.childRefKey, identityCode),
      childPseudonym: (identityCode) => subjectPseudonym(this.#deps.childRefKey, identityCode),
      http: (sourceId: string, options: OutboundOptions) => {
        const client = new OutboundHttp(sourceId, { municipalityId, ...options }, this.#deps.metrics.retries);
        this.#clients.push(client);
        return client;
      },
    };
  }

  createGuard(
    municipalityId: string,
    sourceId: string,
    timeoutMs: number | undefined,
    resilience: SourceResilience | undefined,
  ): SourceGuard {
    const key = `${municipalityId}/${sourceId}`;
    if (this.#guards.has(key)) throw new Error(`source ${sourceId} configured twice for ${municipalityId}`);
    const guard = new SourceGuard(
      guardOptionsFrom(municipalityId, sourceId, timeoutMs, resilience, this.#deps.metrics),
    );
    this.#guards.set(key, guard);
    return guard;
  }

  caseSources(municipalityId: string): readonly CaseSource[] {
    return this.guardedCaseSources(municipalityId).map((s) => s.source);
  }

  guardedCaseSources(municipalityId: string): readonly GuardedCaseSource[] {
    return this.#byMunicipality.get(municipalityId) ?? [];
  }

  /** Every guard of one municipality's sources (case sources, population data, the catalogue). */
  guardsOf(municipalityId: string): SourceGuard[] {
    return [...this.#guards.values()].filter((guard) => guard.municipalityId === municipalityId);
  }

  guard(municipalityId: string, sourceId: string): SourceGuard | undefined {
    return this.#guards.get(`${municipalityId}/${sourceId}`);
  }

  /**
   * The municipality that controls what `sourceId` answers for `municipalityId`'s citizens (the one whose
   * configuration and credentials read it), or undefined when that municipality has no such source.
   */
  controllerOf(municipalityId: string, sourceId: string): string | undefined {
    const caseSource = this.guardedCaseSources(municipalityId).find((s) => s.source.id === sourceId);
    if (caseSource) return caseSource.controller;
    return this.#guards.get(`${municipalityId}/${sourceId}`)?.municipalityId;
  }

  connector(id: string): CaseConnector | undefined {
    return this.#connectors.get(id);
  }

  /** Sockets held open by the pools of `sourceId` (every source when absent). */
  openSockets(sourceId?: string): number {
    return this.#clients
      .filter((c) => sourceId === undefined || c.sourceId === sourceId)
      .reduce((sum, c) => sum + c.openSockets(), 0);
  }

  /** Every breaker back to closed (operators and tests). */
  resetBreakers(): void {
    for (const guard of this.#guards.values()) guard.breaker.reset();
  }

  async close(): Promise<void> {
    const sources = [...this.#byMunicipality.values()].flat().map((s) => s.source);
    await Promise.allSettled(sources.map((source) => source.close?.()));
    await Promise.allSettled(this.#clients.map((client) => client.close()));
  }
}

/** A child's pseudonymous reference: HMAC-SHA-256 of the identity code, domain-separated from other pseudonyms. */
export function childRef(key: Uint8Array, identityCode: string): string {
  return createHmac('sha256', key).update(`child-ref\u0000${identityCode}`, 'utf8').digest('base64url').slice(0, 22);
}
