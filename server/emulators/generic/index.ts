/**
 * A generic case-system emulator: "Hoiva", a fictional home-care and social-services back end with its own REST
 * format and Finnish field names, which the aggregation server maps to the unified Case by configuration only
 * (see `sources.generic` in server/config/municipalities/ylivieska.json).
 *
 * `POST /generic/api/v1/hakemukset/haku`, `Authorization: Bearer <token>` (dev `dev-generic-token`),
 * body `{ "henkilotunnus": "<hetu>" }` →
 * ```
 * { "tulos": { "lukumaara": 1, "hakemukset": [ {
 *     "asianumero": "YV-KH-2026-0042", "palvelu": "kotihoito",
 *     "otsikko": { "fi": "…", "sv": "…", "en": "…" },
 *     "tila": { "koodi": "ARVIOINTI", "muutettu": "<ISO time>" },
 *     "vaiheet": [ { "tila": "VASTAANOTETTU", "aika": "<ISO time>" }, … ],
 *     "linkki": "https://…" } ] } }
 * ```
 * Status codes: LUONNOS, VASTAANOTETTU, ARVIOINTI (service-need assessment), TAYDENNYS (complement requested),
 * PAATETTY, PALVELU_ALKANUT, PAATTYNYT, HYLATTY, PERUTTU.
 * Seed: Aino Korhonen (Ylivieska) has a home-care application in ARVIOINTI.
 *
 * Control: `GET /__control/generic/records`; `PUT /__control/generic/records/:id/status` `{ "tila" }`;
 * `POST /__control/generic/records` `{ "henkilotunnus", "asianumero", "tila", "otsikko"? }` adds a record (tests).
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { isValidHetu } from '../../src/identity/hetu.js';
import type { FaultInjector } from '../faults.js';
import { bearerMatches } from '../lupapiste/index.js';
import type { TestCitizen } from '../population/citizens.js';

export const GENERIC_SOURCE = 'generic';
export const DEV_GENERIC_TOKEN = 'dev-generic-token';
export const GENERIC_STATUSES = [
  'LUONNOS',
  'VASTAANOTETTU',
  'ARVIOINTI',
  'TAYDENNYS',
  'PAATETTY',
  'PALVELU_ALKANUT',
  'PAATTYNYT',
  'HYLATTY',
  'PERUTTU',
] as const;

export const GENERIC_FAULT_BODIES = {
  errorBody: { virhe: 'Palvelussa tapahtui virhe' },
  truncatedBody: '{"tulos":{"hakemukset":[{"asianumero":"YV-',
  wrongShapeBody: { tulos: { hakemukset: 'ei saatavilla' } },
};

interface HoivaRecord {
  henkilotunnus: string;
  asianumero: string;
  palvelu: string;
  otsikko: { fi: string; sv?: string; en?: string };
  tila: { koodi: string; muutettu: string };
  vaiheet: { tila: string; aika: string }[];
  linkki: string;
}

const DAY = 86_400_000;

export class GenericStore {
  #records: HoivaRecord[] = [];
  readonly #citizens: () => readonly TestCitizen[];
  readonly #now: () => number;

  constructor(citizens: () => readonly TestCitizen[], now: () => number) {
    this.#citizens = citizens;
    this.#now = now;
    this.reset();
  }

  reset(): void {
    const now = this.#now();
    this.#records = [];
    const aino = this.#citizens().find((c) => c.key === 'aino');
    if (aino) {
      const year = new Date(now).getUTCFullYear();
      const id = `YV-KH-${year}-0042`;
      const received = new Date(now - 20 * DAY + 9.5 * 3600_000).toISOString();
      const assessing = new Date(now - 6 * DAY + 13 * 3600_000).toISOString();
      this.#records.push({
        henkilotunnus: aino.hetu,
        asianumero: id,
        palvelu: 'kotihoito',
        otsikko: { fi: 'Kotihoidon hakemus', sv: 'Ansökan om hemvård', en: 'Home care application' },
        tila: { koodi: 'ARVIOINTI', muutettu: assessing },
        vaiheet: [
          { tila: 'VASTAANOTETTU', aika: received },
          { tila: 'ARVIOINTI', aika: assessing },
        ],
        linkki: `https://asiointi.ylivieska.fi/hoiva/hakemukset/${id}`,
      });
    }
  }

  search(hetu: string) {
    return this.#records
      .filter((r) => r.henkilotunnus === hetu)
      .map(({ henkilotunnus: _h, ...rest }) => structuredClone(rest));
  }

  all() {
    return this.#records.map(({ henkilotunnus: _h, ...rest }) => structuredClone(rest));
  }

  setStatus(id: string, tila: string) {
    const record = this.#records.find((r) => r.asianumero === id);
    if (!record) return null;
    const at = new Date(Math.max(this.#now(), Date.parse(record.tila.muutettu) + 1000)).toISOString();
    record.tila = { koodi: tila, muutettu: at };
    record.vaiheet.push({ tila, aika: at });
    const { henkilotunnus: _h, ...rest } = record;
    return structuredClone(rest);
  }

  add(record: { henkilotunnus: string; asianumero: string; tila: string; otsikko?: HoivaRecord['otsikko'] }) {
    const at = new Date(this.#now()).toISOString();
    this.#records.push({
      henkilotunnus: record.henkilotunnus,
      asianumero: record.asianumero,
      palvelu: 'kotihoito',
      otsikko: record.otsikko ?? { fi: 'Kotihoidon hakemus' },
      tila: { koodi: record.tila, muutettu: at },
      vaiheet: [{ tila: record.tila, aika: at }],
      linkki: `https://asiointi.example.fi/hoiva/hakemukset/${record.asianumero}`,
    });
  }
}

export const genericEmulator: FastifyPluginAsync<{
  store: GenericStore;
  faults: FaultInjector;
  token: string;
}> = async (app, opts) => {
  app.addHook('onRequest', opts.faults.hook(GENERIC_SOURCE));
  app.addHook('onRequest', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, opts.token)) {
      return reply.code(401).send({ virhe: 'Tunnistautuminen epäonnistui' });
    }
  });
  app.post('/api/v1/hakemukset/haku', async (request, reply) => {
    const hetu = (request.body as { henkilotunnus?: unknown } | null)?.henkilotunnus;
    if (!isValidHetu(hetu)) return reply.code(400).send({ virhe: 'Virheellinen henkilötunnus' });
    const hakemukset = opts.store.search(hetu);
    return { tulos: { lukumaara: hakemukset.length, hakemukset } };
  });
};

export async function genericControl(app: FastifyInstance, opts: { store: GenericStore }): Promise<void> {
  app.get('/records', async () => ({ records: opts.store.all() }));
  app.put<{ Params: { id: string } }>('/records/:id/status', async (request, reply) => {
    const tila = (request.body as { tila?: unknown } | null)?.tila;
    if (typeof tila !== 'string' || !(GENERIC_STATUSES as readonly string[]).includes(tila)) {
      return reply.code(400).send({ error: `tila must be one of ${GENERIC_STATUSES.join(', ')}` });
    }
    return opts.store.setStatus(request.params.id, tila) ?? reply.code(404).send({ error: 'no such record' });
  });
  app.post('/records', async (request, reply) => {
    const body = request.body as Record<string, unknown> | null;
    if (
      !isValidHetu(body?.henkilotunnus) ||
      typeof body?.asianumero !== 'string' ||
      !/^[A-Za-z0-9._-]{1,60}$/.test(body.asianumero) ||
      typeof body.tila !== 'string'
    ) {
      return reply.code(400).send({ error: 'body must be { henkilotunnus, asianumero, tila, otsikko? }' });
    }
    opts.store.add(body as { henkilotunnus: string; asianumero: string; tila: string });
    return reply.code(201).send({ asianumero: body.asianumero });
  });
}
