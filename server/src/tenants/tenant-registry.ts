import type { MunicipalityConfig } from './municipality-config.js';

/** Lookups over the loaded municipality configuration; built once at start. */
export class TenantRegistry {
  readonly all: readonly MunicipalityConfig[];
  readonly #byId = new Map<string, MunicipalityConfig>();
  readonly #byClientId = new Map<string, MunicipalityConfig>();
  readonly #byCode = new Map<string, MunicipalityConfig>();
  /** Union of every municipality's origins: the CORS allow-list. */
  readonly allOrigins: ReadonlySet<string>;

  constructor(municipalities: readonly MunicipalityConfig[]) {
    this.all = municipalities;
    for (const m of municipalities) {
      this.#byId.set(m.id, m);
      this.#byClientId.set(m.auth.clientId, m);
      this.#byCode.set(m.code, m);
    }
    this.allOrigins = new Set(municipalities.flatMap((m) => m.origins));
  }

  byId(id: string): MunicipalityConfig | undefined {
    return this.#byId.get(id);
  }

  byClientId(clientId: string): MunicipalityConfig | undefined {
    return this.#byClientId.get(clientId);
  }

  /** By official municipality code (kuntanumero, e.g. `535`), as back ends name municipalities. */
  byCode(code: string): MunicipalityConfig | undefined {
    return this.#byCode.get(code);
  }

  /** The distinct issuers we accept tokens from, each with the audiences its municipalities use. */
  issuers(): Map<string, Set<string>> {
    const issuers = new Map<string, Set<string>>();
    for (const m of this.all) {
      const audiences = issuers.get(m.auth.issuer) ?? new Set<string>();
      audiences.add(m.auth.audience);
      issuers.set(m.auth.issuer, audiences);
    }
    return issuers;
  }
}
