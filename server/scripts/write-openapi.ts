// Writes server/openapi.json from the routes' TypeBox schemas: the contract the SDK's types are generated from.
// Deterministic (no time, no environment in the output) so CI can fail when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateKeyPair, exportJWK, calculateJwkThumbprint } from 'jose';
import { createServer } from '../src/server.js';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';

// An optional path argument writes elsewhere (the contract check compares a fresh copy with the committed one).
const out = process.argv[2] ?? fileURLToPath(new URL('../openapi.json', import.meta.url));

// Fixed, fake environment: the document must not depend on the machine it is generated on.
const env = {
  DEMO_ORIGIN: 'http://localhost:8080',
  IDP_URL: 'http://localhost:8788',
  EMULATOR_URL: 'http://localhost:8789',
};
const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
const publicJwk = await exportJWK(privateKey);
delete publicJwk.d;
const { db } = openDatabase({ sqliteFile: ':memory:' });
// Plugins may read their tables at start (e.g. the PTV catalogue's saved copies).
await migrateToLatest(db);
const server = await createServer({
  env,
  db,
  logger: false,
  widgets: false,
  secrets: {
    identityDecryptionKey: privateKey,
    identityEncryptionPublicJwk: { ...publicJwk, kid: await calculateJwkThumbprint(publicJwk) },
    auditPseudonymKey: new Uint8Array(32),
  },
});
await server.ready();
const document = server.swagger();
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
await server.close();
await db.destroy();
if (!process.argv[2]) console.log(`wrote ${out}`);
