import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { searchServices } from '../feed/catalogue.js';
import { ApiError } from '../http/problems.js';
import { problemResponse, tooManyRequests, ref } from '../schemas/common.js';
import { Feed, ServiceList, ServiceSearchQuery } from '../schemas/feed.js';
import { MunicipalityParams } from '../schemas/municipality.js';

const MAX_SERVICES = 50;
const NoQuery = Type.Object({}, { additionalProperties: false });

/** The general feed and the service catalogue of a municipality: public, no personal data. */
export const municipalityFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const municipalityOf = (id: string) => {
    const municipality = app.tenants.byId(id);
    if (!municipality) throw new ApiError('KA_NOT_FOUND', 'No such municipality');
    return municipality;
  };

  app.get(
    '/v1/municipalities/:id/feed',
    {
      schema: {
        tags: ['public'],
        summary: "The municipality's general feed: featured services by life event, and its notices",
        operationId: 'getMunicipalityFeed',
        params: MunicipalityParams,
        querystring: NoQuery,
        response: {
          200: ref(Feed),
          400: problemResponse('Invalid request (KA_VALIDATION)'),
          404: problemResponse('No such municipality (KA_NOT_FOUND)'),
          429: tooManyRequests,
        },
      },
    },
    async (request, reply) => {
      const feed = await app.feed.general(municipalityOf(request.params.id));
      reply.header('Cache-Control', 'public, max-age=300');
      return feed;
    },
  );

  app.get(
    '/v1/municipalities/:id/services',
    {
      schema: {
        tags: ['public'],
        summary: "Search the municipality's service catalogue (PTV)",
        description: `Free text \`q\` over names, summaries and keywords (in \`lang\`, else every language), optionally by PTV life event (\`KE4\` also finds \`KE4.2\`). At most ${MAX_SERVICES} services.`,
        operationId: 'searchMunicipalityServices',
        params: MunicipalityParams,
        querystring: ServiceSearchQuery,
        response: {
          200: ref(ServiceList),
          400: problemResponse('Invalid query (KA_VALIDATION)'),
          404: problemResponse('No such municipality (KA_NOT_FOUND)'),
          429: tooManyRequests,
        },
      },
    },
    async (request, reply) => {
      const { services, sources } = await app.feed.services(municipalityOf(request.params.id));
      reply.header('Cache-Control', 'public, max-age=300');
      return { items: searchServices(services, request.query).slice(0, MAX_SERVICES), sources };
    },
  );
};
