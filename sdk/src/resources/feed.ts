import type { Api } from '../client.js';
import type { Feed, FeedListParams, FeedPublicParams, RequestOptions } from '../types.js';

/** `client.feed`: suggestions, tasks and notices, personal (with consent) or the municipality's general feed. */
export class FeedResource {
  constructor(
    private readonly api: Api,
    private readonly municipality: string,
  ) {}

  /**
   * `GET /v1/me/feed`: the signed-in citizen's feed, in priority order. Without consent to personal suggestions
   * it holds the general items only (`personal: false`); it is not refused.
   */
  list(params: FeedListParams = {}, options: RequestOptions = {}): Promise<Feed> {
    return this.api.request<Feed>('GET', 'v1/me/feed', { ...options, searchParams: params });
  }

  /** `GET /v1/municipalities/{id}/feed`: the general feed for everyone. Public: sent without credentials. */
  public(params: FeedPublicParams = {}, options: RequestOptions = {}): Promise<Feed> {
    return this.api.request<Feed>('GET', `v1/municipalities/${encodeURIComponent(this.municipality)}/feed`, {
      ...options,
      searchParams: params,
      authenticate: false,
    });
  }

  /** `POST /v1/me/feed/{itemId}/dismiss`: "not relevant to me". Never retried (not idempotent by method). */
  dismiss(itemId: string, options: RequestOptions = {}): Promise<void> {
    if (typeof itemId !== 'string' || itemId === '') {
      throw new TypeError('feed.dismiss(itemId): itemId must be a non-empty string');
    }
    // A JSON body, so the request carries `Content-Type: application/json` (no CORS-safelisted POST).
    return this.api.request<void>('POST', `v1/me/feed/${encodeURIComponent(itemId)}/dismiss`, {
      ...options,
      json: {},
    });
  }
}
