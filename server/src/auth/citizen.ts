import { inspect } from 'node:util';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';

/**
 * The signed-in citizen of one request. The identity code is held in a private field: it is not enumerable,
 * so loggers, JSON and `util.inspect` never see it; code that needs it must ask for it by name.
 */
export class Citizen {
  readonly iss: string;
  readonly sub: string;
  readonly clientId: string;
  readonly acr: string | undefined;
  /** When the access token expires (ms since the epoch): what it opened (a live-update stream) ends then too. */
  readonly expiresAt: number;
  readonly municipality: MunicipalityConfig;
  readonly #identityCode: string;

  constructor(fields: {
    iss: string;
    sub: string;
    clientId: string;
    acr: string | undefined;
    expiresAt: number;
    municipality: MunicipalityConfig;
    identityCode: string;
  }) {
    this.iss = fields.iss;
    this.sub = fields.sub;
    this.clientId = fields.clientId;
    this.acr = fields.acr;
    this.expiresAt = fields.expiresAt;
    this.municipality = fields.municipality;
    this.#identityCode = fields.identityCode;
  }

  /** For back-end calls and audit pseudonyms only. Never log, return or put in a URL. */
  identityCode(): string {
    return this.#identityCode;
  }

  toJSON() {
    return { iss: this.iss, sub: this.sub, clientId: this.clientId, municipality: this.municipality.id };
  }

  [inspect.custom]() {
    return `Citizen ${JSON.stringify(this.toJSON())}`;
  }
}
