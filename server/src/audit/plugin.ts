import fp from 'fastify-plugin';
import { AuditLog } from './audit-log.js';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditLog;
  }
}

export const auditPlugin = fp<{ pseudonymKey: Uint8Array; now: () => Date }>(
  async (app, { pseudonymKey, now }) => {
    app.decorate('audit', new AuditLog(app.db, pseudonymKey, now));
  },
  { name: 'ka-audit', dependencies: ['ka-store'] },
);
