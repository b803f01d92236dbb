import fp from 'fastify-plugin';
import { AuditLog } from './audit-log.js';
import { AuditShipper, type AuditSink } from './audit-shipper.js';
import { KyselyAuditWriter } from './audit-writer.js';
import { SqliteThreadAuditWriter } from './sqlite-audit-writer.js';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditLog;
    /** Sends the access log to the separate log store; null when shipping is off (another instance ships). */
    auditShipper: AuditShipper | null;
  }
}

export interface AuditPluginOptions {
  pseudonymKey: Uint8Array;
  now: () => Date;
  sqliteFile: string | undefined;
  shipping: { sink: AuditSink; intervalMs: number } | null;
}

export const auditPlugin = fp<AuditPluginOptions>(
  async (app, { pseudonymKey, now, sqliteFile, shipping }) => {
    const writer = sqliteFile ? new SqliteThreadAuditWriter(sqliteFile) : new KyselyAuditWriter(app.db);
    app.decorate('audit', new AuditLog(writer, pseudonymKey, now));
    const shipper = shipping ? new AuditShipper({ db: app.db, sink: shipping.sink, now, log: app.log }) : null;
    app.decorate('auditShipper', shipper);
    shipper?.start(shipping!.intervalMs);
    // After the requests have finished (and with them their audit rows); then the last rows go to the store.
    app.addHook('onClose', async () => {
      await writer.close();
      // A failure here loses nothing: the rows stay in the database and the next start ships them.
      await shipper?.stop().catch((error: unknown) => app.log.error({ event: 'audit_ship_failed', err: error }));
    });
  },
  { name: 'ka-audit', dependencies: ['ka-store'] },
);
