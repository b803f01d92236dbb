import fp from 'fastify-plugin';
import type { Db } from './database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export const storePlugin = fp<{ db: Db }>(
  async (app, { db }) => {
    app.decorate('db', db);
  },
  { name: 'ka-store' },
);
