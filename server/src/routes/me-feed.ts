import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { PersonalDataReadBase } from '../audit/audit-log.js';
import { requireCitizen } from '../auth/plugin.js';
import type { Citizen } from '../auth/citizen.js';
import type { PersonalFeed } from '../feed/feed-service.js';
import { currentConsentTextVersion } from '../feed/consent-text.js';
import { ApiError } from '../http/problems.js';
import { problemResponse, ref } from '../schemas/common.js';
import { Consent, ConsentGrant, Feed, FeedItemParams } from '../schemas/feed.js';
import { errorResponses, jsonOnlyForStateChanges, NoQuery, security, stateChangeResponses } from './me-shared.js';

/** The citizen's proactive feed, their consent to it, and dismissals. */
export const meFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticateCitizen);
  app.addHook('onRequest', jsonOnlyForStateChanges);

  app.get(
    '/feed',
    {
      schema: {
        tags: ['me'],
        summary: 'The citizen’s feed: personal suggestions, tasks and notices with consent, else the general feed',
        description:
          'Without consent this is the general feed, built without reading any personal data. With consent, every ' +
          'personal item has a `reason`; each read of personal data is written to the access log.',
        operationId: 'getMyFeed',
        security,
        querystring: NoQuery,
        response: { 200: ref(Feed), ...errorResponses },
      },
    },
    async (request) => {
      const citizen = requireCitizen(request);
      const pseudonym = app.feedPseudonym(citizen.identityCode());
      const [consent, dismissed] = await Promise.all([
        app.feedStore.consent(pseudonym, citizen.municipality.id, currentConsentTextVersion(citizen.municipality)),
        app.feedStore.dismissed(pseudonym),
      ]);
      if (!consent.granted) {
        const general = await app.feed.general(citizen.municipality);
        return { items: general.items.filter((i) => !dismissed.has(i.id)), sources: general.sources };
      }
      const feed = await readPersonalFeed(request, citizen);
      const items = feed.items.filter((i) => !dismissed.has(i.id));
      await recordUse(
        request,
        citizen,
        feed,
        'disclosed',
        items.filter((i) => i.personal).map((i) => i.id),
      );
      return { items, sources: feed.sources };
    },
  );

  app.post(
    '/feed/:itemId/dismiss',
    {
      schema: {
        tags: ['me'],
        summary: 'Dismiss a feed item; it does not come back',
        description: 'Only an item of your own current feed can be dismissed; any other id gives 404.',
        operationId: 'dismissFeedItem',
        security,
        params: FeedItemParams,
        querystring: NoQuery,
        body: Type.Object({}, { additionalProperties: false }),
        response: {
          204: Type.Null({ description: 'Dismissed' }),
          404: problemResponse('No such item in your feed (KA_NOT_FOUND)'),
          ...stateChangeResponses,
        },
      },
    },
    async (request, reply) => {
      const citizen = requireCitizen(request);
      const { itemId } = request.params;
      const pseudonym = app.feedPseudonym(citizen.identityCode());
      const consent = await app.feedStore.consent(
        pseudonym,
        citizen.municipality.id,
        currentConsentTextVersion(citizen.municipality),
      );
      const feed = consent.granted ? await readPersonalFeed(request, citizen) : null;
      const items = feed ? feed.items : (await app.feed.general(citizen.municipality)).items;
      // Ids are checked against what this citizen's feed holds now: a guessed or another person's id is not there.
      const known = items.some((i) => i.id === itemId);
      // The read is logged either way, but the id only once it is known to be one of ours: a caller-chosen string
      // (anything, an identity code even) never reaches the append-only log.
      if (feed) await recordUse(request, citizen, feed, 'used', known ? [itemId] : []);
      if (!known) throw new ApiError('KA_NOT_FOUND', 'No such item in your feed');
      await app.feedStore.dismiss(pseudonym, itemId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/consent',
    {
      schema: {
        tags: ['me'],
        summary: 'Whether the citizen has consented to personal suggestions',
        operationId: 'getMyConsent',
        security,
        querystring: NoQuery,
        response: { 200: ref(Consent), ...errorResponses },
      },
    },
    async (request) => {
      const citizen = requireCitizen(request);
      const consent = await app.feedStore.consent(
        app.feedPseudonym(citizen.identityCode()),
        citizen.municipality.id,
        currentConsentTextVersion(citizen.municipality),
      );
      // A consent is personal data like any other: its read is logged before it is sent.
      await app.audit.recordRead({
        requestId: request.id,
        actor: { iss: citizen.iss, sub: citizen.sub, clientId: citizen.clientId },
        municipalityId: citizen.municipality.id,
        controller: citizen.municipality.id,
        identityCode: citizen.identityCode(),
        dataCategory: 'consent',
        sources: [],
        objectRefs: [],
        purpose: 'citizen_own_data',
        outcome: 'disclosed',
      });
      return consent;
    },
  );

  app.put(
    '/consent',
    {
      schema: {
        tags: ['me'],
        summary: 'Consent to personal suggestions, for the version of the consent text shown',
        description:
          "Recorded with its time and text version in an append-only history. Only the municipality's current " +
          'text version is accepted (400 otherwise), and only as a string: the body is not type-coerced.',
        operationId: 'grantMyConsent',
        security,
        querystring: NoQuery,
        body: ref(ConsentGrant),
        response: { 200: ref(Consent), ...stateChangeResponses },
      },
    },
    async (request) => {
      const citizen = requireCitizen(request);
      // Only the text this municipality shows now is one the citizen can have read. The version sent is not echoed.
      if (request.body.textVersion !== currentConsentTextVersion(citizen.municipality)) {
        throw new ApiError('KA_VALIDATION', 'textVersion is not the consent text this municipality shows now');
      }
      return app.feedStore.decide(consentSubject(request, citizen), {
        granted: true,
        textVersion: request.body.textVersion,
      });
    },
  );

  app.delete(
    '/consent',
    {
      schema: {
        tags: ['me'],
        summary: 'Withdraw consent; personal data is no longer used from this moment',
        operationId: 'withdrawMyConsent',
        security,
        querystring: NoQuery,
        response: { 204: Type.Null({ description: 'Withdrawn' }), ...stateChangeResponses },
      },
    },
    async (request, reply) => {
      const citizen = requireCitizen(request);
      await app.feedStore.decide(consentSubject(request, citizen), { granted: false });
      return reply.code(204).send(null);
    },
  );

  function consentSubject(request: FastifyRequest, citizen: Citizen) {
    return {
      subjectPseudonym: app.feedPseudonym(citizen.identityCode()),
      municipalityId: citizen.municipality.id,
      requestId: request.id,
    };
  }

  function readPersonalFeed(request: FastifyRequest, citizen: Citizen): Promise<PersonalFeed> {
    return app.feed.personal(
      citizen.municipality,
      { municipalityId: citizen.municipality.id, identityCode: citizen.identityCode() },
      request.log,
    );
  }

  /**
   * The access-log rows for a feed built from personal data, one per controller of the sources that answered;
   * none when no personal source answered.
   */
  async function recordUse(
    request: FastifyRequest,
    citizen: Citizen,
    feed: PersonalFeed,
    outcome: 'disclosed' | 'used',
    objectRefs: string[],
  ) {
    const answered = feed.personalSources.filter((s) => s.status !== 'unavailable').map((s) => s.id);
    if (answered.length === 0) return;
    const rowOutcome =
      outcome === 'disclosed' && answered.length < feed.personalSources.length ? 'disclosed_partial' : outcome;
    // The feed reads only through the citizen's municipality's own sources; a source the registry knows names
    // its controller, and one it does not (a provider a test put in) was read with that municipality's settings.
    const byController = new Map<string, string[]>();
    for (const sourceId of answered) {
      const controller = app.sources.controllerOf(citizen.municipality.id, sourceId) ?? citizen.municipality.id;
      byController.set(controller, [...(byController.get(controller) ?? []), sourceId]);
    }
    const identityCode = citizen.identityCode();
    await Promise.all(
      [...byController].flatMap(([controller, sources]) => {
        const row: Omit<PersonalDataReadBase, 'objectRefs'> = {
          requestId: request.id,
          actor: { iss: citizen.iss, sub: citizen.sub, clientId: citizen.clientId },
          municipalityId: citizen.municipality.id,
          controller,
          dataCategory: sources.includes('population') ? 'life_situation' : 'cases',
          sources,
          purpose: 'proactive_feed',
          outcome: rowOutcome,
        };
        return [
          app.audit.recordRead({ ...row, identityCode, objectRefs }),
          // The population data tells about her children too (their birth dates): a row in each child's own log,
          // naming no item of the guardian's feed.
          ...(sources.includes('population') ? feed.childSubjects : []).map((child) =>
            app.audit.recordRead({ ...row, subjectPseudonym: child, subjectRole: 'guardian', objectRefs: [] }),
          ),
        ];
      }),
    );
  }
};
