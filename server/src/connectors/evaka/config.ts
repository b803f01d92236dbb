/** `sources.evaka` of a municipality file: eVaka (early-childhood education), read as the guardian sees it. */
import { Type, type Static } from '@sinclair/typebox';
import { NonEmpty, PollInterval, SourceResilience, Timeout, transportFields, Url } from '../config-common.js';

export const EvakaSourceConfig = Type.Object(
  {
    baseUrl: Url,
    /** Older spelling of `auth: { type: 'bearer', token }`. */
    token: Type.Optional(NonEmpty),
    ...transportFields,
    /** The citizen UI of eVaka, for deep links. */
    publicUrl: Url,
    timeoutMs: Type.Optional(Timeout),
    /** eVaka cannot push: open live-update streams are refreshed this often (default 60 s). */
    pollIntervalMs: Type.Optional(PollInterval),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type EvakaSourceConfig = Static<typeof EvakaSourceConfig>;
