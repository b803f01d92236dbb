import fp from 'fastify-plugin';
import type { TenantRegistry } from './tenant-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    tenants: TenantRegistry;
  }
}

export const tenantsPlugin = fp<{ tenants: TenantRegistry }>(
  async (app, { tenants }) => {
    app.decorate('tenants', tenants);
  },
  { name: 'ka-tenants' },
);
