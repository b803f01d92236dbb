// `npm start`: the demo on embedded SQLite (or PostgreSQL when DATABASE_URL is set), stopped by Ctrl-C.
import { mkdirSync } from 'node:fs';
import { startStack, stackOptionsFromEnv } from './stack.js';

const options = stackOptionsFromEnv();
mkdirSync(options.dataDir, { recursive: true });
const stack = await startStack(options);

console.log(`
Kunta-Akkuna is running (data in ${options.databaseUrl ? 'PostgreSQL' : options.dataDir}).

  Municipal website (Nivala)  ${stack.urls.demo}/
  API and widgets             ${stack.urls.api}/  (OpenAPI: ${stack.urls.api}/openapi.json)
  Dev identity provider       ${stack.urls.idp}/
  Back-end emulators          ${stack.urls.emulators}/

Open ${stack.urls.demo}/ and sign in as a test citizen. Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('\nStopping...');
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
