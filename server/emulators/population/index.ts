/**
 * Population-data emulator: DVV's VTJ query interface as a municipality reaches it, through its X-Road security
 * server. One endpoint, as a security server has: `POST /population` (SOAP 1.1, `text/xml`), operation
 * `HenkilonTunnusKysely` (namespace http://xml.vrk.fi/ws/vtj/vtjkysely/1), the identity code in the body only.
 *
 * Like the security server it checks the X-Road header elements (client SUBSYSTEM, service, id, userId,
 * protocolVersion 4.0) and answers a SOAP fault (HTTP 500) with an X-Road fault code when they are wrong; like
 * VTJ it checks `Kayttajatunnus`/`Salasana` (return code 0004/0003), answers the products `Huoltaja-Huollettavat`
 * and `Perussanoma 3` (vtj-answers.ts, shaped as the answers recorded by espoon-voltti/evaka), return code 0001 for
 * someone it does not know, and VTJ's faultCode/faultString for a product it does not offer. VTJ pushes nothing,
 * so neither does this.
 *
 * Control (tests, demos): `PUT /__control/population/restrictions/:childKey` with `{ "nonDisclosure": true }` (flag
 * "1"), or the raw `{ "turvakieltoTieto": "" | "0" | "1" | any | null (element left out),
 * "turvakieltoPaattymispvm": "yyyymmdd" | "" }`, sets what the child's own answer says; reset clears them.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { isValidHetu } from '../../src/identity/hetu.js';
import type { FaultInjector } from '../faults.js';
import type { TestCitizen } from './citizens.js';
import {
  basicHenkilo,
  guardianHenkilo,
  NO_TURVAKIELTO,
  personOfChild,
  personOfCitizen,
  soapFault,
  t,
  vtjEnvelope,
  x,
  type TurvakieltoAnswer,
  type VtjRequestEcho,
} from './vtj-answers.js';

export const POPULATION_SOURCE = 'population';
/** VTJ credentials the emulator accepts (dev only; DVV issues the real ones with the permit). */
export const DEV_VTJ_USERNAME = 'dev-vtj-user';
export const DEV_VTJ_PASSWORD = 'dev-vtj-password';
/** DVV's VTJ service on X-Road (as in evaka's recorded answers; instance FI in production, FI-TEST in DVV's test). */
export const VTJ_SERVICE = {
  memberClass: 'GOV',
  memberCode: '0245437-2',
  subsystemCode: 'VTJkysely',
  serviceCode: 'HenkilonTunnusKysely',
};

export const POPULATION_FAULT_BODIES = {
  contentType: 'text/xml; charset=utf-8',
  errorBody: soapFault('Server.ServerProxy.ServiceFailed', 'Service failed'),
  truncatedBody:
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><HenkilonTunnusKyselyResponse',
  wrongShapeBody:
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Vastaus><Tila>OK</Tila></Vastaus></s:Body></s:Envelope>',
};

export interface ChildFlags {
  /** Shorthand: flag "1" (true) or "" (false). */
  nonDisclosure?: boolean;
  /** The raw flag of the child's own answer; null leaves the element out. */
  turvakieltoTieto?: string | null;
  turvakieltoPaattymispvm?: string;
}

/** The emulator's switches over the synthetic population (the population itself comes from citizens.ts). */
export class PopulationState {
  readonly flags = new Map<string, ChildFlags>();

  reset(): void {
    this.flags.clear();
  }

  turvakielto(childKey: string, nonDisclosure: boolean): TurvakieltoAnswer {
    const flags = this.flags.get(childKey) ?? {};
    const base = (flags.nonDisclosure ?? nonDisclosure) ? { ...NO_TURVAKIELTO, turvakieltoTieto: '1' } : NO_TURVAKIELTO;
    return {
      turvakieltoTieto: flags.turvakieltoTieto === undefined ? base.turvakieltoTieto : flags.turvakieltoTieto,
      turvakieltoPaattymispvm: flags.turvakieltoPaattymispvm ?? base.turvakieltoPaattymispvm,
    };
  }
}

export interface PopulationEmulatorOptions {
  citizens: () => readonly TestCitizen[];
  state: PopulationState;
  faults: FaultInjector;
  username: string;
  password: string;
  now: () => number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type Node = Record<string, unknown>;
const node = (value: unknown): Node | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Node)
    : value === ''
      ? {}
      : undefined;
const str = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const own = node(value)?.['#text'];
  return typeof own === 'string' ? own : '';
};

class XRoadFault extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const IDENTIFIER_FIELDS = ['xRoadInstance', 'memberClass', 'memberCode', 'subsystemCode'] as const;

/** The request's X-Road headers, checked as a security server checks them, and re-serialised for the answer. */
function readHeaders(header: Node | undefined): string {
  const client = node(header?.['client']);
  const service = node(header?.['service']);
  const id = str(header?.['id']);
  const userId = str(header?.['userId']);
  const protocolVersion = str(header?.['protocolVersion']);
  if (!client || !service || !id || !userId || !protocolVersion) throw new XRoadFault('Client.MissingHeaderField');
  if (protocolVersion !== '4.0') throw new XRoadFault('Client.InvalidProtocolVersion');
  if (client['@_objectType'] !== 'SUBSYSTEM' || IDENTIFIER_FIELDS.some((f) => !str(client[f]))) {
    throw new XRoadFault('Client.MissingHeaderField');
  }
  if (
    service['@_objectType'] !== 'SERVICE' ||
    str(service['memberClass']) !== VTJ_SERVICE.memberClass ||
    str(service['memberCode']) !== VTJ_SERVICE.memberCode ||
    str(service['subsystemCode']) !== VTJ_SERVICE.subsystemCode ||
    str(service['serviceCode']) !== VTJ_SERVICE.serviceCode ||
    str(service['xRoadInstance']) !== str(client['xRoadInstance'])
  ) {
    throw new XRoadFault('Server.ServerProxy.UnknownService');
  }
  const ids = (n: Node, fields: readonly string[]) => fields.map((f) => x(`id:${f}`, t(str(n[f])))).join('');
  const version = str(service['serviceVersion']);
  return [
    `<xrd:client id:objectType="SUBSYSTEM">${ids(client, IDENTIFIER_FIELDS)}</xrd:client>`,
    x('xrd:id', t(id)),
    x('xrd:issue', t(str(header?.['issue']))),
    x('xrd:protocolVersion', t(protocolVersion)),
    `<xrd:service id:objectType="SERVICE">${ids(service, [...IDENTIFIER_FIELDS, 'serviceCode', ...(version ? ['serviceVersion'] : [])])}</xrd:service>`,
    x('xrd:userId', t(userId)),
  ].join('');
}

function same(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export const populationEmulator: FastifyPluginAsync<PopulationEmulatorOptions> = async (app, opts) => {
  app.addHook('onRequest', opts.faults.hook(POPULATION_SOURCE));
  app.addContentTypeParser(['text/xml', 'application/soap+xml'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.post('/', async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    const fault = (code: string, status = 500) =>
      reply.code(status).type('text/xml; charset=utf-8').send(soapFault(code, code));
    let envelope: Node | undefined;
    try {
      envelope = raw.includes('<!DOCTYPE') ? undefined : node((parser.parse(raw, true) as Node)['Envelope']);
    } catch {
      envelope = undefined;
    }
    const query = node(node(node(envelope?.['Body'])?.['HenkilonTunnusKysely'])?.['request']);
    if (!query) return fault('Client.InvalidSoap');
    let headerXml: string;
    try {
      headerXml = readHeaders(node(envelope?.['Header']));
    } catch (error) {
      if (error instanceof XRoadFault) return fault(error.code);
      throw error;
    }

    const product = str(query['SoSoNimi']);
    const username = str(query['Kayttajatunnus']);
    const hetu = str(query['Henkilotunnus']);
    const echo: VtjRequestEcho = {
      headerXml,
      raw,
      // VTJ echoes the request, the password left out.
      requestXml: x(
        'request',
        x('SoSoNimi', t(product)),
        x('Kayttajatunnus', t(username)),
        x('Salasana'),
        x('Loppukayttaja', t(str(query['Loppukayttaja']))),
        x('Henkilotunnus', t(hetu)),
      ),
    };
    const now = new Date(opts.now());
    const send = (content: Parameters<typeof vtjEnvelope>[2]) =>
      reply.type('text/xml; charset=utf-8').send(vtjEnvelope(echo, now, content));
    const answer = (returnCode: string, returnText: string, henkiloXml = '') =>
      send({ product, returnCode, returnText, hetu, henkiloXml });

    if (!same(username, opts.username)) {
      return answer('0004', 'Kysyvän sovelluksen lähettämä käyttäjätunnus puuttuu, on virheellinen tai vanhentunut.');
    }
    if (!same(str(query['Salasana']), opts.password)) {
      return answer('0003', 'Kysyvän sovelluksen lähettämä tunnussana puuttuu, on virheellinen tai vanhentunut.');
    }
    if (product !== 'Huoltaja-Huollettavat' && product !== 'Perussanoma 3') {
      // The emulator offers the two products the connector uses.
      return send({ faultCode: '-1900', faultString: 'Tuotetta ei löydy' });
    }
    const notFound = () => answer('0001', 'Hakuperusteella ei löydy tietoja vtj:sta.');
    if (!isValidHetu(hetu)) return notFound();

    const citizens = opts.citizens();
    const citizen = citizens.find((c) => c.hetu === hetu);
    const guardianOf = citizens.find((c) => c.children.some((child) => child.hetu === hetu));
    const child = guardianOf?.children.find((c) => c.hetu === hetu);
    const person = citizen ? personOfCitizen(citizen) : child && guardianOf ? personOfChild(child, guardianOf) : null;
    if (!person) return notFound();

    const henkilo =
      product === 'Huoltaja-Huollettavat'
        ? guardianHenkilo(person, citizen?.children ?? [])
        : basicHenkilo(person, child ? opts.state.turvakielto(child.key, child.nonDisclosure) : NO_TURVAKIELTO);
    return answer('0000', 'Haku onnistui', henkilo);
  });
};

export async function populationControl(app: FastifyInstance, opts: { state: PopulationState }): Promise<void> {
  app.get('/restrictions', async () => Object.fromEntries(opts.state.flags));
  app.put<{ Params: { childKey: string } }>('/restrictions/:childKey', async (request, reply) => {
    const body = request.body as Record<string, unknown> | null;
    const { nonDisclosure, turvakieltoTieto, turvakieltoPaattymispvm, ...rest } = body ?? {};
    if (
      Object.keys(rest).length > 0 ||
      (nonDisclosure !== undefined && typeof nonDisclosure !== 'boolean') ||
      (turvakieltoTieto !== undefined && turvakieltoTieto !== null && typeof turvakieltoTieto !== 'string') ||
      (turvakieltoPaattymispvm !== undefined && typeof turvakieltoPaattymispvm !== 'string')
    ) {
      return reply.code(400).send({
        error:
          'body must be { nonDisclosure?: boolean, turvakieltoTieto?: string | null, turvakieltoPaattymispvm?: string }',
      });
    }
    const flags: ChildFlags = { ...opts.state.flags.get(request.params.childKey) };
    if (nonDisclosure !== undefined) flags.nonDisclosure = nonDisclosure as boolean;
    if (turvakieltoTieto !== undefined) flags.turvakieltoTieto = turvakieltoTieto as string | null;
    if (turvakieltoPaattymispvm !== undefined) flags.turvakieltoPaattymispvm = turvakieltoPaattymispvm as string;
    opts.state.flags.set(request.params.childKey, flags);
    return flags;
  });
}
