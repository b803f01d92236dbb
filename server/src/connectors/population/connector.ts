/**
 * The population-data connector as the registry lists it: one PopulationService over every municipality that
 * configures `sources.population`, each with its own source, client and guard (moved here from the aggregate
 * layer, which now builds no particular connector).
 */
import type { CallGuard, FactsConnector } from '../contract.js';
import { POPULATION_SOURCE_ID, PopulationService, PopulationSource } from './index.js';

export const populationConnector: FactsConnector = {
  id: POPULATION_SOURCE_ID,
  create: (services) => {
    const byMunicipality = new Map<string, { source: PopulationSource; guard: CallGuard }>();
    for (const municipality of services.municipalities) {
      const config = municipality.sources.population;
      if (!config) continue;
      byMunicipality.set(municipality.id, {
        source: new PopulationSource(municipality, config, services.context(municipality.id)),
        guard: services.guard(municipality.id, POPULATION_SOURCE_ID, config.timeoutMs, config.resilience),
      });
    }
    return new PopulationService({
      byMunicipality,
      caller: services.caller,
      pseudonym: services.pseudonym,
      log: services.log,
    });
  },
};
