import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AggregatedCases, GuardedCaseSource } from '../aggregate/aggregate-cases.js';
import { requireCitizen } from '../auth/plugin.js';
import type { Citizen } from '../auth/citizen.js';
import { ApiError } from '../http/problems.js';
import { Case, CaseIdParams, CaseList } from '../schemas/case.js';
import { problemResponse, tooManyRequests, ref } from '../schemas/common.js';

const NoQuery = Type.Object({}, { additionalProperties: false });
const errorResponses = {
  400: problemResponse('Invalid request (KA_VALIDATION)'),
  401: problemResponse('Not signed in, or the access token or DPoP proof is not valid (KA_UNAUTHENTICATED)'),
  403: problemResponse("The token may not be used from this page's origin (KA_FORBIDDEN)"),
  429: tooManyRequests,
  503: problemResponse('No source system could answer (KA_SOURCES_UNAVAILABLE)'),
};
const security: Array<Record<string, string[]>> = [{ dpop: [] }, { bearer: [] }];

/** The signed-in citizen's cases, from every source the municipality has configured. */
export const meCasesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const serializedLists = new WeakMap<AggregatedCases, Buffer>();
  /** What a read of an answer discloses, for its audit rows: the same for every read of the same answer object. */
  const disclosures = new WeakMap<AggregatedCases, Disclosure[]>();
  app.addHook('onRequest', app.authenticateCitizen);

  app.get(
    '/cases',
    {
      schema: {
        tags: ['me'],
        summary: "The citizen's own cases, with the status of each source",
        operationId: 'listMyCases',
        security,
        querystring: NoQuery,
        response: { 200: ref(CaseList), ...errorResponses },
      },
    },
    async (request, reply) => {
      const citizen = requireCitizen(request);
      const result = await readCases(request, citizen, app.sources.guardedCaseSources(citizen.municipality.id));
      let disclosure = disclosures.get(result);
      if (disclosure === undefined) {
        disclosure = disclosureOf(result, result.items);
        disclosures.set(result, disclosure);
      }
      await recordRead(request, citizen, disclosure);
      // The same answer object (aggregate/aggregation-memo.ts) gets the same bytes: serialized once, by the
      // route's own response schema, and encoded once (the text is not ASCII: Finnish and Swedish names).
      let body = serializedLists.get(result);
      if (body === undefined) {
        body = Buffer.from(reply.serialize(result) as string, 'utf8');
        serializedLists.set(result, body);
      }
      // Bytes are sent as they are; the type is the list's, which these are the bytes of.
      return reply.type('application/json; charset=utf-8').send(body as unknown as AggregatedCases);
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags: ['me'],
        summary: "One of the citizen's own cases",
        description: "Another person's case and a case that does not exist give the same 404.",
        operationId: 'getMyCase',
        security,
        params: CaseIdParams,
        querystring: NoQuery,
        response: { 200: ref(Case), 404: problemResponse('No such case of yours (KA_NOT_FOUND)'), ...errorResponses },
      },
    },
    async (request) => {
      const citizen = requireCitizen(request);
      const sourceId = request.params.id.slice(0, request.params.id.indexOf(':'));
      const source = app.sources.guardedCaseSources(citizen.municipality.id).find((s) => s.source.id === sourceId);
      if (!source) throw caseNotFound();
      const result = await readCases(request, citizen, [source]);
      // Only the citizen's own cases are ever fetched, so someone else's id is simply not there.
      const found = result.items.find((c) => c.id === request.params.id);
      if (!found) throw caseNotFound();
      await recordRead(request, citizen, disclosureOf(result, [found]));
      return found;
    },
  );

  /** Every source in parallel, each within its budget, a failing one answered from the citizen's saved copy. */
  async function readCases(request: FastifyRequest, citizen: Citizen, sources: readonly GuardedCaseSource[]) {
    const scope = app.caseReader.scopeOf({
      municipalityId: citizen.municipality.id,
      identityCode: citizen.identityCode(),
    });
    const result = await app.caseReader.read(scope, request.log, sources);
    if (sources.length > 0 && result.sources.every((s) => s.status === 'unavailable')) {
      throw new ApiError(
        'KA_SOURCES_UNAVAILABLE',
        'The source systems cannot be reached right now; try again shortly',
        {
          headers: { 'Retry-After': '30' },
        },
      );
    }
    return result;
  }

  /**
   * The access-log rows, one per controller of what is shown (none when nothing is); awaited before the data is
   * returned, so a failure here means nothing is sent.
   */
  async function recordRead(request: FastifyRequest, citizen: Citizen, disclosures: readonly Disclosure[]) {
    const identityCode = citizen.identityCode();
    const base = {
      requestId: request.id,
      actor: { iss: citizen.iss, sub: citizen.sub, clientId: citizen.clientId },
      municipalityId: citizen.municipality.id,
      dataCategory: 'cases',
      purpose: 'citizen_own_data' as const,
    };
    await Promise.all(
      disclosures.flatMap(({ children, ...disclosure }) => [
        app.audit.recordRead({ ...base, identityCode, ...disclosure }),
        // A child's case is about the child too: a row in the child's own log, under the child's own pseudonym,
        // naming only that child's cases.
        ...children.map((child) =>
          app.audit.recordRead({
            ...base,
            ...disclosure,
            subjectPseudonym: child.pseudonym,
            subjectRole: 'guardian',
            objectRefs: child.objectRefs,
          }),
        ),
      ]),
    );
  }
};

interface Disclosure {
  /** The municipality that controls these sources' records: the row is written under it. */
  controller: string;
  /**
   * The sources of this controller whose data is shown, and the population data when it decided which children's
   * cases are shown.
   */
  sources: string[];
  objectRefs: string[];
  outcome: 'disclosed' | 'disclosed_partial';
  /** The children whose cases of this controller are shown: their own pseudonym and their cases. */
  children: Array<{ pseudonym: string; objectRefs: string[] }>;
}

/**
 * What a read discloses, split by the controller of each source (aggregate: `controllers`). A source with no
 * known controller fails the request rather than be logged under a municipality that may not control it.
 */
function disclosureOf(result: AggregatedCases, cases: readonly Case[]): Disclosure[] {
  const shown = result.sources.filter((s) => s.status !== 'unavailable').map((s) => s.id);
  if (shown.length === 0) return [];
  const outcome = shown.length === result.sources.length ? 'disclosed' : 'disclosed_partial';
  const sources = result.guardianshipSource ? [...shown, result.guardianshipSource] : shown;
  const byController = new Map<string, Disclosure>();
  const controllerOf = (sourceId: string) => {
    const controller = result.controllers[sourceId];
    if (!controller) throw new Error(`no controller known for source ${sourceId}`);
    return controller;
  };
  for (const sourceId of sources) {
    const controller = controllerOf(sourceId);
    const disclosure = byController.get(controller) ?? {
      controller,
      sources: [],
      objectRefs: [],
      outcome,
      children: [],
    };
    disclosure.sources.push(sourceId);
    byController.set(controller, disclosure);
  }
  for (const c of cases) {
    const disclosure = byController.get(controllerOf(c.source));
    if (!disclosure) continue;
    disclosure.objectRefs.push(c.id);
    const pseudonym = c.subject.kind === 'child' ? result.childSubjects?.[c.subject.ref] : undefined;
    if (!pseudonym) continue;
    const child = disclosure.children.find((ch) => ch.pseudonym === pseudonym);
    if (child) child.objectRefs.push(c.id);
    else disclosure.children.push({ pseudonym, objectRefs: [c.id] });
  }
  return [...byController.values()];
}

function caseNotFound(): ApiError {
  return new ApiError('KA_NOT_FOUND', 'No such case');
}
