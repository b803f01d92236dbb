// The back-end emulators in a process of their own for `npm run bench:server`; prints their URL, then waits.
import { startEmulators } from '../../server/emulators/app.js';

const emulators = await startEmulators({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${emulators.url.replace('localhost', '127.0.0.1')}\n`);
process.on('SIGTERM', () => void emulators.close().then(() => process.exit(0)));
