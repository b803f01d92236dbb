/**
 * The VTJ query interface's wire format: one SOAP 1.1 message per query (`HenkilonTunnusKysely`), carried over
 * X-Road (message protocol 4.0). The request is built as espoon-voltti/evaka's VTJ client builds it
 * (service/src/main/kotlin/evaka/core/vtjclient/service/vtjclient/VtjClientService.kt, config/XroadSoapClientConfig.kt);
 * the answer is read as its recorded answers look (service/src/integrationTest/kotlin/evaka/core/vtjclient/
 * VtjClientServiceTest.kt) and as DVV's schema allows (service/vtjclient/src/main/resources/wsdl/
 * vtj-vastaus-unified.xsd): almost every element may be empty.
 *
 * The parsed answer keeps raw strings, `null` where an element is missing: deciding what an empty or odd value
 * means is the mapper's job (population.mapper.ts), so that "missing" and "empty" stay apart.
 *
 * Parser: fast-xml-parser (pure JavaScript, no native code, maintained, MIT). Node has no XML parser of its own
 * (no DOMParser), and a DOM library would be heavier than a tree of plain objects. It never fetches anything
 * (no external entities); with `parseTagValue: false` "071" and "0" stay strings; a DTD is refused before it runs.
 */
import { XMLParser } from 'fast-xml-parser';
import type { PopulationSourceConfig } from './config.js';
import type { VtjAnswer, VtjPerson } from './population.schemas.js';

/** The VTJ products (`SoSoNimi`) we ask for; DVV's permit names the products a municipality may use. */
export const VTJ_PRODUCTS = {
  /** The guardian and the minors in their custody (no per-child non-disclosure in it). */
  guardian: 'Huoltaja-Huollettavat',
  /** One person's basic data, non-disclosure (Turvakielto) included: asked for each child, as evaka does. */
  person: 'Perussanoma 3',
} as const;
export type VtjProduct = (typeof VTJ_PRODUCTS)[keyof typeof VTJ_PRODUCTS];

const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  xroad: 'http://x-road.eu/xsd/xroad.xsd',
  id: 'http://x-road.eu/xsd/identifiers',
  vtj: 'http://xml.vrk.fi/ws/vtj/vtjkysely/1',
};

export interface VtjQuery {
  product: VtjProduct;
  identityCode: string;
  /** The X-Road message id: unique per message. */
  messageId: string;
  /** Who the query is for, as VTJ logs it (`Loppukayttaja`): the citizen's audit pseudonym, never the identity code. */
  endUser: string;
}

function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const el = (name: string, value: string) => (value === '' ? `<${name}/>` : `<${name}>${escapeXml(value)}</${name}>`);

/** X-Road identifier parts (identifiers.xsd), in the schema's order; an absent serviceVersion is left out. */
function identifier(parts: Partial<Record<(typeof IDENTIFIER_PARTS)[number], string>>): string {
  return IDENTIFIER_PARTS.flatMap((part) => (parts[part] ? [el(`id:${part}`, parts[part])] : [])).join('');
}
const IDENTIFIER_PARTS = [
  'xRoadInstance',
  'memberClass',
  'memberCode',
  'subsystemCode',
  'serviceCode',
  'serviceVersion',
] as const;

/** The SOAP envelope of one query, X-Road headers first (client, service, id, userId, issue, protocolVersion). */
export function vtjRequestEnvelope(config: PopulationSourceConfig, query: VtjQuery): string {
  const { client, service } = config.xroad;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${NS.soap}" xmlns:xrd="${NS.xroad}" xmlns:id="${NS.id}" xmlns:vtj="${NS.vtj}">`,
    '<SOAP-ENV:Header>',
    `<xrd:client id:objectType="SUBSYSTEM">${identifier(client)}</xrd:client>`,
    `<xrd:service id:objectType="SERVICE">${identifier(service)}</xrd:service>`,
    el('xrd:id', query.messageId),
    el('xrd:userId', config.xroad.userId),
    el('xrd:issue', ''),
    el('xrd:protocolVersion', config.xroad.protocolVersion ?? '4.0'),
    '</SOAP-ENV:Header>',
    '<SOAP-ENV:Body>',
    '<vtj:HenkilonTunnusKysely>',
    '<vtj:request>',
    el('vtj:SoSoNimi', query.product),
    el('vtj:Kayttajatunnus', config.username),
    el('vtj:Salasana', config.password),
    el('vtj:Loppukayttaja', `${config.xroad.userId}: ${query.endUser}`),
    el('vtj:Henkilotunnus', query.identityCode),
    '</vtj:request>',
    '</vtj:HenkilonTunnusKysely>',
    '</SOAP-ENV:Body>',
    '</SOAP-ENV:Envelope>',
  ].join('');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Everything stays a string: "071" is a municipality, "0" a flag, never numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'Huollettava' || name === 'Henkilo',
});

/** The answer does not have the shape of a VTJ answer (the message never quotes the body). */
export class VtjFormatError extends Error {
  override name = 'VtjFormatError';
}

type Node = Record<string, unknown>;
/** A value that no field accepts: what an element holding elements (or repeated) reads as where text was due. */
const NOT_TEXT = '\u0000';

/** The one element `name` of `node`: undefined when missing, {} when empty; repeated is not a VTJ answer. */
function one(node: Node | undefined, name: string): Node | undefined {
  const value = node?.[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return {};
  if (Array.isArray(value) || typeof value !== 'object' || value === null) {
    throw new VtjFormatError(`element ${name} is not one element`);
  }
  return value as Node;
}

/** The text of element `name`: null when missing, '' when empty. */
function text(node: Node | undefined, name: string): string | null {
  const value = node?.[name];
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const own = (value as Node)['#text'];
    if (typeof own === 'string') return own;
    // Attributes only (`<Paluukoodi koodi="0001"/>`): empty text.
    if (Object.keys(value).every((key) => key.startsWith('@_'))) return '';
  }
  return NOT_TEXT;
}

function attribute(node: Node | undefined, name: string): string | null {
  const value = node?.[`@_${name}`];
  return typeof value === 'string' ? value : null;
}

function person(node: Node): VtjPerson {
  const kotikunta = one(node, 'Kotikunta');
  const turvakielto = one(node, 'Turvakielto');
  const kuolintiedot = one(node, 'Kuolintiedot');
  const huollettavat = node['Huollettava'];
  return {
    henkilotunnus: text(node, 'Henkilotunnus'),
    etunimet: text(one(node, 'NykyisetEtunimet'), 'Etunimet'),
    kotikunta: kotikunta
      ? { kuntanumero: text(kotikunta, 'Kuntanumero'), kuntasuhdeAlkupvm: text(kotikunta, 'KuntasuhdeAlkupvm') }
      : null,
    turvakielto: turvakielto
      ? {
          turvakieltoTieto: text(turvakielto, 'TurvakieltoTieto'),
          turvakieltoPaattymispvm: text(turvakielto, 'TurvakieltoPaattymispvm'),
        }
      : null,
    kuollut: kuolintiedot ? text(kuolintiedot, 'Kuollut') : null,
    huollettavat: Array.isArray(huollettavat)
      ? huollettavat.map((entry) => {
          const h = typeof entry === 'object' && entry !== null ? (entry as Node) : {};
          return {
            henkilotunnus: text(h, 'Henkilotunnus'),
            syntymaaika: text(h, 'Syntymaaika'),
            etunimet: text(one(h, 'NykyisetEtunimet'), 'Etunimet'),
          };
        })
      : [],
  };
}

/**
 * A SOAP answer of the VTJ query interface → {@link VtjAnswer}. Throws {@link VtjFormatError} when it is not one
 * (no envelope, no body, neither a VTJ answer nor a fault). A DTD is refused: SOAP messages must not carry one,
 * and refusing it closes the door on entity expansion.
 */
export function parseVtjAnswer(xml: string): VtjAnswer {
  if (/<!DOCTYPE/i.test(xml)) throw new VtjFormatError('a SOAP message carries no DTD');
  let document: Node;
  try {
    document = parser.parse(xml, true) as Node;
  } catch {
    throw new VtjFormatError('not well-formed XML');
  }
  const body = one(one(document, 'Envelope'), 'Body');
  if (!body) throw new VtjFormatError('no SOAP body');

  const soapFault = one(body, 'Fault');
  if (soapFault) return { fault: { code: faultCode(text(soapFault, 'faultcode')) }, returnCode: null, person: null };

  const response = one(one(body, 'HenkilonTunnusKyselyResponse'), 'response');
  if (!response) throw new VtjFormatError('no HenkilonTunnusKyselyResponse/response');
  const vtjFault = text(response, 'faultCode');
  const message = one(response, 'VTJHenkiloVastaussanoma');
  if (!message) {
    if (vtjFault !== null || text(response, 'faultString') !== null) {
      return { fault: { code: faultCode(vtjFault ?? text(response, 'faultString')) }, returnCode: null, person: null };
    }
    throw new VtjFormatError('no VTJHenkiloVastaussanoma');
  }
  const people = message['Henkilo'];
  if (Array.isArray(people) && people.length > 1) throw new VtjFormatError('more than one Henkilo');
  const found = Array.isArray(people) && typeof people[0] === 'object' && people[0] !== null ? people[0] : undefined;
  return {
    fault: null,
    returnCode: attribute(one(message, 'Paluukoodi'), 'koodi'),
    person: found ? person(found as Node) : null,
  };
}

/** A fault code is logged: only a short code-like value is kept (a fault string could quote what we sent). */
function faultCode(value: string | null): string {
  return value && /^[A-Za-z0-9._:-]{1,80}$/.test(value) ? value : 'unknown';
}
