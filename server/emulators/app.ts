/**
 * The back-end emulators in one Fastify app (docs/contracts.md): the Lupapiste emulator under `/lupapiste`
 * and the control API under `/__control`. Further emulators (eVaka, PTV, population) register a fault source
 * with the shared {@link FaultInjector}, mount under their own prefix and add a reset callback.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector, parseFault } from './faults.js';
import { LupapisteStore } from './lupapiste/data.js';
import {
  DEV_LUPAPISTE_TOKEN,
  LUPAPISTE_FAULT_BODIES,
  LUPAPISTE_SOURCE,
  lupapisteControl,
  lupapisteEmulator,
} from './lupapiste/index.js';
import { testCitizens } from './population/citizens.js';

export interface EmulatorOptions {
  /** The emulators' "today" (default: the real clock). Time runs on from it while the app runs. */
  today?: Date;
  /** The Bearer token the Lupapiste emulator accepts (default `dev-lupapiste-token`). */
  lupapisteToken?: string;
  /** Fastify logger; off by default (bodies carry identity codes, which must never reach logs). */
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The emulators' fault switches, for tests that drive them in-process. */
    faults: FaultInjector;
  }
}

export function buildEmulatorApp(options: EmulatorOptions = {}): FastifyInstance {
  const startedAt = Date.now();
  const offset = options.today ? options.today.getTime() - startedAt : 0;
  const now = (): number => Date.now() + offset;
  const citizens = () => testCitizens(new Date(now()));

  const app = Fastify({
    logger: options.logger ?? false,
    // A hanging request must not keep close() waiting.
    forceCloseConnections: true,
    bodyLimit: 64 * 1024,
  });

  const faults = new FaultInjector();
  faults.register(LUPAPISTE_SOURCE, LUPAPISTE_FAULT_BODIES);
  app.decorate('faults', faults);

  const lupapisteStore = new LupapisteStore(citizens, now);
  const resetters: Array<() => void> = [() => lupapisteStore.reset()];

  app.addHook('onClose', async () => faults.close());
  // Hijacked (hanging) requests never finish by themselves; release them before the server waits for them.
  app.addHook('preClose', async () => faults.close());

  app.register(lupapisteEmulator, {
    prefix: '/lupapiste',
    store: lupapisteStore,
    faults,
    token: options.lupapisteToken ?? DEV_LUPAPISTE_TOKEN,
  });

  app.register(
    async (control) => {
      control.get('/faults', async () => Object.fromEntries(faults.sources().map((s) => [s, faults.get(s)])));

      control.get<{ Params: { source: string } }>('/:source/fault', async (request, reply) => {
        if (!faults.has(request.params.source)) return reply.code(404).send({ error: 'unknown source' });
        return faults.get(request.params.source);
      });

      control.put<{ Params: { source: string } }>('/:source/fault', async (request, reply) => {
        if (!faults.has(request.params.source)) return reply.code(404).send({ error: 'unknown source' });
        const fault = parseFault(request.body);
        if (typeof fault === 'string') return reply.code(400).send({ error: fault });
        faults.set(request.params.source, fault);
        return fault;
      });

      control.post('/reset', async (_request, reply) => {
        faults.reset();
        for (const reset of resetters) reset();
        return reply.code(204).send();
      });

      control.register(lupapisteControl, { prefix: '/lupapiste', store: lupapisteStore });
    },
    { prefix: '/__control' },
  );

  return app;
}

export interface StartedEmulators {
  url: string;
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** Starts the emulators on `port` (0 = any free port) of localhost. */
export async function startEmulators(
  options: EmulatorOptions & { port: number; host?: string },
): Promise<StartedEmulators> {
  const app = buildEmulatorApp(options);
  const host = options.host ?? 'localhost';
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://localhost:${port}`, app, close: () => app.close() };
}
