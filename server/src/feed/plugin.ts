import fp from 'fastify-plugin';
import { subjectPseudonym } from '../audit/pseudonym.js';
import type { RulePack } from '../rules/rule-pack.schema.js';
import { FeedService } from './feed-service.js';
import { FeedStore } from './feed-store.js';
import type { CasesProvider, FactsProvider, ServiceCatalogue } from './ports.js';

declare module 'fastify' {
  interface FastifyInstance {
    feed: FeedService;
    feedStore: FeedStore;
    /** The key of everything the feed stores about a citizen (the same pseudonym as in the audit log). */
    feedPseudonym: (identityCode: string) => string;
  }
}

export interface FeedPluginOptions {
  pack: RulePack;
  facts: FactsProvider;
  cases: CasesProvider;
  catalogue: ServiceCatalogue;
  pseudonymKey: Uint8Array;
  now: () => Date;
}

export const feedPlugin = fp<FeedPluginOptions>(
  async (app, options) => {
    app.decorate(
      'feed',
      new FeedService({
        pack: options.pack,
        tenants: app.tenants,
        facts: options.facts,
        cases: options.cases,
        catalogue: options.catalogue,
        now: options.now,
      }),
    );
    app.decorate('feedStore', new FeedStore(app.db, options.now));
    app.decorate('feedPseudonym', (identityCode: string) => subjectPseudonym(options.pseudonymKey, identityCode));
  },
  { name: 'ka-feed', dependencies: ['ka-tenants', 'ka-store'] },
);
