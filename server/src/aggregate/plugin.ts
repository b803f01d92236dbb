import { randomBytes, randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from '../audit/audit-log.js';
import { subjectPseudonym } from '../audit/pseudonym.js';
import type { ServerSecrets } from '../config/secrets.js';
import {
  aggregateCases,
  PersonalSourceCaller,
  type AggregatedCases,
  type CitizenScope,
  type GuardedCaseSource,
} from './aggregate-cases.js';
import type {
  CaseConnector,
  CatalogueConnector,
  CatalogueService,
  FactsConnector,
  FactsService,
  ServiceContext,
} from '../connectors/contract.js';
import { AggregationMemo } from './aggregation-memo.js';
import { CaseEventBus } from './case-events.js';
import { CasePoller } from './case-poller.js';
import { MetricsRegistry, SourceMetrics } from './metrics.js';
import { SourceRegistry } from './source-registry.js';
import { StaleStore } from './stale-store.js';

/** Reads a citizen's cases from the given sources (default: all of the municipality's) with every safeguard. */
export interface CaseReader {
  scopeOf(citizen: { municipalityId: string; identityCode: string }): CitizenScope;
  /**
   * `fresh: false` asks every back end even within the freshness window (aggregate/fresh-answers.ts);
   * `waitForEveryCall`: see aggregateCases.
   */
  read(
    scope: CitizenScope,
    log: FastifyBaseLogger,
    sources?: readonly GuardedCaseSource[],
    options?: { fresh?: boolean; waitForEveryCall?: boolean },
  ): Promise<AggregatedCases>;
}

declare module 'fastify' {
  interface FastifyInstance {
    sources: SourceRegistry;
    metrics: MetricsRegistry;
    caseReader: CaseReader;
    /** Population data for the feed and for authorization (the registry's `facts` connector). */
    population: FactsService;
    /** The service catalogue for the feed (the registry's `catalogue` connector, PTV). */
    ptvCatalogue: CatalogueService;
    caseEvents: CaseEventBus;
    casePoller: CasePoller;
    staleStore: StaleStore;
  }
}

export interface AggregatePluginOptions {
  /** The case connectors, the population-data one and the catalogue (server.ts takes them from connectors/registry.ts). */
  connectors: readonly CaseConnector[];
  facts: FactsConnector;
  catalogue: CatalogueConnector;
  secrets: ServerSecrets;
  now: () => Date;
}

const HOUSEKEEPING_MS = 10 * 60_000;
const WEBHOOK_EVENT_RETENTION_MS = 7 * 86_400_000;

export const aggregatePlugin = fp<AggregatePluginOptions>(
  async (app, { connectors, facts, catalogue, secrets, now }) => {
    const metrics = new MetricsRegistry();
    const sourceMetrics = new SourceMetrics(metrics);
    const sources = new SourceRegistry(app.tenants, connectors, {
      metrics: sourceMetrics,
      childRefKey: secrets.auditPseudonymKey,
    });
    const pseudonym = (identityCode: string) => subjectPseudonym(secrets.auditPseudonymKey, identityCode);

    let snapshotKey = secrets.snapshotKey;
    if (!snapshotKey) {
      app.log.warn('no snapshot key configured: saved copies are encrypted with a per-process key');
      snapshotKey = randomBytes(32);
    }
    const staleStore = new StaleStore(app.db, snapshotKey, now);
    const caller = new PersonalSourceCaller(staleStore, sourceMetrics, now);

    // The connectors that are not case sources build their own services, from the same parts case sources get.
    const services: ServiceContext = {
      municipalities: app.tenants.all,
      context: (municipalityId) => sources.context(municipalityId),
      guard: (municipalityId, sourceId, timeoutMs, resilience) =>
        sources.createGuard(municipalityId, sourceId, timeoutMs, resilience),
      caller,
      pseudonym,
      db: app.db,
      now,
      log: app.log,
    };
    const population = facts.create(services);
    const ptvCatalogue = catalogue.create(services);

    const memo = new AggregationMemo();
    const caseReader: CaseReader = {
      scopeOf: ({ municipalityId, identityCode }) => ({
        municipalityId,
        identityCode,
        subjectPseudonym: pseudonym(identityCode),
      }),
      read: (scope, log, only, options) =>
        aggregateCases(only ?? sources.guardedCaseSources(scope.municipalityId), scope, {
          caller,
          fresh: options?.fresh ?? true,
          waitForEveryCall: options?.waitForEveryCall,
          memo,
          facts: population.configured(scope.municipalityId) ? (s, l) => population.factsFor(s, l) : null,
          log,
        }),
    };

    const caseEvents = new CaseEventBus();
    caseEvents.beforeDelivery((audience, event) => caller.fresh.invalidate(audience.subjectPseudonym, event.source));
    const casePoller = new CasePoller({
      registry: sources,
      // The poller looks for changes, so it always asks the back end; its share of the bulkhead counts every call.
      read: async (scope, only, log) => {
        const result = await caseReader.read(scope, log, only, { fresh: false, waitForEveryCall: true });
        // A poll reads the citizen's data too, though it shows nothing: its rows are written before its answer is
        // used (a failure here fails the poll, and no event comes of it).
        await recordPoll(app.audit, scope, result);
        return result;
      },
      bus: caseEvents,
      log: app.log,
    });

    app.decorate('metrics', metrics);
    app.decorate('sources', sources);
    app.decorate('staleStore', staleStore);
    app.decorate('population', population);
    app.decorate('ptvCatalogue', ptvCatalogue);
    app.decorate('caseReader', caseReader);
    app.decorate('caseEvents', caseEvents);
    app.decorate('casePoller', casePoller);

    const housekeeping = setInterval(() => {
      caseEvents.prune();
      // Expired saved copies go in the retention purge (privacy/purge.ts): one instance, counted in its log row.
      const cutoff = new Date(now().getTime() - WEBHOOK_EVENT_RETENTION_MS).toISOString();
      app.db
        .deleteFrom('webhook_events')
        .where('received_at', '<', cutoff)
        .execute()
        .catch((error: unknown) => app.log.warn({ err: error }, 'webhook event purge failed'));
    }, HOUSEKEEPING_MS);
    housekeeping.unref();

    app.addHook('onReady', async () => ptvCatalogue.start());
    app.addHook('onClose', async () => {
      clearInterval(housekeeping);
      casePoller.close();
      ptvCatalogue.close();
      await sources.close();
    });
  },
  { name: 'ka-aggregate', dependencies: ['ka-tenants', 'ka-store', 'ka-audit'] },
);

/**
 * The access-log rows of one background poll: one per controller of the sources that answered, about the citizen,
 * and one under each child's own pseudonym whose cases it read. The actor is the server (no request of the citizen's
 * own, only their open live-update stream); purpose `live_updates`, outcome `used`.
 */
async function recordPoll(audit: AuditLog, scope: CitizenScope, result: AggregatedCases): Promise<void> {
  const answered = result.sources.filter((s) => s.status !== 'unavailable').map((s) => s.id);
  if (answered.length === 0) return;
  const byController = new Map<string, string[]>();
  for (const sourceId of [...answered, ...(result.guardianshipSource ? [result.guardianshipSource] : [])]) {
    const controller = result.controllers[sourceId] ?? scope.municipalityId;
    byController.set(controller, [...(byController.get(controller) ?? []), sourceId]);
  }
  const requestId = randomUUID();
  const children = Object.values(result.childSubjects ?? {});
  await Promise.all(
    [...byController].flatMap(([controller, sources]) => {
      const row = {
        requestId,
        actor: { iss: 'kunta-akkuna', sub: 'job:case_poll', clientId: 'kunta-akkuna-server' },
        municipalityId: scope.municipalityId,
        controller,
        dataCategory: 'cases',
        sources,
        objectRefs: [],
        purpose: 'live_updates' as const,
        outcome: 'used' as const,
      };
      return [
        audit.recordRead({ ...row, subjectPseudonym: scope.subjectPseudonym }),
        ...children.map((child) => audit.recordRead({ ...row, subjectPseudonym: child, subjectRole: 'guardian' })),
      ];
    }),
  );
}
