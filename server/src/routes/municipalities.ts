import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError } from '../http/problems.js';
import { problemResponse, tooManyRequests, ref } from '../schemas/common.js';
import { MunicipalityList, MunicipalityParams, PublicMunicipality } from '../schemas/municipality.js';
import { WIDGET_TAGS } from '../tenants/municipality-config.js';
import { resolveTheme } from '../tenants/theme.js';

/**
 * What a widget needs for one municipality: names, languages, theme, enabled widgets and sign-in settings, so
 * that a web page names only the municipality. Public, no personal data.
 */
export const municipalityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/municipalities',
    {
      schema: {
        tags: ['public'],
        summary: 'The municipalities this server serves',
        operationId: 'listMunicipalities',
        response: { 200: ref(MunicipalityList) },
      },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'public, max-age=300');
      return {
        items: app.tenants.all.map((m) => ({ id: m.id, code: m.code, name: { fi: m.name.fi, sv: m.name.sv } })),
      };
    },
  );

  app.get(
    '/v1/municipalities/:id',
    {
      schema: {
        tags: ['public'],
        summary: "A municipality's public settings (names, languages, theme, widgets, sign-in)",
        operationId: 'getMunicipality',
        params: MunicipalityParams,
        response: {
          200: ref(PublicMunicipality),
          400: problemResponse('Invalid municipality id (KA_VALIDATION)'),
          404: problemResponse('No such municipality (KA_NOT_FOUND)'),
          429: tooManyRequests,
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
        swedishNameOfficial: municipality.swedishNameOfficial,
        type: municipality.type,
        finnishCases: { ...municipality.finnishCases },
        languages: [...municipality.languages],
        defaultLanguage: municipality.defaultLanguage,
        theme: { tokens: resolveTheme(municipality.theme).tokens },
        widgets: [...(municipality.widgets ?? WIDGET_TAGS)],
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
