/** The aggregation core's services as the feed's ports (one adapter each; the shapes differ only in names). */
import type { CaseReader } from '../aggregate/plugin.js';
import type { CatalogueService } from '../connectors/contract.js';
import type { CasesProvider, ServiceCatalogue } from './ports.js';

export function casesFrom(reader: CaseReader): CasesProvider {
  return { cases: (citizen, log) => reader.read(reader.scopeOf(citizen), log) };
}

export function catalogueFrom(ptv: CatalogueService): ServiceCatalogue {
  return {
    forMunicipality: async (municipalityId) => {
      if (!ptv.configured(municipalityId)) return null;
      const { services, source } = await ptv.services(municipalityId);
      return { services, status: source };
    },
  };
}
