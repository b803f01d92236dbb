import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import { sharedSchemas } from '../schemas/index.js';

export const API_VERSION = '1.0.0';

/**
 * Registers the shared schemas (one contract source) and generates OpenAPI 3.1 from the routes. Named schemas
 * appear under their `$id` in `components.schemas`, which is what the SDK's generated types are called.
 */
export const openapiPlugin = fp(
  async (app) => {
    for (const schema of sharedSchemas) app.addSchema(schema);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kunta-Akkuna API',
          version: API_VERSION,
          description:
            "A citizen's municipal e-services in one place. Errors are RFC 9457 problem+json with a stable `code`.",
          license: { name: 'MIT', identifier: 'MIT' },
        },
        components: {
          securitySchemes: {
            dpop: {
              type: 'http',
              scheme: 'DPoP',
              description: 'A DPoP-bound access token (RFC 9449) with a `DPoP` proof header per request.',
            },
            bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          },
        },
        tags: [
          { name: 'me', description: "The signed-in citizen's own data" },
          { name: 'public', description: 'Public information' },
          { name: 'operations', description: 'Health and readiness' },
        ],
      },
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'ka-openapi' },
);
