/**
 * PTV (Palvelutietovaranto) v11 OUT API emulator, mounted at `/ptv/api` (reference/backends.md §1.2–1.6):
 * - `GET /v11/Service/list/area/Municipality/code/{code}?includeWholeCountry=&page=` → `{ pageNumber, pageSize,
 *   pageCount, itemList: [V11 Service] }` (page size 10 here; real PTV uses 1000)
 * - `GET /v11/ServiceChannel/{id}` → one channel (its concrete type); `GET /v11/ServiceChannel/list?guids=a,b` → array
 * Read endpoints are anonymous, as in PTV. A bad area code gives PTV's 400 dictionary `{ "code": ["…"] }`; an
 * unknown channel 404. The catalogue is in ./catalogue.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { FaultInjector } from '../faults.js';
import { buildAllCatalogues } from './catalogue.js';

export const PTV_SOURCE = 'ptv';
export const PTV_PAGE_SIZE = 10;

export const PTV_FAULT_BODIES = {
  errorBody: { message: 'An error has occurred.' },
  truncatedBody: '{"pageNumber":1,"pageSize":10,"pageCount":2,"itemList":[{"id":"',
  wrongShapeBody: { pageNumber: 'one', itemList: 'none' },
};

export const ptvEmulator: FastifyPluginAsync<{ faults: FaultInjector; pageSize?: number }> = async (app, opts) => {
  const catalogues = buildAllCatalogues();
  const pageSize = opts.pageSize ?? PTV_PAGE_SIZE;
  app.addHook('onRequest', opts.faults.hook(PTV_SOURCE));

  app.get<{ Params: { area: string; code: string }; Querystring: { page?: string } }>(
    '/v11/Service/list/area/:area/code/:code',
    async (request, reply) => {
      const { area, code } = request.params;
      if (!['Municipality', 'Region', 'BusinessSubRegion', 'HospitalDistrict'].includes(area)) {
        return reply.code(400).send({ area: [`The value '${area}' is not valid.`] });
      }
      if (!/^[0-9]{1,6}$/.test(code))
        return reply.code(400).send({ code: [`The field code must match '^[0-9]{1,6}$'.`] });
      const page = Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1);
      const services = area === 'Municipality' ? (catalogues.get(code.padStart(3, '0'))?.services ?? []) : [];
      const pageCount = Math.ceil(services.length / pageSize);
      return {
        pageNumber: page,
        pageSize,
        pageCount,
        itemList: page <= pageCount ? services.slice((page - 1) * pageSize, page * pageSize) : null,
      };
    },
  );

  const findChannel = (id: string) => {
    for (const catalogue of catalogues.values()) {
      const channel = catalogue.channels.get(id);
      if (channel) return channel;
    }
    return undefined;
  };

  app.get<{ Querystring: { guids?: string } }>('/v11/ServiceChannel/list', async (request, reply) => {
    const guids = (request.query.guids ?? '').split(',').filter(Boolean);
    if (guids.length === 0 || guids.length > 100) {
      return reply.code(400).send({ guids: ['Give 1–100 comma-separated ids.'] });
    }
    return guids.map(findChannel).filter((c) => c !== undefined);
  });

  app.get<{ Params: { id: string } }>('/v11/ServiceChannel/:id', async (request, reply) => {
    const channel = findChannel(request.params.id);
    return channel ?? reply.code(404).send({ message: `Service channel with id '${request.params.id}' not found.` });
  });
};
