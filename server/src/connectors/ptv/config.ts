/** `sources.ptv` of a municipality file: the PTV service catalogue (v11 OUT API), public data. */
import { Type, type Static } from '@sinclair/typebox';
import { SourceResilience, Timeout, transportFields, Url } from '../config-common.js';

export const PtvSourceConfig = Type.Object(
  {
    /** e.g. https://api.palvelutietovaranto.suomi.fi/api (without /v11). */
    baseUrl: Url,
    ...transportFields,
    timeoutMs: Type.Optional(Timeout),
    /** Background refresh interval (default 6 h; DVV recommends daily changes, weekly everything). */
    refreshIntervalMs: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 7 * 86_400_000 })),
    includeWholeCountry: Type.Optional(Type.Boolean()),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type PtvSourceConfig = Static<typeof PtvSourceConfig>;
