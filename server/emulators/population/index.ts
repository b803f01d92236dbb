/**
 * Population-data emulator: a VTJ-like JSON service of our design (the real VTJ query interface is SOAP/XML).
 *
 * `POST /population/api/v1/henkilotiedot`, `Authorization: Bearer <token>` (dev `dev-population-token`),
 * body `{ "henkilotunnus": "<hetu>", "loppukayttaja": "<calling system>" }` — the identity code is never in the URL.
 * 200 →
 * ```
 * { "henkilo": {
 *     "henkilotunnus": "…", "syntymaaika": "YYYYMMDD", "nykyisetEtunimet": "…", "nykyinenSukunimi": "…",
 *     "kotikunta": { "kuntanumero": "535", "kuntaS": "Nivala", "kuntaR": "Nivala", "kuntasuhdeAlkupvm": "YYYYMMDD" },
 *     "turvakielto": { "turvakieltoTieto": false, "turvakieltoPaattymispvm": null },
 *     "huollettavat": [ { "henkilotunnus", "etunimet", "kutsumanimi", "sukunimi", "syntymaaika": "YYYYMMDD",
 *                         "turvakielto": false, "huoltosuhdeAlkupvm": "YYYYMMDD", "huoltosuhteenRajoitus": null } ] } }
 * ```
 * Dates are VTJ-style `YYYYMMDD`. `huollettavat` lists minors in the person's custody; `huoltosuhteenRajoitus` is a
 * restriction on the guardian's right to information (e.g. `TIETOJENSAANTI_RAJOITETTU`), null when none.
 * 404 `{ "virhe": { "koodi": "HENKILOA_EI_LOYDY" } }` for an unknown person; 400 for a malformed code.
 *
 * Control (tests, demos): `PUT /__control/population/restrictions/:childKey` `{ "nonDisclosure"?: bool,
 * "restricted"?: bool }` sets a child's non-disclosure or custody restriction (e.g. `helmi`); reset clears them.
 * The test citizens' visible situations are unchanged unless a test switches a flag.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { isValidHetu } from '../../src/identity/hetu.js';
import type { FaultInjector } from '../faults.js';
import { bearerMatches } from '../lupapiste/index.js';
import type { TestCitizen } from './citizens.js';

export const POPULATION_SOURCE = 'population';
export const DEV_POPULATION_TOKEN = 'dev-population-token';

export const POPULATION_FAULT_BODIES = {
  errorBody: { virhe: { koodi: 'PALVELUVIRHE', kuvaus: 'Sisäinen virhe' } },
  truncatedBody: '{"henkilo":{"henkilotunnus":"',
  wrongShapeBody: { henkilo: { syntymaaika: 19920314, kotikunta: 'Nivala' } },
};

const compact = (iso: string) => iso.replaceAll('-', '');

export interface ChildFlags {
  nonDisclosure?: boolean;
  restricted?: boolean;
}

/** The emulator's switches over the synthetic population (the population itself comes from citizens.ts). */
export class PopulationState {
  readonly flags = new Map<string, ChildFlags>();

  reset(): void {
    this.flags.clear();
  }
}

export function vtjRecord(citizen: TestCitizen, state: PopulationState) {
  return {
    henkilo: {
      henkilotunnus: citizen.hetu,
      syntymaaika: compact(citizen.birthDate),
      nykyisetEtunimet: citizen.givenName,
      nykyinenSukunimi: citizen.familyName,
      kotikunta: {
        kuntanumero: citizen.municipalityCode,
        kuntaS: citizen.municipalityName,
        kuntaR: citizen.municipalityName,
        kuntasuhdeAlkupvm: compact(citizen.movedInAt),
      },
      turvakielto: { turvakieltoTieto: false, turvakieltoPaattymispvm: null },
      huollettavat: citizen.children.map((child) => {
        const flags = state.flags.get(child.key) ?? {};
        return {
          henkilotunnus: child.hetu,
          etunimet: child.givenName,
          kutsumanimi: child.givenName,
          sukunimi: child.familyName,
          syntymaaika: compact(child.birthDate),
          turvakielto: flags.nonDisclosure ?? child.nonDisclosure,
          huoltosuhdeAlkupvm: compact(child.birthDate),
          huoltosuhteenRajoitus: flags.restricted ? 'TIETOJENSAANTI_RAJOITETTU' : null,
        };
      }),
    },
  };
}

export interface PopulationEmulatorOptions {
  citizens: () => readonly TestCitizen[];
  state: PopulationState;
  faults: FaultInjector;
  token: string;
}

export const populationEmulator: FastifyPluginAsync<PopulationEmulatorOptions> = async (app, opts) => {
  app.addHook('onRequest', opts.faults.hook(POPULATION_SOURCE));
  app.addHook('onRequest', async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, opts.token)) {
      return reply.code(401).send({ virhe: { koodi: 'TUNNISTUS_EPAONNISTUI' } });
    }
  });

  app.post('/api/v1/henkilotiedot', async (request, reply) => {
    const hetu = (request.body as { henkilotunnus?: unknown } | null)?.henkilotunnus;
    if (!isValidHetu(hetu)) return reply.code(400).send({ virhe: { koodi: 'VIRHEELLINEN_HENKILOTUNNUS' } });
    const citizen = opts.citizens().find((c) => c.hetu === hetu);
    if (!citizen) return reply.code(404).send({ virhe: { koodi: 'HENKILOA_EI_LOYDY' } });
    return vtjRecord(citizen, opts.state);
  });
};

export async function populationControl(app: FastifyInstance, opts: { state: PopulationState }): Promise<void> {
  app.get('/restrictions', async () => Object.fromEntries(opts.state.flags));
  app.put<{ Params: { childKey: string } }>('/restrictions/:childKey', async (request, reply) => {
    const body = request.body as Record<string, unknown> | null;
    const { nonDisclosure, restricted, ...rest } = body ?? {};
    if (
      Object.keys(rest).length > 0 ||
      (nonDisclosure !== undefined && typeof nonDisclosure !== 'boolean') ||
      (restricted !== undefined && typeof restricted !== 'boolean')
    ) {
      return reply.code(400).send({ error: 'body must be { nonDisclosure?: boolean, restricted?: boolean }' });
    }
    const flags: ChildFlags = { ...opts.state.flags.get(request.params.childKey) };
    if (nonDisclosure !== undefined) flags.nonDisclosure = nonDisclosure as boolean;
    if (restricted !== undefined) flags.restricted = restricted as boolean;
    opts.state.flags.set(request.params.childKey, flags);
    return flags;
  });
}
