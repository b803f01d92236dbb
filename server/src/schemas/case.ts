import { Type, type Static } from '@sinclair/typebox';
import { LocalizedText, ref, stringEnum } from './common.js';

export const CASE_STATUSES = [
  'draft',
  'submitted',
  'in_progress',
  'action_required',
  'decided',
  'closed',
  'cancelled',
] as const;

export const CaseStatus = stringEnum(CASE_STATUSES, {
  $id: 'CaseStatus',
  description: 'The unified status, the same for every source system.',
});
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CaseTimelineEntry = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    status: ref(CaseStatus),
    label: ref(LocalizedText),
  },
  { $id: 'CaseTimelineEntry', additionalProperties: false },
);

export const CaseAction = Type.Object(
  { label: ref(LocalizedText), href: Type.String({ format: 'uri' }) },
  { $id: 'CaseAction', additionalProperties: false, description: 'A deep link into the source system.' },
);

export const CASE_TYPES = ['building_permit', 'early_childhood_education', 'home_care', 'other'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CaseSubject = Type.Union(
  [
    Type.Object({ kind: Type.Literal('self') }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal('child'),
        ref: Type.String({ description: 'A pseudonymous, stable reference to the child (never an identity code).' }),
        givenName: Type.String(),
      },
      { additionalProperties: false },
    ),
  ],
  {
    $id: 'CaseSubject',
    description: "Whose case this is: the citizen's own, or a child's the citizen is guardian of.",
  },
);
export type CaseSubject = Static<typeof CaseSubject>;

export const Case = Type.Object(
  {
    id: Type.String({ description: '`<source>:<source id>`, e.g. `lupapiste:LP-535-2026-00012`.' }),
    source: Type.String(),
    type: stringEnum(CASE_TYPES),
    title: ref(LocalizedText),
    status: ref(CaseStatus),
    sourceStatus: Type.String({ description: 'The raw status name in the source system.' }),
    timeline: Type.Array(ref(CaseTimelineEntry)),
    nextStep: Type.Union([ref(LocalizedText), Type.Null()]),
    actions: Type.Array(ref(CaseAction)),
    subject: ref(CaseSubject),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Case', additionalProperties: false },
);
export type Case = Static<typeof Case>;

export const SourceStatus = Type.Object(
  {
    id: Type.String(),
    status: stringEnum(['ok', 'partial', 'stale', 'unavailable'], {
      description:
        '`partial`: the source answered, but some of its rows did not validate and are left out (`omitted` says how many).',
    }),
    fetchedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description:
        'When the data shown was fetched from the source (for `stale`, the time of the saved copy); null when nothing from it is shown.',
    }),
    omitted: Type.Optional(
      Type.Integer({ minimum: 1, description: "With `partial`: how many of the source's rows are left out." }),
    ),
  },
  { $id: 'SourceStatus', additionalProperties: false },
);
export type SourceStatus = Static<typeof SourceStatus>;

export const CaseList = Type.Object(
  { items: Type.Array(ref(Case)), sources: Type.Array(ref(SourceStatus)) },
  { $id: 'CaseList', additionalProperties: false },
);
export type CaseList = Static<typeof CaseList>;

/** A case id as it appears in a path: `<source>:<source id>`, nothing that could smuggle a path or query. */
export const CaseIdParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,30}:[A-Za-z0-9._-]{1,100}$' }) },
  { additionalProperties: false },
);
