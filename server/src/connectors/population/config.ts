/** `sources.population` of a municipality file: population data (facts about the life situation, guardianship). */
import { Type, type Static } from '@sinclair/typebox';
import { NonEmpty, SourceResilience, Timeout, transportFields, Url } from '../config-common.js';

export const PopulationSourceConfig = Type.Object(
  {
    baseUrl: Url,
    /** Older spelling of `auth: { type: 'bearer', token }`. */
    token: Type.Optional(NonEmpty),
    ...transportFields,
    timeoutMs: Type.Optional(Timeout),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type PopulationSourceConfig = Static<typeof PopulationSourceConfig>;
