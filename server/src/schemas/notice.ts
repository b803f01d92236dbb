import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from './common.js';

export const NOTICE_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const NoticeSeverity = stringEnum(NOTICE_SEVERITIES, {
  $id: 'NoticeSeverity',
  description: '`critical`: announced at once and never hidden; `info` and `warning` may be dismissed for the session.',
});
export type NoticeSeverity = Static<typeof NoticeSeverity>;

export const TITLE_MAX = 120;
export const BODY_MAX = 2000;
export const LINK_LABEL_MAX = 80;
export const TOPICS_MAX = 10;

/** A text per language; which languages are required is the municipality's (its `languages`), checked in the route. */
function texts(maxLength: number, description: string) {
  const text = Type.String({ minLength: 1, maxLength });
  return Type.Object(
    { fi: Type.Optional(text), sv: Type.Optional(text), en: Type.Optional(text) },
    { additionalProperties: false, description },
  );
}

export const NoticeTitle = texts(TITLE_MAX, `Per language, at most ${TITLE_MAX} characters.`);
export const NoticeBody = texts(BODY_MAX, `Per language, at most ${BODY_MAX} characters.`);

export const NoticeLink = Type.Object(
  {
    href: Type.String({ format: 'uri', maxLength: 2000, description: 'An http(s) address.' }),
    label: Type.Optional(texts(LINK_LABEL_MAX, 'The link text per language; default "Read more".')),
  },
  { $id: 'NoticeLink', additionalProperties: false },
);

/** A life event (`KE4`), a source (`lupapiste`) or a word the municipality uses (`water`). */
export const NoticeTopic = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$' });

export const Notice = Type.Object(
  {
    id: Type.String(),
    kind: stringEnum(['notice', 'outage'] as const, {
      description:
        "`notice`: written by the municipality's staff; `outage`: made by the server while a source does not answer.",
    }),
    severity: NoticeSeverity,
    title: Type.Record(Type.String(), Type.String(), { description: 'Per language the municipality offers.' }),
    body: Type.Record(Type.String(), Type.String()),
    link: Type.Optional(Type.Unsafe<Static<typeof NoticeLink>>({ $ref: 'NoticeLink#' })),
    topics: Type.Array(Type.String()),
    visibleFrom: Type.String({
      format: 'date-time',
      description: 'When citizens start to see it (before `startsAt` for a planned break).',
    }),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    source: Type.Optional(Type.String({ description: 'For an outage: the source that does not answer.' })),
    dataAsOf: Type.Optional(
      Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description:
          'For an outage: when the source last answered (saved copies are from then); null if not since the start.',
      }),
    ),
  },
  { $id: 'Notice', additionalProperties: false },
);
export type Notice = Static<typeof Notice>;

export const NoticeList = Type.Object(
  {
    items: Type.Array(Type.Unsafe<Notice>({ $ref: 'Notice#' }), { description: 'Most severe first, then by start.' }),
    generatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'NoticeList', additionalProperties: false },
);
export type NoticeList = Static<typeof NoticeList>;

export const NoticeInput = Type.Object(
  {
    severity: NoticeSeverity,
    title: NoticeTitle,
    body: NoticeBody,
    link: Type.Optional(Type.Union([Type.Unsafe<Static<typeof NoticeLink>>({ $ref: 'NoticeLink#' }), Type.Null()])),
    topics: Type.Optional(Type.Array(NoticeTopic, { maxItems: TOPICS_MAX, uniqueItems: true })),
    visibleFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Default: `startsAt`.' })),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'NoticeInput', additionalProperties: false },
);
export type NoticeInput = Static<typeof NoticeInput>;

export const StaffNotice = Type.Object(
  {
    ...Type.Omit(Notice, ['source', 'dataAsOf']).properties,
    status: stringEnum(['scheduled', 'visible', 'active', 'ended'] as const, {
      description: '`scheduled`: not yet shown; `visible`: shown ahead of its start; `active`: between start and end.',
    }),
    version: Type.Integer({
      description: 'Send it back as `If-Match` to edit, so that two editors cannot overwrite each other.',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StaffNotice', additionalProperties: false },
);
export type StaffNotice = Static<typeof StaffNotice>;

export const StaffNoticeList = Type.Object(
  { items: Type.Array(Type.Unsafe<StaffNotice>({ $ref: 'StaffNotice#' })) },
  { $id: 'StaffNoticeList', additionalProperties: false },
);

export const NoticeChange = Type.Object(
  {
    id: Type.String(),
    noticeId: Type.String(),
    action: stringEnum(['created', 'updated', 'ended'] as const),
    actor: Type.Object({ sub: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
    occurredAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'NoticeChange', additionalProperties: false },
);
export type NoticeChange = Static<typeof NoticeChange>;

export const NoticeChangeList = Type.Object(
  { items: Type.Array(Type.Unsafe<NoticeChange>({ $ref: 'NoticeChange#' })) },
  { $id: 'NoticeChangeList', additionalProperties: false },
);

export const StaffSession = Type.Object(
  {
    sub: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    municipalities: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.Object({ fi: Type.String(), sv: Type.String() }),
        languages: Type.Array(Type.String()),
      }),
      { description: 'The municipalities whose notices this person may edit (by the role claim).' },
    ),
  },
  { $id: 'StaffSession', additionalProperties: false },
);
