import type { TenantRegistry } from '../tenants/tenant-registry.js';
import type { CaseConnector, CaseSource } from './case-source.js';

/** The case sources of every municipality, built once from configuration. */
export class SourceRegistry {
  readonly #byMunicipality = new Map<string, CaseSource[]>();

  constructor(tenants: TenantRegistry, connectors: readonly CaseConnector[]) {
    for (const municipality of tenants.all) {
      const sources = connectors
        .map((connector) => connector.create(municipality))
        .filter((source): source is CaseSource => source !== null);
      this.#byMunicipality.set(municipality.id, sources);
    }
  }

  caseSources(municipalityId: string): readonly CaseSource[] {
    return this.#byMunicipality.get(municipalityId) ?? [];
  }

  async close(): Promise<void> {
    const all = [...this.#byMunicipality.values()].flat();
    await Promise.allSettled(all.map((source) => source.close?.()));
  }
}
