// Starts the API alone (`npm start -w server`); the root start script uses startApi() with the other processes.
import { startApi } from './server.js';

const api = await startApi();
api.app.log.info(`Kunta-Akkuna API listening at ${api.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
