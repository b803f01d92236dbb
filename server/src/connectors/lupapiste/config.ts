/** `sources.lupapiste` of a municipality file: Lupapiste (building permits), read as the applicant sees it. */
import { Type, type Static } from '@sinclair/typebox';
import { NonEmpty, SourceResilience, transportFields, Url } from '../config-common.js';

export const LupapisteSourceConfig = Type.Object(
  {
    baseUrl: Url,
    /** Older spelling of `auth: { type: 'bearer', token }`. */
    token: Type.Optional(NonEmpty),
    ...transportFields,
    /** Where citizens open their application in Lupapiste (deep links). */
    publicUrl: Url,
    timeoutMs: Type.Integer({ minimum: 50, maximum: 10_000 }),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type LupapisteSourceConfig = Static<typeof LupapisteSourceConfig>;
