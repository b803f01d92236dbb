import { Type, type Static } from '@sinclair/typebox';
import { LocalizedText, ref, stringEnum } from './common.js';

// The unified service of the PTV catalogue (docs/contracts.md "PTV"). Public data: no personal data here.

export const SERVICE_CHANNEL_TYPES = ['EChannel', 'WebPage', 'Phone', 'ServiceLocation', 'PrintableForm'] as const;
export type ServiceChannelType = (typeof SERVICE_CHANNEL_TYPES)[number];

export const ServiceChannel = Type.Object(
  {
    id: Type.String(),
    type: stringEnum(SERVICE_CHANNEL_TYPES),
    name: ref(LocalizedText),
    url: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String()),
    address: Type.Optional(Type.String()),
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
