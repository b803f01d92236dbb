import type { Api } from '../client.js';
import type {
  AccessLogPage,
  AccessLogParams,
  MyData,
  MyDataExport,
  RemovableDataKind,
  RemovalResult,
  RequestOptions,
} from '../types.js';

const REMOVABLE: readonly RemovableDataKind[] = ['consent', 'saved_copies', 'dismissals'];

/**
 * `client.myData`: the signed-in citizen's own data (GDPR arts. 15 and 20): who has used it, what is held, a copy
 * to download, and removal of what the citizen may remove. Every call is itself logged by the server.
 */
export class MyDataResource {
  constructor(private readonly api: Api) {}

  /** `GET /v1/me/access-log`: one page, newest first; pass the page's `nextCursor` for the next one. */
  accessLog(params: AccessLogParams = {}, options: RequestOptions = {}): Promise<AccessLogPage> {
    return this.api.request<AccessLogPage>('GET', 'v1/me/access-log', { ...options, searchParams: params });
  }

  /** `GET /v1/me/data`: consents with their history, dismissals, saved copies, settings, and retention. */
  retrieve(options: RequestOptions = {}): Promise<MyData> {
    return this.api.request<MyData>('GET', 'v1/me/data', options);
  }

  /** `GET /v1/me/data/export`: everything above and the whole access log, as one document. */
  export(options: RequestOptions = {}): Promise<MyDataExport> {
    return this.api.request<MyDataExport>('GET', 'v1/me/data/export', options);
  }

  /**
   * `DELETE /v1/me/data/{kind}`: removes dismissals or saved copies, or withdraws consent (its history stays). The
   * access log cannot be removed. Never retried.
   */
  remove(kind: RemovableDataKind, options: RequestOptions = {}): Promise<RemovalResult> {
    if (!REMOVABLE.includes(kind)) {
      throw new TypeError(`myData.remove(kind): kind must be one of ${REMOVABLE.join(', ')}`);
    }
    // A JSON body, because the API accepts state-changing requests only as application/json.
    return this.api.request<RemovalResult>('DELETE', `v1/me/data/${kind}`, { ...options, json: {} });
  }
}
