/**
 * Lupapiste emulator: `POST /api/datatables/applications-search`, as Lupapiste's own applications list calls it
 * (lupapiste/lupapiste resources/private/init/ajax.js, src/lupapalvelu/web.clj), with an API key as
 * `Authorization: Bearer <key>` (docs/http-json-apis.md). It answers Lupapiste's envelope
 * `{ ok: true, data: { applications, userTotalCount } }` with the real row projection (data.ts), and failures as
 * Lupapiste does: HTTP 200 with `{ ok: false, text: "error.*" }`.
 *
 * Lupapiste runs the search as the key's user; the citizen is named by `personId` in the body, the one parameter
 * a municipality has to agree with the vendor (docs/integrations.md "Lupapiste"). Lupapiste has no webhook or
 * other push, so neither has this emulator: changes are seen by polling.
 *
 * Mount with the prefix `/lupapiste`. The control routes are mounted separately under `/__control/lupapiste`.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { isValidHetu } from '../../src/identity/hetu.js';
import type { FaultInjector } from '../faults.js';
import type { LupapisteStore } from './data.js';
import { isLupapisteState, LUPAPISTE_STATES } from './states.js';

export const LUPAPISTE_SOURCE = 'lupapiste';

/** The municipalities that use Lupapiste in the demo; each has its own development API key. */
const MUNICIPALITY_IDS = [
  'alavieska',
  'haapajarvi',
  'haapavesi',
  'kalajoki',
  'karsamaki',
  'muhos',
  'nivala',
  'oulainen',
  'pyhajoki',
  'sievi',
  'ylivieska',
] as const;

/** The development API key of a municipality (server/config/municipalities/<id>.json `sources.lupapiste.apiKey`). */
export const devLupapisteApiKey = (municipalityId: string) => `dev-lupapiste-key-${municipalityId}`;
export const DEV_LUPAPISTE_API_KEYS: readonly string[] = MUNICIPALITY_IDS.map(devLupapisteApiKey);

/** Lupapiste's default page size (application_search.clj `applications-for-user`). */
const DEFAULT_LIMIT = 10;

/** What a broken Lupapiste sends: registered with the fault injector. */
export const LUPAPISTE_FAULT_BODIES = {
  errorBody: { ok: false, text: 'error.unknown' },
  truncatedBody: '{"ok":true,"data":{"applications":[{"id":"LP-535-',
  wrongShapeBody: { ok: true, data: { applications: 'unavailable', userTotalCount: 'n/a' } },
};

export interface LupapisteEmulatorOptions {
  store: LupapisteStore;
  faults: FaultInjector;
  /** The API keys Lupapiste knows. */
  apiKeys: readonly string[];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Whether `Authorization` is `Bearer <one of the keys>`; compared as digests so that timing says nothing. */
export function bearerMatches(header: string | undefined, keys: string | readonly string[]): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = digest(match[1]);
  let found = false;
  for (const key of typeof keys === 'string' ? [keys] : keys) found = timingSafeEqual(given, digest(key)) || found;
  return found;
}

function nonNegativeInteger(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && /^[0-9]{1,6}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export const lupapisteEmulator: FastifyPluginAsync<LupapisteEmulatorOptions> = async (app, opts) => {
  app.addHook('onRequest', opts.faults.hook(LUPAPISTE_SOURCE));

  app.post('/api/datatables/applications-search', async (request) => {
    // Without a known key there is no user, and the query refuses as Lupapiste's actions do (HTTP 200).
    if (!bearerMatches(request.headers.authorization, opts.apiKeys)) return { ok: false, text: 'error.unauthorized' };
    const body = request.body as unknown;
    const params =
      typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    if (!isValidHetu(params.personId)) return { ok: false, text: 'error.input-validation-error' };
    const page = { skip: nonNegativeInteger(params.skip, 0), limit: nonNegativeInteger(params.limit, DEFAULT_LIMIT) };
    const applications = opts.store.search(params.personId, page);
    return { ok: true, data: { applications, userTotalCount: opts.store.hasAny(params.personId) ? 1 : 0 } };
  });
};

export interface LupapisteControlOptions {
  store: LupapisteStore;
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
    if (result.ok) return result.application;
    if (result.reason === 'not-found') return reply.code(404).send({ error: 'no such application' });
    return reply.code(409).send({ error: `illegal transition ${result.from} → ${state}` });
  });
}
