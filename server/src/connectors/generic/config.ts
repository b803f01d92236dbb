/**
 * `sources.generic` of a municipality file: a generic REST/JSON case system, mapped to the unified Case by
 * configuration only: where the list of cases is in the answer, which field holds what (JSON pointers relative to
 * one case), and a table of status values.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CASE_STATUSES, CASE_TYPES } from '../../schemas/case.js';
import {
  literalUnion,
  Localized,
  NonEmpty,
  PollInterval,
  Pointer,
  SourceResilience,
  Timeout,
  transportFields,
  Url,
} from '../config-common.js';

export const GenericSourceConfig = Type.Object(
  {
    /** The source id in case ids and `sources[]` (default `generic`). */
    id: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{0,30}$' })),
    baseUrl: Url,
    /** Older spelling of `auth: { type: 'bearer', token }`. */
    token: Type.Optional(NonEmpty),
    ...transportFields,
    timeoutMs: Type.Optional(Timeout),
    pollIntervalMs: Type.Optional(PollInterval),
    resilience: Type.Optional(SourceResilience),
    request: Type.Object(
      {
        method: Type.Union([Type.Literal('GET'), Type.Literal('POST')]),
        /** Path under baseUrl; never carries the identity code. */
        path: Type.String({ pattern: '^/[A-Za-z0-9._~/-]*$' }),
        /** GET: the header that carries the identity code. */
        personIdHeader: Type.Optional(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9-]{0,63}$' })),
        /** POST: where the identity code goes in the JSON body. */
        personIdField: Type.Optional(Pointer),
      },
      { additionalProperties: false },
    ),
    mapping: Type.Object(
      {
        caseType: literalUnion(CASE_TYPES),
        /** Where the array of cases is in the answer ("" when the answer is the array). */
        items: Pointer,
        fields: Type.Object(
          {
            id: Pointer,
            status: Pointer,
            updatedAt: Pointer,
            /** A string, or an object with fi/sv/en strings. */
            title: Type.Optional(Pointer),
            link: Type.Optional(Pointer),
            timeline: Type.Optional(Pointer),
            timelineStatus: Type.Optional(Pointer),
            timelineAt: Type.Optional(Pointer),
          },
          { additionalProperties: false },
        ),
        /** Used when `fields.title` is absent or empty. */
        defaultTitle: Localized,
        /** Source status value → unified status. A record whose status is not in the table is left out (`unknown_state`). */
        statusTable: Type.Record(Type.String({ minLength: 1 }), literalUnion(CASE_STATUSES), { minProperties: 1 }),
        statusLabels: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Localized)),
        nextSteps: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Localized)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type GenericSourceConfig = Static<typeof GenericSourceConfig>;
