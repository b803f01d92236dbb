import type { Api } from '../client.js';
import type {
  NoticeChangeList,
  NoticeInput,
  RequestOptions,
  StaffNotice,
  StaffNoticeList,
  StaffSession,
} from '../types.js';

const ID = /^[a-z][a-z0-9-]{0,40}$/;

function path(municipality: string, ...rest: string[]): string {
  if (!ID.test(municipality)) throw new TypeError('staff: municipality must be an id such as "nivala"');
  return ['v1/staff/municipalities', municipality, 'notices', ...rest.map(encodeURIComponent)].join('/');
}

/** `client.staff`: the notice editors' routes. Needs a staff sign-in (its own audience); citizen tokens are refused. */
export class StaffResource {
  constructor(private readonly api: Api) {}

  /** `GET /v1/staff/session`: who is signed in and which municipalities' notices they may edit. */
  session(options: RequestOptions = {}): Promise<StaffSession> {
    return this.api.request<StaffSession>('GET', 'v1/staff/session', options);
  }

  /** `GET /v1/staff/municipalities/{id}/notices`. */
  list(municipality: string, options: RequestOptions = {}): Promise<StaffNoticeList> {
    return this.api.request<StaffNoticeList>('GET', path(municipality), options);
  }

  /** `POST …/notices`: publish now or schedule. */
  create(municipality: string, notice: NoticeInput, options: RequestOptions = {}): Promise<StaffNotice> {
    return this.api.request<StaffNotice>('POST', path(municipality), { ...options, json: notice });
  }

  /** `PUT …/notices/{noticeId}` with `If-Match: "<version>"`: refused (412) if someone else changed it first. */
  update(
    municipality: string,
    noticeId: string,
    version: number,
    notice: NoticeInput,
    options: RequestOptions = {},
  ): Promise<StaffNotice> {
    return this.api.request<StaffNotice>('PUT', path(municipality, noticeId), {
      ...options,
      json: notice,
      headers: { 'If-Match': `"${version}"` },
    });
  }

  /** `POST …/notices/{noticeId}/end`: ends it now. */
  end(municipality: string, noticeId: string, version: number, options: RequestOptions = {}): Promise<StaffNotice> {
    return this.api.request<StaffNotice>('POST', `${path(municipality, noticeId)}/end`, {
      ...options,
      json: {},
      headers: { 'If-Match': `"${version}"` },
    });
  }

  /** `GET …/notices/{noticeId}/changes`: who changed it and when. */
  changes(municipality: string, noticeId: string, options: RequestOptions = {}): Promise<NoticeChangeList> {
    return this.api.request<NoticeChangeList>('GET', `${path(municipality, noticeId)}/changes`, options);
  }
}
