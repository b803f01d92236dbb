// The whole product in one process tree: back-end emulators, dev identity provider, API and demo sites.
// Used by `npm start` and by the end-to-end tests (on other ports, so both can run at once).
import { join, resolve } from 'node:path';
import { startDemo } from '../demo/server.js';
import { startDevIdp } from '../server/dev-idp/index.js';
import { startEmulators } from '../server/emulators/app.js';
import { testCitizens } from '../server/emulators/population/citizens.js';
import { loadSecrets } from '../server/src/config/secrets.js';
import { startApi } from '../server/src/server.js';
import { listOidcClients, listStaffSignIns } from '../server/src/tenants/load-municipalities.js';

export interface StackOptions {
  apiPort: number;
  idpPort: number;
  emulatorPort: number;
  demoPort: number;
  dataDir: string;
  databaseUrl?: string;
  /** Silence the API's request log (tests). */
  quiet?: boolean;
  /** Municipality files to use instead of server/config/municipalities (tests that need other settings). */
  configDir?: string;
}

export interface RunningStack {
  urls: { demo: string; api: string; idp: string; emulators: string };
  /** Stops the API only (the demo pages, the IdP and the emulators keep running): "the API is down". */
  stopApi(): Promise<void>;
  close(): Promise<void>;
}

export function stackOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StackOptions {
  const port = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
    return value;
  };
  return {
    apiPort: port('API_PORT', 8787),
    idpPort: port('IDP_PORT', 8788),
    emulatorPort: port('EMULATOR_PORT', 8789),
    demoPort: port('DEMO_PORT', 8080),
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
  };
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const urls = {
    demo: `http://localhost:${options.demoPort}`,
    api: `http://localhost:${options.apiPort}`,
    idp: `http://localhost:${options.idpPort}`,
    emulators: `http://localhost:${options.emulatorPort}`,
  };
  // The municipality files refer to these, so a changed port reaches the configuration too.
  const env = {
    ...process.env,
    DATA_DIR: options.dataDir,
    API_URL: urls.api,
    IDP_URL: urls.idp,
    EMULATOR_URL: urls.emulators,
    DEMO_ORIGIN: urls.demo,
  };
  const closers: (() => Promise<void>)[] = [];
  let stopApi: () => Promise<void> = async () => undefined;
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne().catch(() => undefined);
  };
  try {
    const secrets = await loadSecrets({ env, dataDir: options.dataDir });
    // No back end pushes (the real ones cannot): the API polls them for citizens with a live-update stream.
    const emulators = await startEmulators({ port: options.emulatorPort });
    closers.push(emulators.close);

    const clients = listOidcClients({ env, ...(options.configDir ? { configDir: options.configDir } : {}) });
    const audiences = [...new Set(clients.map((c) => c.audience))];
    if (audiences.length !== 1) throw new Error(`all municipalities must share one API audience, found ${audiences}`);
    const staffSignIns = listStaffSignIns({ env, ...(options.configDir ? { configDir: options.configDir } : {}) });
    const staffClient = staffSignIns[0];
    const idp = await startDevIdp({
      // One test staff member per municipality ("Nivalan tiedottaja"), signing in at the API's /admin/ page.
      ...(staffClient
        ? {
            staff: {
              clientId: staffClient.clientId,
              redirectUris: [`${urls.api}/admin/`],
              audience: staffClient.audience,
              roleClaim: staffClient.roleClaim,
              members: staffSignIns.map((s) => ({
                key: `staff-${s.municipalityId}`,
                name: `${s.genitive} tiedottaja`,
                municipalityName: s.municipalityName,
                role: s.roleValue,
              })),
            },
          }
        : {}),
      port: options.idpPort,
      issuer: urls.idp,
      clients: clients.map((c) => ({
        clientId: c.clientId,
        redirectUris: c.redirectUris,
        postLogoutRedirectUris: c.redirectUris,
      })),
      audience: audiences[0]!,
      identityEncryptionKey: secrets.identityEncryptionPublicJwk,
      citizens: testCitizens(),
      keysDir: join(options.dataDir, 'dev-idp'),
    });
    closers.push(idp.close);

    const api = await startApi({
      port: options.apiPort,
      env,
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      secrets,
      publicUrl: urls.api,
      ...(options.configDir ? { configDir: options.configDir } : {}),
      ...(options.quiet ? { logger: false as const } : {}),
    });
    closers.push(api.close);
    stopApi = api.close;

    const demo = await startDemo({ port: options.demoPort, apiUrl: urls.api, idpUrl: urls.idp });
    closers.push(demo.close);
  } catch (error) {
    await close();
    throw error;
  }
  return { urls, stopApi: () => stopApi(), close };
}
