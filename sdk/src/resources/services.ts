import type { Api } from '../client.js';
import type { RequestOptions, ServiceList, ServiceSearchParams } from '../types.js';

/** `client.services`: the municipality's service catalogue (from PTV). */
export class ServicesResource {
  constructor(
    private readonly api: Api,
    private readonly municipality: string,
  ) {}

  /** `GET /v1/municipalities/{id}/services?q=&lifeEvent=&lang=`. Public: sent without credentials. */
  search(params: ServiceSearchParams = {}, options: RequestOptions = {}): Promise<ServiceList> {
    const { q, lifeEvent, lang } = params;
    return this.api.request<ServiceList>('GET', `v1/municipalities/${encodeURIComponent(this.municipality)}/services`, {
      ...options,
      searchParams: { q: q || undefined, lifeEvent: lifeEvent || undefined, lang },
      authenticate: false,
    });
  }
}
