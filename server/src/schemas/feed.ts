import { Type, type Static } from '@sinclair/typebox';
import { SourceStatus } from './case.js';
import { LocalizedText, ref, stringEnum } from './common.js';
import { Service, ServiceChannel } from './service.js';

// The proactive feed, consent and service search (docs/contracts.md, "Proactive feed").

export const FeedReason = Type.Object(
  {
    ruleId: Type.String(),
    ruleVersion: Type.String(),
    explanation: ref(LocalizedText),
    dataUsed: Type.Array(ref(LocalizedText), { description: 'The data items the rule used, in words.' }),
    legalBasis: ref(LocalizedText),
  },
  { $id: 'FeedReason', additionalProperties: false, description: 'Why a personal item is shown.' },
);

export const FeedAction = Type.Object(
  { label: ref(LocalizedText), href: Type.String({ format: 'uri' }) },
  { $id: 'FeedAction', additionalProperties: false, description: 'Where to act: the e-service channel or the case.' },
);

export const FEED_ITEM_KINDS = ['suggestion', 'task', 'service', 'notice'] as const;

export const FeedWindow = Type.Object(
  {
    kind: stringEnum(['enrolment', 'application'], { description: 'What the window is for.' }),
    opens: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'First day, or null.' }),
    closes: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'Last day, or null.' }),
  },
  {
    $id: 'FeedWindow',
    additionalProperties: false,
    description:
      'The real period of what a suggestion suggests (e.g. pre-school enrolment 1.1.–28.2.), as calendar days.',
  },
);
export type FeedWindow = Static<typeof FeedWindow>;

export const FeedItem = Type.Object(
  {
    id: Type.String({ description: 'Stable and opaque; the same suggestion keeps its id while it applies.' }),
    kind: stringEnum(FEED_ITEM_KINDS, {
      description:
        '`suggestion` and `task`: made for this citizen from their data; `service`: a catalogue entry of the general feed; `notice`: from the municipality.',
    }),
    title: ref(LocalizedText),
    body: ref(LocalizedText),
    action: Type.Union([ref(FeedAction), Type.Null()]),
    service: Type.Union([
      Type.Object({ id: Type.String(), name: ref(LocalizedText) }, { additionalProperties: false }),
      Type.Null(),
    ]),
    reason: Type.Union([ref(FeedReason), Type.Null()], { description: 'Null for items not derived from your data.' }),
    priority: Type.Integer({ description: 'Higher comes first; items are already sorted.' }),
    validUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description:
        'When the item as worded stops being true (it may come back reworded under the same id). Not a deadline: see `window`.',
    }),
    window: Type.Union([ref(FeedWindow), Type.Null()]),
    channels: Type.Array(ref(ServiceChannel), {
      description: "The ways to reach the item's service, from PTV: e-service, phone, visiting address, form.",
    }),
    caseId: Type.Union([Type.String(), Type.Null()], {
      description:
        'The case the item is about (as in `/v1/me/cases`), so a page can link the two instead of repeating it.',
    }),
    personal: Type.Boolean({ description: "True when the item was derived from the citizen's own data." }),
    lifeEvent: Type.Optional(
      Type.Object(
        { code: Type.String({ description: 'PTV life event, e.g. `KE4`.' }), name: ref(LocalizedText) },
        { additionalProperties: false, description: 'The life event the item belongs to, for grouping.' },
      ),
    ),
  },
  { $id: 'FeedItem', additionalProperties: false },
);
export type FeedItem = Static<typeof FeedItem>;

export const Feed = Type.Object(
  { items: Type.Array(ref(FeedItem)), sources: Type.Array(ref(SourceStatus)) },
  { $id: 'Feed', additionalProperties: false },
);
export type Feed = Static<typeof Feed>;

export const Consent = Type.Object(
  {
    granted: Type.Boolean(),
    textVersion: Type.Union([Type.String(), Type.Null()], {
      description: 'The version of the consent text agreed to; null when not granted.',
    }),
    grantedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When consent was given; null when not granted.',
    }),
  },
  {
    $id: 'Consent',
    additionalProperties: false,
    description: "The citizen's consent to the use of their data for personal suggestions.",
  },
);
export type Consent = Static<typeof Consent>;

export const ConsentGrant = Type.Object(
  {
    textVersion: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$',
      description: 'The version of the consent text the citizen was shown.',
    }),
  },
  { $id: 'ConsentGrant', additionalProperties: false },
);

export const ServiceList = Type.Object(
  { items: Type.Array(ref(Service)), sources: Type.Array(ref(SourceStatus)) },
  { $id: 'ServiceList', additionalProperties: false },
);
export type ServiceList = Static<typeof ServiceList>;

export const ServiceSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    lifeEvent: Type.Optional(Type.String({ pattern: '^KE[0-9]{1,2}(\\.[0-9]{1,2})?$' })),
    lang: Type.Optional(stringEnum(['fi', 'sv', 'en'])),
  },
  { additionalProperties: false },
);

export const FeedItemParams = Type.Object(
  { itemId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9:._~-]{0,200}$' }) },
  { additionalProperties: false },
);
