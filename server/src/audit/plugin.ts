import fp from 'fastify-plugin';
import { AuditLog } from './audit-log.js';
import { KyselyAuditWriter } from './audit-writer.js';
import { SqliteThreadAuditWriter } from './sqlite-audit-writer.js';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditLog;
  }
}

export const auditPlugin = fp<{ pseudonymKey: Uint8Array; now: () => Date; sqliteFile: string | undefined }>(
  async (app, { pseudonymKey, now, sqliteFile }) => {
    const writer = sqliteFile ? new SqliteThreadAuditWriter(sqliteFile) : new KyselyAuditWriter(app.db);
    app.decorate('audit', new AuditLog(writer, pseudonymKey, now));
    // After the requests have finished (and with them their audit rows).
    app.addHook('onClose', async () => writer.close());
  },
  { name: 'ka-audit', dependencies: ['ka-store'] },
);
