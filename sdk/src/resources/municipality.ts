import type { Api } from '../client.js';
import type { Municipality, RequestOptions } from '../types.js';

/** `client.municipality`: the public settings of the client's municipality. */
export class MunicipalityResource {
  constructor(
    private readonly api: Api,
    private readonly id: string,
  ) {}

  /** `GET /v1/municipalities/{id}`. Public: sent without credentials. */
  retrieve(options: RequestOptions = {}): Promise<Municipality> {
    return this.api.request<Municipality>('GET', `v1/municipalities/${encodeURIComponent(this.id)}`, {
      ...options,
      authenticate: false,
    });
  }
}
