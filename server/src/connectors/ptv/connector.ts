/**
 * The PTV connector as the registry lists it: one catalogue over every municipality that configures
 * `sources.ptv`, each with its own client and guard (moved here from the aggregate layer).
 */
import type { CatalogueConnector } from '../contract.js';
import { DEFAULT_PTV_TIMEOUT_MS, PTV_SOURCE_ID, PtvCatalogue } from './index.js';

export const ptvConnector: CatalogueConnector = {
  id: PTV_SOURCE_ID,
  create: (services) => {
    const catalogue = new PtvCatalogue({ db: services.db, now: services.now, log: services.log });
    for (const municipality of services.municipalities) {
      const config = municipality.sources.ptv;
      if (!config) continue;
      const guard = services.guard(
        municipality.id,
        PTV_SOURCE_ID,
        config.timeoutMs ?? DEFAULT_PTV_TIMEOUT_MS,
        config.resilience,
      );
      catalogue.add(municipality, services.context(municipality.id), guard);
    }
    return catalogue;
  },
};
