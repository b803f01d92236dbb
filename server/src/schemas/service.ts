import { Type, type Static } from '@sinclair/typebox';
import { LocalizedText, ref, stringEnum } from './common.js';

// The unified service of the PTV catalogue (docs/contracts.md "PTV"). Public data: no personal data here.

export const SERVICE_CHANNEL_TYPES = ['EChannel', 'WebPage', 'Phone', 'ServiceLocation', 'PrintableForm'] as const;
export type ServiceChannelType = (typeof SERVICE_CHANNEL_TYPES)[number];

export const PHONE_TYPES = ['Phone', 'Sms', 'Fax'] as const;

export const ChannelPhone = Type.Object(
  {
    type: stringEnum(PHONE_TYPES),
    number: Type.String({ description: 'International form without spaces, e.g. `+358401234567`, for a `tel:` link.' }),
    info: Type.Optional(Type.String({ description: "PTV's additional information, e.g. whom the number reaches." })),
    charge: Type.Optional(Type.String({ description: 'What a call costs, when PTV says.' })),
  },
  { $id: 'ChannelPhone', additionalProperties: false },
);
export type ChannelPhone = Static<typeof ChannelPhone>;

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const ServiceHours = Type.Object(
  {
    kind: stringEnum(['standard', 'exceptional'], {
      description: 'standard: the weekly hours; exceptional: a holiday or other change (with its dates).',
    }),
    validFrom: Type.Optional(Type.String({ description: 'First day (YYYY-MM-DD).' })),
    validTo: Type.Optional(Type.String({ description: 'Last day (YYYY-MM-DD).' })),
    alwaysOpen: Type.Boolean(),
    closed: Type.Boolean(),
    days: Type.Array(
      Type.Object(
        {
          from: stringEnum(WEEKDAYS),
          to: Type.Optional(stringEnum(WEEKDAYS)),
          opens: Type.String({ description: 'HH:MM' }),
          closes: Type.String({ description: 'HH:MM' }),
        },
        { additionalProperties: false },
      ),
    ),
    info: Type.Optional(ref(LocalizedText)),
  },
  { $id: 'ServiceHours', additionalProperties: false, description: 'Service or opening hours, as PTV gives them.' },
);
export type ServiceHours = Static<typeof ServiceHours>;

export const ServiceChannel = Type.Object(
  {
    id: Type.String(),
    type: stringEnum(SERVICE_CHANNEL_TYPES),
    name: ref(LocalizedText),
    url: Type.Optional(Type.String({ description: 'The e-service or web page; for a PrintableForm, the form.' })),
    phone: Type.Optional(Type.String({ description: 'The first voice number of `phones` (kept for older clients).' })),
    phones: Type.Optional(Type.Array(ref(ChannelPhone))),
    address: Type.Optional(Type.String({ description: 'The visiting address (not a postal one), one line.' })),
    hours: Type.Optional(Type.Array(ref(ServiceHours), { description: 'Service hours (phone) or opening hours.' })),
  },
  { $id: 'ServiceChannel', additionalProperties: false },
);
export type ServiceChannel = Static<typeof ServiceChannel>;

export const Service = Type.Object(
  {
    id: Type.String({ description: 'The PTV service id (a GUID).' }),
    name: ref(LocalizedText),
    summary: ref(LocalizedText),
    description: ref(LocalizedText),
    lifeEvents: Type.Array(Type.String(), { description: 'PTV life event codes, e.g. `KE4`.' }),
    targetGroups: Type.Array(Type.String(), { description: 'PTV target group codes, e.g. `KR1.2`.' }),
    serviceClasses: Type.Array(Type.String(), { description: 'PTV service class codes, e.g. `P3`.' }),
    keywords: Type.Array(Type.String()),
    channels: Type.Array(ref(ServiceChannel)),
  },
  { $id: 'Service', additionalProperties: false },
);
export type Service = Static<typeof Service>;
