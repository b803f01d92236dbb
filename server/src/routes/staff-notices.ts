import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireStaffOf } from '../auth/staff.js';
import { ApiError } from '../http/problems.js';
import { checkNotice, type CheckedNotice } from '../notices/notice-rules.js';
import { statusOf, type StoredNotice } from '../notices/notice-store.js';
import { toPublicNotice } from '../notices/plugin.js';
import { problemResponse, ref } from '../schemas/common.js';
import { NoticeChangeList, NoticeInput, StaffNotice, StaffNoticeList, StaffSession } from '../schemas/notice.js';

const MunicipalityParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,40}$' }) },
  { additionalProperties: false },
);
const NoticeParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,40}$' }), noticeId: Type.String({ pattern: '^[0-9a-f-]{36}$' }) },
  { additionalProperties: false },
);
const IfMatch = Type.Object({
  'if-match': Type.String({ pattern: '^"[0-9]{1,9}"$', description: 'The notice\'s `version` in quotes, e.g. `"3"`.' }),
});

const errors = {
  400: problemResponse('Invalid notice: the detail names the field (KA_VALIDATION)'),
  401: problemResponse('No valid staff token (KA_UNAUTHENTICATED)'),
  403: problemResponse('Not an editor of this municipality, or called from another origin (KA_FORBIDDEN)'),
  404: problemResponse('No such notice (KA_NOT_FOUND)'),
};

/**
 * Staff routes: the municipality's notice editors write, schedule, edit and end notices; every change writes a row
 * naming who. Only for the /admin/ page on the API's own origin: no CORS headers, and another Origin is refused.
 */
export const staffNoticeRoutes: FastifyPluginAsyncTypebox<{ publicUrl: string | undefined }> = async (
  app,
  { publicUrl },
) => {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, cors: false };
  });
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    const own = publicUrl ? new URL(publicUrl).origin : `${request.protocol}://${request.host}`;
    if (origin !== undefined && origin !== own)
      throw new ApiError('KA_FORBIDDEN', 'Staff routes are for the /admin/ page only');
  });
  app.addHook('onRequest', app.authenticateStaff);

  const staffNotice = (n: StoredNotice) => {
    const { kind: _kind, ...notice } = toPublicNotice(n);
    return {
      ...notice,
      kind: 'notice' as const,
      status: statusOf(n, app.clock()),
      version: n.version,
      createdAt: n.createdAt,
    };
  };
  const municipalityOf = (request: FastifyRequest, id: string) => {
    requireStaffOf(request.staff, id);
    const municipality = app.tenants.byId(id);
    if (!municipality) throw new ApiError('KA_FORBIDDEN', "You may not edit this municipality's notices");
    return municipality;
  };
  const actor = (request: FastifyRequest) => {
    const staff = request.staff!;
    return { iss: staff.iss, sub: staff.sub, name: staff.name };
  };
  const existing = async (municipalityId: string, noticeId: string) => {
    const notice = await app.notices.store.get(municipalityId, noticeId);
    if (!notice) throw new ApiError('KA_NOT_FOUND', 'No such notice');
    return notice;
  };
  const save = async (
    request: FastifyRequest,
    previous: StoredNotice,
    version: string,
    next: CheckedNotice,
    action: 'updated' | 'ended',
  ) => {
    if (`"${previous.version}"` !== version) {
      throw new ApiError('KA_VALIDATION', 'Someone else changed this notice meanwhile; reload it and try again', {
        status: 412,
      });
    }
    const saved = await app.notices.store.update(previous, next, action, actor(request), request.id, app.clock());
    if (!saved)
      throw new ApiError('KA_VALIDATION', 'Someone else changed this notice meanwhile; reload it and try again', {
        status: 412,
      });
    app.notices.changed(previous.municipalityId);
    request.log.info(
      {
        event: 'notice_changed',
        action,
        notice: saved.id,
        municipality: saved.municipalityId,
        staff: request.staff!.sub,
      },
      'notice changed',
    );
    return saved;
  };

  app.get(
    '/v1/staff/session',
    {
      schema: {
        tags: ['staff'],
        summary: 'Who is signed in, and which municipalities’ notices they may edit',
        operationId: 'getStaffSession',
        response: { 200: ref(StaffSession), 401: errors[401], 403: errors[403] },
      },
    },
    async (request, reply) => {
      const staff = request.staff!;
      reply.header('Cache-Control', 'no-store');
      return {
        sub: staff.sub,
        name: staff.name,
        municipalities: staff.municipalities.map((id) => {
          const m = app.tenants.byId(id)!;
          return { id, name: { fi: m.name.fi, sv: m.name.sv }, languages: [...m.languages] };
        }),
      };
    },
  );

  app.get(
    '/v1/staff/municipalities/:id/notices',
    {
      schema: {
        tags: ['staff'],
        summary: 'The municipality’s notices: scheduled, visible, active, and those ended in the last 30 days',
        operationId: 'listStaffNotices',
        params: MunicipalityParams,
        response: { 200: ref(StaffNoticeList), 400: errors[400], 401: errors[401], 403: errors[403] },
      },
    },
    async (request, reply) => {
      const municipality = municipalityOf(request, request.params.id);
      reply.header('Cache-Control', 'no-store');
      const items = await app.notices.store.forStaff(municipality.id, app.clock());
      return { items: items.map(staffNotice) };
    },
  );

  app.post(
    '/v1/staff/municipalities/:id/notices',
    {
      schema: {
        tags: ['staff'],
        summary: 'Publish or schedule a notice',
        description:
          'Title and body in every language the municipality offers; `endsAt` after `startsAt`; `visibleFrom` (default `startsAt`) no later than `startsAt`, earlier for a planned break shown in advance.',
        operationId: 'createStaffNotice',
        params: MunicipalityParams,
        body: ref(NoticeInput),
        response: { 201: ref(StaffNotice), 400: errors[400], 401: errors[401], 403: errors[403] },
      },
    },
    async (request, reply) => {
      const municipality = municipalityOf(request, request.params.id);
      const checked = checkNotice(request.body, municipality);
      if (Date.parse(checked.endsAt) <= app.clock().getTime()) {
        throw new ApiError('KA_VALIDATION', 'endsAt must be in the future');
      }
      const saved = await app.notices.store.create(municipality.id, checked, actor(request), request.id, app.clock());
      app.notices.changed(municipality.id);
      request.log.info(
        {
          event: 'notice_changed',
          action: 'created',
          notice: saved.id,
          municipality: municipality.id,
          staff: request.staff!.sub,
        },
        'notice created',
      );
      return reply.code(201).header('ETag', `"${saved.version}"`).send(staffNotice(saved));
    },
  );

  app.put(
    '/v1/staff/municipalities/:id/notices/:noticeId',
    {
      schema: {
        tags: ['staff'],
        summary: 'Edit a notice (send its version as If-Match)',
        operationId: 'updateStaffNotice',
        params: NoticeParams,
        headers: IfMatch,
        body: ref(NoticeInput),
        response: {
          200: ref(StaffNotice),
          ...errors,
          412: problemResponse('Changed by someone else since that version (KA_VALIDATION)'),
        },
      },
    },
    async (request, reply) => {
      const municipality = municipalityOf(request, request.params.id);
      const previous = await existing(municipality.id, request.params.noticeId);
      const saved = await save(
        request,
        previous,
        request.headers['if-match'],
        checkNotice(request.body, municipality),
        'updated',
      );
      return reply.header('ETag', `"${saved.version}"`).send(staffNotice(saved));
    },
  );

  app.post(
    '/v1/staff/municipalities/:id/notices/:noticeId/end',
    {
      schema: {
        tags: ['staff'],
        summary: 'End a notice now (a scheduled one is withdrawn before anyone sees it)',
        operationId: 'endStaffNotice',
        params: NoticeParams,
        headers: IfMatch,
        response: {
          200: ref(StaffNotice),
          ...errors,
          412: problemResponse('Changed by someone else since that version (KA_VALIDATION)'),
        },
      },
    },
    async (request, reply) => {
      const municipality = municipalityOf(request, request.params.id);
      const previous = await existing(municipality.id, request.params.noticeId);
      const now = app.clock();
      if (Date.parse(previous.endsAt) <= now.getTime())
        throw new ApiError('KA_VALIDATION', 'The notice has already ended');
      const at = now.toISOString();
      const ended: CheckedNotice = {
        ...previous,
        endsAt: at,
        startsAt: previous.startsAt < at ? previous.startsAt : at,
        visibleFrom: previous.visibleFrom < at ? previous.visibleFrom : at,
      };
      const saved = await save(request, previous, request.headers['if-match'], ended, 'ended');
      return reply.header('ETag', `"${saved.version}"`).send(staffNotice(saved));
    },
  );

  app.get(
    '/v1/staff/municipalities/:id/notices/:noticeId/changes',
    {
      schema: {
        tags: ['staff'],
        summary: 'Who changed the notice and when',
        operationId: 'listStaffNoticeChanges',
        params: NoticeParams,
        response: { 200: ref(NoticeChangeList), ...errors },
      },
    },
    async (request, reply) => {
      const municipality = municipalityOf(request, request.params.id);
      await existing(municipality.id, request.params.noticeId);
      reply.header('Cache-Control', 'no-store');
      return { items: await app.notices.store.changes(municipality.id, request.params.noticeId) };
    },
  );
};
