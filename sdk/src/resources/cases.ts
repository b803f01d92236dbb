import type { Api } from '../client.js';
import type { Case, CaseList, CaseListParams, CaseRetrieveParams, RequestOptions } from '../types.js';

/** `client.cases`: the signed-in citizen's cases across back ends. */
export class CasesResource {
  constructor(private readonly api: Api) {}

  /** `GET /v1/me/cases`: every case plus the status of each source (ok, stale, unavailable). */
  list(params: CaseListParams = {}, options: RequestOptions = {}): Promise<CaseList> {
    return this.api.request<CaseList>('GET', 'v1/me/cases', { ...options, searchParams: params });
  }

  /** `GET /v1/me/cases/{id}`. Someone else's case and a missing one both give NotFoundError. */
  retrieve(id: string, params: CaseRetrieveParams = {}, options: RequestOptions = {}): Promise<Case> {
    if (typeof id !== 'string' || id === '') throw new TypeError('cases.retrieve(id): id must be a non-empty string');
    return this.api.request<Case>('GET', `v1/me/cases/${encodeURIComponent(id)}`, { ...options, searchParams: params });
  }
}
