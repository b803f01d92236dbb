/**
 * What the feed needs from the aggregation core, as small interfaces: the population connector's facts, the
 * citizen's cases and the PTV catalogue's services. app.ts wires the real ones in; tests may pass fakes.
 * The shapes follow the connectors (e.g. `app.population` is a FactsProvider as it is).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { LifeSituationFacts } from '../rules/facts.js';
import type { Case, SourceStatus } from '../schemas/case.js';
import type { Service } from '../schemas/service.js';

export interface CitizenRef {
  municipalityId: string;
  /** Goes to back ends only; never logged, stored or returned. */
  identityCode: string;
}

export interface FactsProvider {
  /** Whether the municipality has population data at all (else it is left out of `sources`). */
  configured(municipalityId: string): boolean;
  /** `facts` is null when the source is down and nothing is saved. A personal-data read: the caller audits it. */
  facts(
    citizen: CitizenRef,
    log: FastifyBaseLogger,
  ): Promise<{ facts: LifeSituationFacts | null; source: SourceStatus }>;
}

export interface CasesProvider {
  /** The citizen's cases from every source of the municipality, with each source's status. */
  cases(citizen: CitizenRef, log: FastifyBaseLogger): Promise<{ items: Case[]; sources: SourceStatus[] }>;
}

export interface CatalogueSnapshot {
  services: readonly Service[];
  /** `ok`, `stale` (last good copy while PTV is down) or `unavailable` (nothing to show). */
  status: SourceStatus;
}

export interface ServiceCatalogue {
  /** The municipality's catalogue, or null when it has none configured. Public data; never per citizen. */
  forMunicipality(municipalityId: string): Promise<CatalogueSnapshot | null>;
}

export const noFacts: FactsProvider = {
  configured: () => false,
  facts: async () => ({ facts: null, source: { id: 'population', status: 'unavailable', fetchedAt: null } }),
};
export const noCases: CasesProvider = { cases: async () => ({ items: [], sources: [] }) };
export const noCatalogue: ServiceCatalogue = { forMunicipality: async () => null };
