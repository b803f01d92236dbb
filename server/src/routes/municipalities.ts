import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../http/problems.js';
import { problemResponse, ref } from '../schemas/common.js';
import { MunicipalityParams, PublicMunicipality } from '../schemas/municipality.js';

/** What a widget needs to start signing in for one municipality; public, no personal data. */
export const municipalityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/municipalities/:id',
    {
      schema: {
        tags: ['public'],
        summary: "A municipality's public settings (names, languages, sign-in)",
        operationId: 'getMunicipality',
        params: MunicipalityParams,
        response: {
          200: ref(PublicMunicipality),
          400: problemResponse('Invalid municipality id (KA_VALIDATION)'),
          404: problemResponse('No such municipality (KA_NOT_FOUND)'),
        },
      },
    },
    async (request, reply) => {
      const municipality = app.tenants.byId(request.params.id);
      if (!municipality) throw new ApiError('KA_NOT_FOUND', 'No such municipality');
      reply.header('Cache-Control', 'public, max-age=300');
      return {
        id: municipality.id,
        code: municipality.code,
        name: { fi: municipality.name.fi, sv: municipality.name.sv },
        languages: [...municipality.languages],
        defaultLanguage: municipality.defaultLanguage,
        auth: {
          authority: municipality.auth.issuer,
          clientId: municipality.auth.clientId,
          scope: municipality.auth.scope,
          resource: municipality.auth.audience,
        },
      };
    },
  );
};
