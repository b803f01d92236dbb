import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../http/problems.js';
import { problemResponse, ref, tooManyRequests } from '../schemas/common.js';
import { MunicipalityParams } from '../schemas/municipality.js';
import { NoticeList } from '../schemas/notice.js';

/**
 * Revalidated after a second; kept by caches for a day if the API fails (RFC 5861), so a CDN or a browser that
 * honours it still has the notices while the API is down. Pages poll with the ETag: a 304 costs no body.
 */
export const NOTICES_CACHE_CONTROL = 'public, max-age=1, stale-if-error=86400';

/** The municipality's current notices: public, no personal data. */
export const noticeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/municipalities/:id/notices',
    {
      schema: {
        tags: ['public'],
        summary: "The municipality's current notices, most severe first (poll it with If-None-Match)",
        description:
          'Notices written by staff that are visible now (a planned break is visible before it starts), and outage notices for sources that have not answered for a while. Answers 304 when the ETag matches.',
        operationId: 'listMunicipalityNotices',
        params: MunicipalityParams,
        querystring: Type.Object({}, { additionalProperties: false }),
        response: {
          200: ref(NoticeList),
          304: { description: 'Not modified since the ETag in If-None-Match', type: 'null' },
          400: problemResponse('Invalid request (KA_VALIDATION)'),
          404: problemResponse('No such municipality (KA_NOT_FOUND)'),
          429: tooManyRequests,
        },
      },
    },
    async (request, reply) => {
      const municipality = app.tenants.byId(request.params.id);
      if (!municipality) throw new ApiError('KA_NOT_FOUND', 'No such municipality');
      const list = await app.notices.publicList(municipality);
      const etag = `"${createHash('sha256').update(JSON.stringify(list.items)).digest('base64url').slice(0, 27)}"`;
      reply.header('Cache-Control', NOTICES_CACHE_CONTROL).header('ETag', etag);
      const match = request.headers['if-none-match'];
      if (match !== undefined && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        return reply.code(304).send();
      }
      return list;
    },
  );
};
