/**
 * Lupapiste emulator (docs/contracts.md "Lupapiste emulator"): `POST /rest/applications-search` with a
 * Bearer token and `{ "personId": "<hetu>" }` in the body, answering Lupapiste's envelope
 * `{ ok: true, data: { applications, totalCount } }`, errors as `{ ok: false, text: "error.*" }`.
 * Mount with the prefix `/lupapiste`. The control routes are mounted separately under `/__control/lupapiste`.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { isValidHetu } from '../../src/identity/hetu.js';
import type { FaultInjector } from '../faults.js';
import type { LupapisteApplicationRow, LupapisteStore } from './data.js';
import { isLupapisteState, LUPAPISTE_STATES } from './states.js';

export const LUPAPISTE_SOURCE = 'lupapiste';
export const DEV_LUPAPISTE_TOKEN = 'dev-lupapiste-token';

/** What a broken Lupapiste sends: registered with the fault injector. */
export const LUPAPISTE_FAULT_BODIES = {
  errorBody: { ok: false, text: 'error.unknown' },
  truncatedBody: '{"ok":true,"data":{"applications":[{"id":"LP-535-',
  wrongShapeBody: { ok: true, data: { applications: 'unavailable', totalCount: 'n/a' } },
};

export interface LupapisteEmulatorOptions {
  store: LupapisteStore;
  faults: FaultInjector;
  token: string;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  // Compare digests so the comparison takes the same time whatever the length.
  return timingSafeEqual(digest(match[1]), digest(token));
}

export const lupapisteEmulator: FastifyPluginAsync<LupapisteEmulatorOptions> = async (app, opts) => {
  app.addHook('onRequest', opts.faults.hook(LUPAPISTE_SOURCE));
  app.addHook('onRequest', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, opts.token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="lupapiste"')
        .send({ ok: false, text: 'error.unauthorized' });
    }
  });

  app.post('/rest/applications-search', async (request, reply) => {
    const body = request.body as unknown;
    const personId =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>).personId
        : undefined;
    if (!isValidHetu(personId)) {
      return reply.code(400).send({ ok: false, text: 'error.invalid-person-id' });
    }
    const applications = opts.store.search(personId);
    return { ok: true, data: { applications, totalCount: applications.length } };
  });
};

export interface LupapisteControlOptions {
  store: LupapisteStore;
  /** Called after each state change, e.g. to push a webhook to the aggregation server. */
  onStateChanged?: (change: { row: LupapisteApplicationRow; previousState: string; personId: string }) => void;
}

/** `PUT /applications/:id/state` `{ state }`: one legal edge, appended to the history; 409 on an illegal edge. */
export async function lupapisteControl(app: FastifyInstance, opts: LupapisteControlOptions): Promise<void> {
  app.get('/applications', async () => ({ applications: opts.store.all() }));

  app.put<{ Params: { id: string } }>('/applications/:id/state', async (request, reply) => {
    const body = request.body as unknown;
    const state =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>).state
        : undefined;
    if (!isLupapisteState(state)) {
      return reply.code(400).send({ error: `state must be one of ${LUPAPISTE_STATES.join(', ')}` });
    }
    const result = opts.store.changeState(request.params.id, state);
    if (result.ok) {
      opts.onStateChanged?.(result);
      return result.row;
    }
    if (result.reason === 'not-found') return reply.code(404).send({ error: 'no such application' });
    return reply.code(409).send({ error: `illegal transition ${result.from} → ${state}` });
  });
}
