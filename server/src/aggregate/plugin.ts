import fp from 'fastify-plugin';
import type { CaseConnector } from './case-source.js';
import { SourceRegistry } from './source-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    sources: SourceRegistry;
  }
}

export const aggregatePlugin = fp<{ connectors: readonly CaseConnector[] }>(
  async (app, { connectors }) => {
    const sources = new SourceRegistry(app.tenants, connectors);
    app.decorate('sources', sources);
    app.addHook('onClose', async () => sources.close());
  },
  { name: 'ka-aggregate', dependencies: ['ka-tenants'] },
);
