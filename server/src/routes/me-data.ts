import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { PersonalDataReadBase } from '../audit/audit-log.js';
import { requireCitizen } from '../auth/plugin.js';
import type { Citizen } from '../auth/citizen.js';
import { ApiError } from '../http/problems.js';
import { logScopeOf } from '../privacy/access-rules.js';
import { decodeCursor, type LogScope } from '../privacy/my-data.js';
import { ref } from '../schemas/common.js';
import { errorResponses, jsonOnlyForStateChanges, NoQuery, security, stateChangeResponses } from './me-shared.js';
import {
  AccessLogPage,
  AccessLogQuery,
  DataKindParams,
  MyData,
  MyDataExport,
  RemovalResult,
} from '../schemas/my-data.js';

/**
 * The citizen's own data (GDPR arts. 15 and 20): who has used it, what is held, a copy to take away, and removal
 * of what is ours to remove. Each of these is itself a use of personal data and writes its access-log row before
 * it answers.
 */
export const meDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticateCitizen);
  app.addHook('onRequest', jsonOnlyForStateChanges);

  app.get(
    '/access-log',
    {
      schema: {
        tags: ['me'],
        summary: 'Who has used your data: the access-log rows about you (and your minor wards), newest first',
        description:
          'Paged by an opaque cursor (20 a page by default); rows written after the first page never move the later ' +
          "pages. A guardian sees a minor child's rows unless a restriction applies; the rows a guardian's requests " +
          'wrote about a person are theirs to see once they are of age. No identity code, no other person.',
        operationId: 'listMyAccessLog',
        security,
        querystring: AccessLogQuery,
        response: { 200: ref(AccessLogPage), ...errorResponses },
      },
    },
    async (request) => {
      const citizen = requireCitizen(request);
      let before: string | undefined;
      if (request.query.cursor !== undefined) {
        before = decodeCursor(request.query.cursor) ?? undefined;
        if (!before) throw new ApiError('KA_VALIDATION', 'cursor is not one this API gave');
      }
      const { scope, factsRead } = await scopeOf(request, citizen);
      const page = await app.myData.accessLog(scope, {
        limit: request.query.limit ?? 20,
        ...(before ? { before } : {}),
      });
      await recordRights(request, citizen, scope, {
        dataCategory: 'access_log',
        sources: factsRead ? ['population'] : [],
        objectRefs: [],
        outcome: 'disclosed',
      });
      return page;
    },
  );

  app.get(
    '/data',
    {
      schema: {
        tags: ['me'],
        summary: 'What Kunta-Akkuna holds about you: consents and their history, dismissals, saved copies, settings',
        description:
          'With how long each kind is kept. The back-end systems hold their own records; ask them for those.',
        operationId: 'getMyData',
        security,
        querystring: NoQuery,
        response: { 200: ref(MyData), ...errorResponses },
      },
    },
    async (request) => {
      const citizen = requireCitizen(request);
      const data = await app.myData.holdings(pseudonymOf(citizen));
      await recordRights(request, citizen, null, {
        dataCategory: 'my_data',
        sources: [],
        objectRefs: [],
        outcome: 'disclosed',
      });
      return data;
    },
  );

  app.get(
    '/data/export',
    {
      schema: {
        tags: ['me'],
        summary: 'Everything in /v1/me/data and your whole access log, as one JSON document to download',
        description:
          "Your own rows only: a guardian sees a minor ward's rows in `/v1/me/access-log`, but they are not in the " +
          "guardian's export.",
        operationId: 'exportMyData',
        security,
        querystring: NoQuery,
        response: { 200: ref(MyDataExport), ...errorResponses },
      },
    },
    async (request, reply) => {
      const citizen = requireCitizen(request);
      // The citizen's own data only: a ward's rows are shown to a guardian, but are not the guardian's to take
      // away (portability, GDPR art. 20, is of data about oneself). So no population data is read either.
      const identityCode = citizen.identityCode();
      const scope = logScopeOf({ pseudonym: pseudonymOf(citizen), identityCode }, null, app.clock());
      const [data, accessLog] = await Promise.all([app.myData.holdings(scope.self), app.myData.wholeAccessLog(scope)]);
      await recordRights(request, citizen, null, {
        dataCategory: 'my_data_export',
        sources: [],
        objectRefs: [],
        outcome: 'disclosed',
      });
      reply.header('cache-control', 'no-store');
      return { generatedAt: app.clock().toISOString(), data, accessLog };
    },
  );

  app.delete(
    '/data/:kind',
    {
      schema: {
        tags: ['me'],
        summary: 'Remove one kind of your data: dismissals, saved copies, or consent (withdrawn; its history stays)',
        description:
          'The access log cannot be removed: the Act on Information Management in Public Administration (906/2019 ' +
          '§17) requires it to be kept for its period, to show who used your data.',
        operationId: 'removeMyData',
        security,
        params: DataKindParams,
        querystring: NoQuery,
        body: Type.Object({}, { additionalProperties: false }),
        response: {
          200: ref(RemovalResult),
          ...stateChangeResponses,
        },
      },
    },
    async (request) => {
      const citizen = requireCitizen(request);
      const pseudonym = pseudonymOf(citizen);
      const { kind } = request.params;
      let removed: number;
      if (kind === 'dismissals') removed = await app.myData.removeDismissals(pseudonym);
      else if (kind === 'saved_copies') removed = await app.myData.removeSavedCopies(pseudonym);
      else {
        const municipalities = await app.myData.grantedIn(pseudonym);
        for (const municipalityId of municipalities) {
          await app.feedStore.decide(
            { subjectPseudonym: pseudonym, municipalityId, requestId: request.id },
            { granted: false },
          );
        }
        removed = municipalities.length;
      }
      await recordRights(request, citizen, null, {
        dataCategory: kind,
        sources: [],
        objectRefs: [],
        outcome: 'deleted',
      });
      return { kind, removed };
    },
  );

  function pseudonymOf(citizen: Citizen): string {
    return app.feedPseudonym(citizen.identityCode());
  }

  /** The rows this citizen sees; the population data is read only when the municipality has it. */
  async function scopeOf(request: FastifyRequest, citizen: Citizen): Promise<{ scope: LogScope; factsRead: boolean }> {
    const identityCode = citizen.identityCode();
    let facts = null;
    let factsRead = false;
    if (app.guardianshipFacts.configured(citizen.municipality.id)) {
      const answer = await app.guardianshipFacts
        .facts({ municipalityId: citizen.municipality.id, identityCode }, request.log)
        .catch(() => null);
      facts = answer?.facts ?? null;
      factsRead = facts !== null;
    }
    return { scope: logScopeOf({ pseudonym: pseudonymOf(citizen), identityCode }, facts, app.clock()), factsRead };
  }

  /** The citizen's own row, and one under each child's own pseudonym whose rows were shown. */
  async function recordRights(
    request: FastifyRequest,
    citizen: Citizen,
    scope: LogScope | null,
    what: Pick<PersonalDataReadBase, 'dataCategory' | 'sources' | 'objectRefs' | 'outcome'>,
  ) {
    const base = {
      requestId: request.id,
      actor: { iss: citizen.iss, sub: citizen.sub, clientId: citizen.clientId },
      municipalityId: citizen.municipality.id,
      controller: citizen.municipality.id,
      purpose: 'data_subject_rights' as const,
      ...what,
    };
    await Promise.all([
      app.audit.recordRead({ ...base, identityCode: citizen.identityCode() }),
      ...(scope?.children ?? []).map((child) =>
        app.audit.recordRead({ ...base, subjectPseudonym: child.pseudonym, subjectRole: 'guardian' }),
      ),
    ]);
  }
};
