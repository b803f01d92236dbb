import type { Api } from '../client.js';
import type { Consent, ConsentGrant, RequestOptions } from '../types.js';

/** `client.consent`: the citizen's consent to personal suggestions from their own data. */
export class ConsentResource {
  constructor(private readonly api: Api) {}

  /** `GET /v1/me/consent`. */
  retrieve(options: RequestOptions = {}): Promise<Consent> {
    return this.api.request<Consent>('GET', 'v1/me/consent', options);
  }

  /** `PUT /v1/me/consent` with the version of the consent text the citizen was shown. Never retried. */
  grant(body: ConsentGrant, options: RequestOptions = {}): Promise<Consent> {
    if (typeof body !== 'object' || body === null || typeof body.textVersion !== 'string' || !body.textVersion) {
      throw new TypeError('consent.grant({ textVersion }): textVersion must be a non-empty string');
    }
    return this.api.request<Consent>('PUT', 'v1/me/consent', { ...options, json: { textVersion: body.textVersion } });
  }

  /** `DELETE /v1/me/consent`: personal suggestions stop at once. Never retried. */
  withdraw(options: RequestOptions = {}): Promise<void> {
    // An empty JSON object, because the API accepts state-changing requests only as application/json.
    return this.api.request<void>('DELETE', 'v1/me/consent', { ...options, json: {} });
  }
}
