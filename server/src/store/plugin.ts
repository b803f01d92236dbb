import fp from 'fastify-plugin';
import type { Db } from './database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export const storePlugin = fp<{ db: Db; destroyOnClose: boolean }>(
  async (app, { db, destroyOnClose }) => {
    app.decorate('db', db);
    // Here, not after the app is built: onClose hooks run last-added first, so the plugins registered after this
    // one (the access log's last writes and shipping round) still have the database when they close.
    if (destroyOnClose) app.addHook('onClose', async () => db.destroy());
  },
  { name: 'ka-store' },
);
