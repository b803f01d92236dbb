import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { PROBLEMS, type ProblemCode as ProblemCodeName } from '../http/problems.js';

/**
 * A reference to a shared, named schema (registered once with `addSchema`). OpenAPI then shows it as
 * `#/components/schemas/<$id>`, which is what the SDK's generated types are named after, and the
 * TypeBox type provider still infers the full static type.
 */
export function ref<T extends TSchema>(schema: T): TUnsafe<Static<T>> {
  if (!schema.$id) throw new Error('ref() needs a schema with an $id');
  return Type.Unsafe<Static<T>>({ $ref: `${schema.$id}#` });
}

/** A string enum as one JSON Schema `enum` (reads better in OpenAPI and generated SDK types than anyOf). */
export function stringEnum<const T extends readonly string[]>(
  values: T,
  options: { $id?: string; description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export const Language = stringEnum(LANGUAGES, { $id: 'Language' });
export type Language = Static<typeof Language>;

export const LocalizedText = Type.Object(
  { fi: Type.String(), sv: Type.String(), en: Type.String() },
  { $id: 'LocalizedText', additionalProperties: false, description: 'The same text in Finnish, Swedish and English.' },
);
export type LocalizedText = Static<typeof LocalizedText>;

/**
 * Every `KA_*` code the API sends, as one enum in the contract: taken from the one table of problems
 * (http/problems.ts), so that the SDK's error codes and the widgets' translations follow it.
 */
export const ProblemCode = stringEnum(Object.keys(PROBLEMS) as ProblemCodeName[], {
  $id: 'ProblemCode',
  description: 'Stable machine-readable code of a problem; translate by this.',
});

/** RFC 9457 problem details, with our stable `code` (see http/problems.ts for the table). */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: ref(ProblemCode),
    detail: Type.Optional(Type.String()),
    instance: Type.String({ description: 'The request id; quote it when reporting a problem.' }),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof Problem>;

/** A response documented as RFC 9457 problem+json (how every error is sent; see http/error-handler.ts). */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ref(Problem) } } };
}

/** The 429 of every API route (http/rate-limit.ts); `Retry-After` says how many seconds to wait. */
export const tooManyRequests = problemResponse(
  'Too many requests from this citizen or this address; wait the seconds in Retry-After (KA_RATE_LIMITED)',
);
