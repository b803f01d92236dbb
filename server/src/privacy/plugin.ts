import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FactsProvider } from '../feed/ports.js';
import { MyDataStore } from './my-data.js';
import { RetentionPurge } from './purge.js';
import type { RetentionPolicy } from './retention.js';

declare module 'fastify' {
  interface FastifyInstance {
    myData: MyDataStore;
    retention: RetentionPolicy;
    retentionPurge: RetentionPurge;
    /** The population data, for whose access-log rows a guardian sees (privacy/access-rules.ts). */
    guardianshipFacts: FactsProvider;
  }
}

export interface PrivacyPluginOptions {
  policy: RetentionPolicy;
  facts: FactsProvider;
  now: () => Date;
  /** Run the purge on this instance's timer (the lease still keeps it to one instance at a time). */
  schedulePurge: boolean;
}

export const privacyPlugin = fp<PrivacyPluginOptions>(
  async (app, { policy, facts, now, schedulePurge }) => {
    app.decorate('retention', policy);
    app.decorate('guardianshipFacts', facts);
    app.decorate('myData', new MyDataStore(app.db, policy, now));
    const purge = new RetentionPurge({
      db: app.db,
      audit: app.audit,
      policy,
      now,
      holder: randomUUID(),
      purgeSavedCopies: () => app.staleStore.purgeExpired(),
    });
    app.decorate('retentionPurge', purge);
    if (schedulePurge) app.addHook('onReady', async () => purge.start(app.log));
    app.addHook('onClose', async () => purge.stop());
  },
  { name: 'ka-privacy', dependencies: ['ka-store', 'ka-audit', 'ka-aggregate'] },
);
