import type { Api } from '../client.js';
import type { NoticeList, RequestOptions } from '../types.js';

/** `client.notices`: what the municipality tells everyone now (public, no sign-in). */
export class NoticesResource {
  constructor(
    private readonly api: Api,
    private readonly municipality: string,
  ) {}

  /**
   * `GET /v1/municipalities/{id}/notices`: visible notices, most severe first, and outage notices. Public: sent
   * without credentials. In a browser the HTTP cache revalidates with the ETag, so polling costs a 304.
   */
  list(options: RequestOptions = {}): Promise<NoticeList> {
    return this.api.request<NoticeList>('GET', `v1/municipalities/${encodeURIComponent(this.municipality)}/notices`, {
      ...options,
      authenticate: false,
    });
  }
}
