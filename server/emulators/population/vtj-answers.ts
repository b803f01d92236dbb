/**
 * The VTJ query interface's answers for the synthetic population, element for element as the answers recorded
 * from DVV's test VTJ in espoon-voltti/evaka look (service/src/integrationTest/kotlin/evaka/core/vtjclient/
 * VtjClientServiceTest.kt; the same shapes are kept in server/test/fixtures/population/, see SOURCE.md):
 * - `Huoltaja-Huollettavat`: the person, then one `Huollettava` per minor in custody, with an empty `Syntymaaika`
 *   and no non-disclosure of the child;
 * - `Perussanoma 3`: one person's basic data with `Turvakielto`;
 * - empty elements where a person has no such data; addresses are left empty (we have no synthetic ones, and
 *   nothing reads them); flags are "" (not in force) or "1".
 */
import { createHash } from 'node:crypto';
import type { TestChild, TestCitizen } from './citizens.js';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  xroad: 'http://x-road.eu/xsd/xroad.xsd',
  id: 'http://x-road.eu/xsd/identifiers',
  query: 'http://xml.vrk.fi/ws/vtj/vtjkysely/1',
  answer: 'http://xml.vrk.fi/schema/vtjkysely',
  vtj: 'http://xml.vrk.fi/schema/vtj/henkilotiedot/1',
};

type Tree = string | Tree[];

function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** `<name>…</name>`, `<name/>` when empty. */
export function x(name: string, ...content: Tree[]): string {
  const inner = content.flat(Infinity as 1).join('');
  return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}
/** Text content, escaped. */
export const t = (value: string): string => escapeXml(value);

/** The non-disclosure of one person in the answer; `turvakieltoTieto: null` leaves the element out. */
export interface TurvakieltoAnswer {
  turvakieltoTieto: string | null;
  turvakieltoPaattymispvm: string;
}
export const NO_TURVAKIELTO: TurvakieltoAnswer = { turvakieltoTieto: '', turvakieltoPaattymispvm: '' };

const compact = (iso: string) => iso.replaceAll('-', '');
const emptyAll = (...names: string[]) => names.map((name) => x(name));

/** Someone the emulator knows: a test citizen or one of their children. */
export interface VtjPersonData {
  hetu: string;
  givenName: string;
  familyName: string;
  municipalityCode: string;
  municipalityName: string;
  /** YYYY-MM-DD or '' */
  movedInAt: string;
}

export function personOfCitizen(citizen: TestCitizen): VtjPersonData {
  return { ...citizen };
}

export function personOfChild(child: TestChild, guardian: TestCitizen): VtjPersonData {
  return {
    hetu: child.hetu,
    givenName: child.givenName,
    familyName: child.familyName,
    municipalityCode: guardian.municipalityCode,
    municipalityName: guardian.municipalityName,
    movedInAt: child.birthDate > guardian.movedInAt ? child.birthDate : guardian.movedInAt,
  };
}

/** A domestic address with every field empty (VakinainenKotimainenLahiosoite, TilapainenKotimainenLahiosoite). */
const domesticAddress = (name: string) =>
  x(
    name,
    ...emptyAll(
      'LahiosoiteS',
      'LahiosoiteR',
      'Postinumero',
      'PostitoimipaikkaS',
      'PostitoimipaikkaR',
      'AsuminenAlkupvm',
      'AsuminenLoppupvm',
    ),
  );
const foreignAddress = (name: string) =>
  x(
    name,
    ...emptyAll(
      'UlkomainenLahiosoite',
      'UlkomainenPaikkakuntaJaValtioS',
      'UlkomainenPaikkakuntaJaValtioR',
      'UlkomainenPaikkakuntaJaValtioSelvakielinen',
      'Valtiokoodi3',
      'AsuminenAlkupvm',
      'AsuminenLoppupvm',
    ),
  );
const postalAddresses = () => [
  x(
    'KotimainenPostiosoite',
    ...emptyAll(
      'PostiosoiteS',
      'PostiosoiteR',
      'Postinumero',
      'PostitoimipaikkaS',
      'PostitoimipaikkaR',
      'PostiosoiteAlkupvm',
      'PostiosoiteLoppupvm',
    ),
  ),
  x(
    'UlkomainenPostiosoite',
    ...emptyAll(
      'UlkomainenLahiosoite',
      'UlkomainenPaikkakunta',
      'Valtiokoodi3',
      'ValtioS',
      'ValtioR',
      'ValtioSelvakielinen',
      'PostiosoiteAlkupvm',
      'PostiosoiteLoppupvm',
    ),
  ),
];

function sex(hetu: string): string {
  const male = Number.parseInt(hetu.slice(7, 10), 10) % 2 === 1;
  return x(
    'Sukupuoli',
    x('Sukupuolikoodi', male ? '1' : '2'),
    x('SukupuoliS', male ? 'Mies' : 'Nainen'),
    x('SukupuoliR', male ? 'Man' : 'Kvinna'),
  );
}

/** The name elements of a person. */
function names(person: VtjPersonData): string {
  return (
    x('NykyinenSukunimi', x('Sukunimi', t(person.familyName))) +
    x('NykyisetEtunimet', x('Etunimet', t(person.givenName)))
  );
}

/** What both products carry from the temporary address to the sex, in the recorded order. */
function registered(person: VtjPersonData, turvakielto: TurvakieltoAnswer): string[] {
  return [
    domesticAddress('TilapainenKotimainenLahiosoite'),
    foreignAddress('TilapainenUlkomainenLahiosoite'),
    ...postalAddresses(),
    x(
      'Kotikunta',
      x('Kuntanumero', person.municipalityCode),
      x('KuntaS', t(person.municipalityName)),
      x('KuntaR', t(person.municipalityName)),
      x('KuntasuhdeAlkupvm', compact(person.movedInAt)),
    ),
    x('Kuolintiedot', x('Kuollut'), x('Kuolinpvm')),
    x('Kuolleeksijulistamistiedot', x('Kuolleeksijulistamispvm')),
    x('Aidinkieli', x('Kielikoodi', 'fi'), x('KieliS', 'suomi'), x('KieliR', 'finska'), x('KieliSelvakielinen')),
    x(
      'Turvakielto',
      turvakielto.turvakieltoTieto === null ? '' : x('TurvakieltoTieto', t(turvakielto.turvakieltoTieto)),
      x('TurvakieltoPaattymispvm', t(turvakielto.turvakieltoPaattymispvm)),
    ),
    sex(person.hetu),
  ];
}

/** `Huoltaja-Huollettavat` about `person` (as in the recorded answer, in its element order). */
export function guardianHenkilo(person: VtjPersonData, dependants: readonly TestChild[]): string {
  return x(
    'Henkilo',
    `<Henkilotunnus voimassaolokoodi="1">${person.hetu}</Henkilotunnus>`,
    names(person),
    domesticAddress('VakinainenKotimainenLahiosoite'),
    foreignAddress('VakinainenUlkomainenLahiosoite'),
    x('VakinainenAsuinpaikka', x('Asuinpaikantunnus')),
    ...registered(person, NO_TURVAKIELTO),
    ...dependants.map((child) =>
      x(
        'Huollettava',
        x('Henkilotunnus', child.hetu),
        // Empty in every recorded answer: the date is in the identity code.
        x('Syntymaaika'),
        x('NykyinenSukunimi', x('Sukunimi', t(child.familyName))),
        x('NykyisetEtunimet', x('Etunimet', t(child.givenName))),
      ),
    ),
  );
}

/** An empty person element of the guardianship parts (no guardian, no attorney), with its two date fields. */
const nobody = (name: string, from: string, to: string) =>
  x(
    name,
    x('Henkilotunnus'),
    x('Syntymaaika'),
    x('NykyinenSukunimi', x('Sukunimi')),
    x('NykyisetEtunimet', x('Etunimet')),
    x(from),
    x(to),
  );

/** `Perussanoma 3` about `person` (as in the recorded answer, in its element order). */
export function basicHenkilo(person: VtjPersonData, turvakielto: TurvakieltoAnswer): string {
  return x(
    'Henkilo',
    `<Henkilotunnus voimassaolokoodi="1">${person.hetu}</Henkilotunnus>`,
    names(person),
    x('EntinenNimi', ...emptyAll('Nimi', 'Nimilajikoodi', 'Alkupvm', 'Loppupvm', 'Info8S', 'Info8R')),
    domesticAddress('VakinainenKotimainenLahiosoite'),
    x('VakinainenAsuinpaikka', x('Asuinpaikantunnus')),
    foreignAddress('VakinainenUlkomainenLahiosoite'),
    ...registered(person, turvakielto),
    x(
      'Kansalaisuus',
      x('Kansalaisuuskoodi3', '246'),
      x('KansalaisuusS', 'Suomi'),
      x('KansalaisuusR', 'Finland'),
      x('KansalaisuusSelvakielinen'),
      x('Saamispvm'),
    ),
    x(
      'Edunvalvonta',
      ...emptyAll(
        'Alkupvm',
        'Paattymispvm',
        'Rajoituskoodi',
        'RajoitustekstiS',
        'RajoitustekstiR',
        'Tehtavienjakokoodi',
        'TehtavienjakoS',
        'TehtavienjakoR',
      ),
      nobody('HenkiloEdunvalvoja', 'TehtavaAlkupvm', 'TehtavaLoppupvm'),
      x('YritysJaYhteisoEdunvalvoja', ...emptyAll('Ytunnus', 'Nimi', 'TehtavaLoppupvm', 'TehtavaAlkupvm')),
      x(
        'OikeusaputoimistoEdunvalvoja',
        ...emptyAll('Viranomaisnumero', 'ViranomainenS', 'ViranomainenR', 'TehtavaAlkupvm', 'TehtavaLoppupvm'),
      ),
    ),
    x(
      'Edunvalvontavaltuutus',
      ...emptyAll('Alkupvm', 'Paattymispvm', 'Tehtavienjakokoodi', 'TehtavienjakoS', 'TehtavienjakoR'),
      nobody('HenkiloEdunvalvontavaltuutettu', 'ValtuutusAlkupvm', 'ValtuutusLoppupvm'),
    ),
  );
}

/** Day and time as VTJ writes them: `tietojenPoimintaaika` yyyymmddhhmmss and `Info*` dd.mm.yyyy hh:mm (Helsinki). */
function stamps(now: Date): { extracted: string; info: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return {
    extracted: `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}`,
    info: `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`,
  };
}

export interface VtjRequestEcho {
  /** The X-Road header elements of the request, echoed as the security server does. */
  headerXml: string;
  requestXml: string;
  /** The raw request body, for `requestHash`. */
  raw: string;
}

export interface VtjAnswerContent {
  product: string;
  /** `Paluukoodi/@koodi` and its text. */
  returnCode: string;
  returnText: string;
  hetu: string;
  henkiloXml: string;
}

/** The whole SOAP answer around one `VTJHenkiloVastaussanoma` (or VTJ's faultCode/faultString). */
export function vtjEnvelope(
  echo: VtjRequestEcho,
  now: Date,
  content: VtjAnswerContent | { faultCode: string; faultString: string },
): string {
  const hash = createHash('sha512').update(echo.raw).digest('base64');
  const header = `${echo.headerXml}<xrd:requestHash algorithmId="http://www.w3.org/2001/04/xmlenc#sha512">${hash}</xrd:requestHash>`;
  let response: string;
  if ('faultCode' in content) {
    response = x('response', x('faultCode', t(content.faultCode)), x('faultString', t(content.faultString)));
  } else {
    const { extracted, info } = stamps(now);
    const found = content.returnCode === '0000';
    response = x(
      'response',
      `<VTJHenkiloVastaussanoma xmlns="${NS.answer}" xmlns:vtj="${NS.vtj}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" sanomatunnus="${t(content.product.toUpperCase())}" tietojenPoimintaaika="${extracted}" versio="1.0" xsi:schemaLocation="${NS.answer} ${t(content.product.toUpperCase())}.xsd">`,
      x('Asiakasinfo', x('InfoS', info), x('InfoR', info), x('InfoE', info)),
      `<Paluukoodi koodi="${content.returnCode}">${t(content.returnText)}</Paluukoodi>`,
      x(
        'Hakuperusteet',
        `<Henkilotunnus hakuperustePaluukoodi="${found ? '1' : '0'}" hakuperusteTekstiE="${found ? 'Found' : 'Not found'}" hakuperusteTekstiR="${found ? 'Hittades' : 'Hittades inte'}" hakuperusteTekstiS="${found ? 'Löytyi' : 'Ei löytynyt'}">${t(content.hetu)}</Henkilotunnus>`,
      ),
      content.henkiloXml,
      '</VTJHenkiloVastaussanoma>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<s:Envelope xmlns:s="${NS.soap}" xmlns:xrd="${NS.xroad}" xmlns:id="${NS.id}">`,
    `<s:Header>${header}</s:Header>`,
    `<s:Body><HenkilonTunnusKyselyResponse xmlns="${NS.query}">${echo.requestXml}${response}</HenkilonTunnusKyselyResponse></s:Body>`,
    '</s:Envelope>',
  ].join('');
}

/** A SOAP 1.1 fault as the X-Road security server sends it (codes from X-Road's ErrorCodes, e.g. Client.InvalidSoap). */
export function soapFault(code: string, message: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${NS.soap}"><SOAP-ENV:Body><SOAP-ENV:Fault>`,
    x('faultcode', t(code)),
    x('faultstring', t(message)),
    x('faultactor'),
    '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>',
  ].join('');
}
