import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// PTV v11 OUT API shapes (reference/backends.md §1.3–1.6). Real answers are messy (§1.9b): null values, fi-only
// texts, null codes, two URI forms; only what the mapper needs is required and everything else may be anything.
const LangValue = Type.Object({
  language: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.String(), Type.Null()]),
  type: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type PtvLangValue = Static<typeof LangValue>;

const Classification = Type.Object({
  code: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  uri: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const PtvService = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  serviceNames: Type.Array(LangValue),
  serviceDescriptions: Type.Optional(Type.Union([Type.Array(LangValue), Type.Null()])),
  lifeEvents: Type.Optional(Type.Union([Type.Array(Classification), Type.Null()])),
  targetGroups: Type.Optional(Type.Union([Type.Array(Classification), Type.Null()])),
  serviceClasses: Type.Optional(Type.Union([Type.Array(Classification), Type.Null()])),
  keywords: Type.Optional(Type.Union([Type.Array(LangValue), Type.Null()])),
  serviceChannels: Type.Optional(
    Type.Union([
      Type.Array(Type.Object({ serviceChannel: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }) })),
      Type.Null(),
    ]),
  ),
  publishingStatus: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type PtvService = Static<typeof PtvService>;

export const PtvServicePage = Type.Object({
  pageNumber: Type.Integer({ minimum: 0 }),
  pageCount: Type.Integer({ minimum: 0, maximum: 10_000 }),
  itemList: Type.Union([Type.Array(PtvService, { maxItems: 1000 }), Type.Null()]),
});
export type PtvServicePage = Static<typeof PtvServicePage>;
export const ptvServicePageCheck = TypeCompiler.Compile(PtvServicePage);

const Text = Type.Optional(Type.Union([Type.String(), Type.Null()]));
const Texts = Type.Optional(Type.Union([Type.Array(LangValue), Type.Null()]));

/** `type` is `Phone`, `Sms` or `Fax` on `phoneNumbers`; `supportPhones` carry no type (a voice number). */
const Phone = Type.Object({
  type: Text,
  number: Text,
  prefixNumber: Text,
  isFinnishServiceNumber: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  additionalInformation: Text,
  chargeDescription: Text,
  language: Text,
});

const OpeningHour = Type.Object({ dayFrom: Text, dayTo: Text, from: Text, to: Text });
/** `serviceHourType` is `DaysOfTheWeek` (standard), `Exceptional` or `OverMidnight`. */
const ServiceHour = Type.Object({
  serviceHourType: Text,
  validFrom: Text,
  validTo: Text,
  isClosed: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  validForNow: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  isAlwaysOpen: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  additionalInformation: Texts,
  openingHour: Type.Optional(Type.Union([Type.Array(OpeningHour), Type.Null()])),
});
export type PtvServiceHour = Static<typeof ServiceHour>;
const Address = Type.Object({
  type: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  streetAddress: Type.Optional(
    Type.Union([
      Type.Object({
        street: Type.Optional(Type.Union([Type.Array(LangValue), Type.Null()])),
        streetNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        postalCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        postOffice: Type.Optional(Type.Union([Type.Array(LangValue), Type.Null()])),
      }),
      Type.Null(),
    ]),
  ),
});

export const PtvServiceChannel = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  serviceChannelType: Type.String(),
  serviceChannelNames: Type.Array(LangValue),
  webPages: Type.Optional(
    Type.Union([
      Type.Array(
        Type.Object({
          url: Type.Union([Type.String(), Type.Null()]),
          language: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        }),
      ),
      Type.Null(),
    ]),
  ),
  /** PrintableForm: the form itself (`type` e.g. `PDF`, `DOC`); real PTV leaves `webPages` empty there. */
  channelUrls: Type.Optional(
    Type.Union([Type.Array(Type.Object({ value: Text, language: Text, type: Text })), Type.Null()]),
  ),
  phoneNumbers: Type.Optional(Type.Union([Type.Array(Phone), Type.Null()])),
  supportPhones: Type.Optional(Type.Union([Type.Array(Phone), Type.Null()])),
  addresses: Type.Optional(Type.Union([Type.Array(Address), Type.Null()])),
  serviceHours: Type.Optional(Type.Union([Type.Array(ServiceHour), Type.Null()])),
});
export type PtvServiceChannel = Static<typeof PtvServiceChannel>;
export const ptvChannelListCheck = TypeCompiler.Compile(Type.Array(PtvServiceChannel, { maxItems: 100 }));
