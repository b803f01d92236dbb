import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildValidator = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

/**
 * Query strings and path parameters arrive as text, so their schemas coerce (`?limit=20` is the integer 20). A JSON
 * body has its own types and is taken as sent: `{"textVersion": 1}` is refused, not read as "1". Two compilers
 * from the same external schemas, one per kind of input.
 */
export function bodiesNotCoerced(): BuildValidator {
  const coercing = AjvCompiler();
  const exact = AjvCompiler();
  return (externalSchemas, options) => {
    const loose = coercing(externalSchemas, options);
    // Fastify always passes ajv (not JTD) options here: it has no JTD validator mode.
    const strictOptions = { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } };
    const strict = exact(externalSchemas, strictOptions as typeof options);
    return (route) => (route.httpPart === 'body' ? strict : loose)(route);
  };
}
