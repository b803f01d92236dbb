/**
 * The back-end emulators in one Fastify app (docs/contracts.md), each speaking its real system's format and each
 * with a fault source on the shared {@link FaultInjector} (`PUT /__control/<source>/fault`):
 * `/lupapiste` (Lupapiste), `/evaka` (eVaka), `/generic` (a generic case system), `/population` (VTJ's query
 * interface over X-Road), `/ptv/api` (PTV v11). Control API under `/__control`; `POST /__control/reset` resets all.
 * None of them pushes: the real systems have no push either, so the aggregation server polls them.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector, parseFault } from './faults.js';
import { LupapisteStore } from './lupapiste/data.js';
import {
  DEV_LUPAPISTE_API_KEYS,
  LUPAPISTE_FAULT_BODIES,
  LUPAPISTE_SOURCE,
  lupapisteControl,
  lupapisteEmulator,
} from './lupapiste/index.js';
import { testCitizens } from './population/citizens.js';
import {
  DEFAULT_EVAKA_INSTANCES,
  EVAKA_FAULT_BODIES,
  EVAKA_SOURCE,
  EvakaStore,
  type EvakaInstances,
  evakaControl,
  evakaEmulator,
} from './evaka/index.js';
import {
  DEV_GENERIC_TOKEN,
  GENERIC_FAULT_BODIES,
  GENERIC_SOURCE,
  GenericStore,
  genericControl,
  genericEmulator,
} from './generic/index.js';
import {
  DEV_VTJ_PASSWORD,
  DEV_VTJ_USERNAME,
  POPULATION_FAULT_BODIES,
  POPULATION_SOURCE,
  PopulationState,
  populationControl,
  populationEmulator,
} from './population/index.js';
import { PTV_FAULT_BODIES, PTV_SOURCE, ptvEmulator } from './ptv/index.js';

export interface EmulatorOptions {
  /** The emulators' "today" (default: the real clock). Time runs on from it while the app runs. */
  today?: Date;
  /** The API keys the Lupapiste emulator accepts (default: each municipality's development key). */
  lupapisteApiKeys?: readonly string[];
  /** Fastify logger; off by default (bodies carry identity codes, which must never reach logs). */
  logger?: boolean;
  /** eVaka instances by municipality id, each with the public keys its JWKS lists (default: Nivala, dev key). */
  evakaInstances?: EvakaInstances;
  genericToken?: string;
  /** The VTJ user id and password the population emulator accepts (default `dev-vtj-user` / `dev-vtj-password`). */
  vtjUsername?: string;
  vtjPassword?: string;
  /** PTV page size (default 10). */
  ptvPageSize?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The emulators' fault switches, for tests that drive them in-process. */
    faults: FaultInjector;
    populationState: PopulationState;
  }
}

export function buildEmulatorApp(options: EmulatorOptions = {}): FastifyInstance {
  const startedAt = Date.now();
  const offset = options.today ? options.today.getTime() - startedAt : 0;
  const now = (): number => Date.now() + offset;
  // The population depends only on the Helsinki day (which turns on a UTC hour): computed once an hour.
  let population: { day: string; citizens: ReturnType<typeof testCitizens> } | undefined;
  const citizens = () => {
    const day = new Date(now()).toISOString().slice(0, 13);
    if (population?.day !== day) population = { day, citizens: testCitizens(new Date(now())) };
    return population.citizens;
  };

  const app = Fastify({
    logger: options.logger ?? false,
    // A hanging request must not keep close() waiting.
    forceCloseConnections: true,
    bodyLimit: 64 * 1024,
  });

  const faults = new FaultInjector();
  faults.register(LUPAPISTE_SOURCE, LUPAPISTE_FAULT_BODIES);
  faults.register(EVAKA_SOURCE, EVAKA_FAULT_BODIES);
  faults.register(GENERIC_SOURCE, GENERIC_FAULT_BODIES);
  faults.register(POPULATION_SOURCE, POPULATION_FAULT_BODIES);
  faults.register(PTV_SOURCE, PTV_FAULT_BODIES);
  app.decorate('faults', faults);

  const lupapisteStore = new LupapisteStore(citizens, now);
  const evakaInstances = options.evakaInstances ?? DEFAULT_EVAKA_INSTANCES;
  const evakaStore = new EvakaStore(citizens, now, Object.keys(evakaInstances));
  const genericStore = new GenericStore(citizens, now);
  const populationState = new PopulationState();
  app.decorate('populationState', populationState);
  const resetters: Array<() => void> = [
    () => lupapisteStore.reset(),
    () => evakaStore.reset(),
    () => genericStore.reset(),
    () => populationState.reset(),
  ];

  app.addHook('onClose', async () => faults.close());
  // Hijacked (hanging) requests never finish by themselves; release them before the server waits for them.
  app.addHook('preClose', async () => faults.close());

  app.register(lupapisteEmulator, {
    prefix: '/lupapiste',
    store: lupapisteStore,
    faults,
    apiKeys: options.lupapisteApiKeys ?? DEV_LUPAPISTE_API_KEYS,
  });
  app.register(evakaEmulator, {
    prefix: '/evaka',
    store: evakaStore,
    faults,
    instances: evakaInstances,
  });
  app.register(genericEmulator, {
    prefix: '/generic',
    store: genericStore,
    faults,
    token: options.genericToken ?? DEV_GENERIC_TOKEN,
  });
  app.register(populationEmulator, {
    prefix: '/population',
    citizens,
    state: populationState,
    faults,
    username: options.vtjUsername ?? DEV_VTJ_USERNAME,
    password: options.vtjPassword ?? DEV_VTJ_PASSWORD,
    now,
  });
  app.register(ptvEmulator, {
    prefix: '/ptv/api',
    faults,
    ...(options.ptvPageSize ? { pageSize: options.ptvPageSize } : {}),
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
      control.register(evakaControl, { prefix: '/evaka', store: evakaStore });
      control.register(genericControl, { prefix: '/generic', store: genericStore });
      control.register(populationControl, { prefix: '/population', state: populationState });
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
