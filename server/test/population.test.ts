/**
 * Population data through VTJ's query interface: the recorded answers of test/fixtures/population/ (SOURCE.md)
 * through the parser and its schema, the pure mapper and the HTTP connector (SOAP over X-Road), and the emulator
 * checked against the same answers' shape.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { buildEmulatorApp } from '../emulators/app.js';
import { DEV_VTJ_PASSWORD, DEV_VTJ_USERNAME } from '../emulators/population/index.js';
import { SourceUnavailableError, type ConnectorContext } from '../src/connectors/contract.js';
import { OutboundHttp } from '../src/connectors/outbound-http.js';
import type { PopulationSourceConfig } from '../src/connectors/population/config.js';
import { PopulationSource } from '../src/connectors/population/index.js';
import {
  mapPopulationAnswers,
  nonDisclosureInForce,
  VtjAnswerError,
  type PopulationAnswers,
} from '../src/connectors/population/population.mapper.js';
import { vtjAnswerCheck, type VtjAnswer } from '../src/connectors/population/population.schemas.js';
import {
  parseVtjAnswer,
  VTJ_PRODUCTS,
  VtjFormatError,
  vtjRequestEnvelope,
} from '../src/connectors/population/vtj.soap.js';
import { evaluateRules } from '../src/rules/evaluate.js';
import { loadRulePack } from '../src/rules/load-rule-pack.js';
import { applyOverrides } from '../src/rules/overrides.js';
import type { MunicipalityConfig } from '../src/tenants/municipality-config.js';
import { municipalityFacts } from './helpers/rule-facts.js';
import { DEFAULT_MUNICIPALITY_CONFIG_DIR, loadMunicipalities } from '../src/tenants/load-municipalities.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/population/${name}`, import.meta.url), 'utf8');
const FIXTURES = {
  maija: fixture('huoltaja-huollettavat.maija.xml'),
  matti: fixture('huoltaja-huollettavat.matti.xml'),
  eino: fixture('perussanoma3.eino.xml'),
  helmi: fixture('perussanoma3.helmi.xml'),
};
// The test citizens as fixed in the fixtures (citizens.ts on 2026-12-04).
const HETU = { maija: '151192-934D', matti: '040685-9256', eino: '261121A981P', helmi: '040424A9920' };
const TODAY = '2026-12-04';
const ref = (hetu: string) => `ref:${hetu.slice(0, 6)}`;

const config: PopulationSourceConfig = {
  baseUrl: 'http://127.0.0.1:1/population',
  xroad: {
    client: { xRoadInstance: 'FI-TEST', memberClass: 'MUN', memberCode: '0186757-0', subsystemCode: 'kunta-akkuna' },
    service: {
      xRoadInstance: 'FI-TEST',
      memberClass: 'GOV',
      memberCode: '0245437-2',
      subsystemCode: 'VTJkysely',
      serviceCode: 'HenkilonTunnusKysely',
      serviceVersion: 'v1',
    },
    userId: 'kunta-akkuna',
  },
  username: DEV_VTJ_USERNAME,
  password: DEV_VTJ_PASSWORD,
};

function maijaAnswers(children: Partial<Record<'eino' | 'helmi', string | null>> = {}): PopulationAnswers {
  const own = { eino: FIXTURES.eino, helmi: FIXTURES.helmi, ...children };
  return {
    identityCode: HETU.maija,
    guardian: parseVtjAnswer(FIXTURES.maija),
    children: new Map([
      [HETU.eino, own.eino === null ? null : parseVtjAnswer(own.eino)],
      [HETU.helmi, own.helmi === null ? null : parseVtjAnswer(own.helmi)],
    ]),
    today: TODAY,
  };
}

/** Eino's own answer with its `Turvakielto` element replaced. */
const einoWith = (turvakielto: string) => FIXTURES.eino.replace(/<Turvakielto>[\s\S]*?<\/Turvakielto>/, turvakielto);
const einoFacts = (own: string | null) =>
  mapPopulationAnswers(maijaAnswers({ eino: own }), ref).children.find((c) => c.givenName === 'Eino');

describe('VTJ answers: the recorded shapes through the parser and its schema', () => {
  test('the guardian answer has the person and the children, but no birth dates and no child non-disclosure', () => {
    const answer = parseVtjAnswer(FIXTURES.maija);
    assert.ok(vtjAnswerCheck.Check(answer));
    assert.equal(answer.fault, null);
    assert.equal(answer.returnCode, '0000');
    assert.equal(answer.person?.henkilotunnus, HETU.maija);
    assert.deepEqual(answer.person?.kotikunta, { kuntanumero: '535', kuntasuhdeAlkupvm: '20180208' });
    assert.deepEqual(answer.person?.turvakielto, { turvakieltoTieto: '', turvakieltoPaattymispvm: '' });
    assert.deepEqual(answer.person?.huollettavat, [
      { henkilotunnus: HETU.eino, syntymaaika: '', etunimet: 'Eino' },
      { henkilotunnus: HETU.helmi, syntymaaika: '', etunimet: 'Helmi' },
    ]);
    assert.ok(!/<Huollettava>(?:(?!<\/Huollettava>)[\s\S])*Turvakielto/.test(FIXTURES.maija));
  });

  test('empty stays empty and missing stays missing: an empty municipality is "", a child answer has no children', () => {
    const matti = parseVtjAnswer(FIXTURES.matti);
    assert.deepEqual(matti.person?.kotikunta, { kuntanumero: '', kuntasuhdeAlkupvm: '' });
    const helmi = parseVtjAnswer(FIXTURES.helmi);
    assert.deepEqual(helmi.person?.turvakielto, { turvakieltoTieto: '1', turvakieltoPaattymispvm: '20290404' });
    assert.equal(helmi.person?.kuollut, '');
    const noFlag = parseVtjAnswer(einoWith('<Turvakielto><TurvakieltoPaattymispvm/></Turvakielto>'));
    assert.deepEqual(noFlag.person?.turvakielto, { turvakieltoTieto: null, turvakieltoPaattymispvm: '' });
    assert.equal(parseVtjAnswer(einoWith('')).person?.turvakielto, null);
  });

  test('a SOAP fault, a not-found answer and broken XML are told apart', () => {
    const fault = parseVtjAnswer(
      '<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>Server.ServerProxy.AccessDenied</faultcode><faultstring>Request is not allowed: SERVICE:FI-TEST/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>',
    );
    assert.deepEqual(fault, { fault: { code: 'Server.ServerProxy.AccessDenied' }, returnCode: null, person: null });
    const notFound = parseVtjAnswer(
      FIXTURES.eino
        .replace(
          '<Paluukoodi koodi="0000">Haku onnistui</Paluukoodi>',
          '<Paluukoodi koodi="0001">Hakuperusteella ei loydy tietoja vtj:sta.</Paluukoodi>',
        )
        .replace(/<Henkilo>[\s\S]*<\/Henkilo>/, ''),
    );
    assert.equal(notFound.returnCode, '0001');
    assert.equal(notFound.person, null);
    assert.throws(() => parseVtjAnswer(FIXTURES.eino.slice(0, 2000)), VtjFormatError);
    assert.throws(
      () => parseVtjAnswer('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
      VtjFormatError,
    );
    assert.throws(() => parseVtjAnswer('{"henkilo":{}}'), VtjFormatError);
  });
});

describe('population mapper: VTJ answers → LifeSituationFacts', () => {
  test("Maija: birth dates from identity codes, Nivala since 2018, Helmi hidden by her own record's non-disclosure", () => {
    const facts = mapPopulationAnswers(maijaAnswers(), ref);
    assert.deepEqual(facts, {
      birthDate: '1992-11-15',
      homeMunicipalityCode: '535',
      movedInAt: '2018-02-08',
      nonDisclosure: false,
      children: [
        { ref: ref(HETU.eino), givenName: 'Eino', birthDate: '2021-11-26', restricted: false },
        { ref: ref(HETU.helmi), givenName: 'Helmi', birthDate: '2024-04-04', restricted: true },
      ],
    });
    const text = JSON.stringify(facts);
    for (const hetu of Object.values(HETU)) assert.ok(!text.includes(hetu));
  });

  test('an empty municipality code is unknown, and no move-in date is inferred from it', () => {
    const facts = mapPopulationAnswers(
      { identityCode: HETU.matti, guardian: parseVtjAnswer(FIXTURES.matti), children: new Map(), today: TODAY },
      ref,
    );
    assert.equal(facts.homeMunicipalityCode, null);
    assert.equal(facts.movedInAt, null);
    assert.equal(facts.birthDate, '1985-06-04');
    assert.deepEqual(facts.children, []);
  });

  test('with the municipality unknown, no rule takes the citizen for a resident or a newcomer', () => {
    const rules = applyOverrides(loadRulePack().rules, undefined);
    const kalajoki = municipalityFacts('kalajoki');
    const unknown = mapPopulationAnswers(
      { identityCode: HETU.matti, guardian: parseVtjAnswer(FIXTURES.matti), children: new Map(), today: TODAY },
      ref,
    );
    const known = { ...unknown, homeMunicipalityCode: '208', movedInAt: '2026-11-21' };
    const newcomer = (person: typeof unknown) =>
      evaluateRules({ municipality: kalajoki, person, cases: null }, rules, new Date('2026-12-04T10:00:00Z'))
        .map((m) => m.rule.id)
        .filter((id) => id.startsWith('newcomer-'));
    assert.ok(newcomer(known).length > 0, 'the same citizen with a known move-in date is a newcomer');
    assert.deepEqual(newcomer(unknown), []);
  });

  test('a restricted child stays hidden although the guardian answer carries no flag for it, or an empty one', () => {
    const emptyFlag = FIXTURES.maija.replace(
      `<Henkilotunnus>${HETU.helmi}</Henkilotunnus>`,
      `<Henkilotunnus>${HETU.helmi}</Henkilotunnus><Turvakielto><TurvakieltoTieto/></Turvakielto>`,
    );
    for (const guardian of [FIXTURES.maija, emptyFlag]) {
      const facts = mapPopulationAnswers({ ...maijaAnswers(), guardian: parseVtjAnswer(guardian) }, ref);
      assert.equal(facts.children.find((c) => c.givenName === 'Helmi')?.restricted, true);
    }
  });

  test('a restricted child stays hidden when its own flag is missing, empty beside a running end date, or unknown', () => {
    const cases: Array<[string, string | null]> = [
      ['no Turvakielto at all', einoWith('')],
      ['no TurvakieltoTieto', einoWith('<Turvakielto><TurvakieltoPaattymispvm/></Turvakielto>')],
      [
        'empty flag, end date still to come',
        einoWith(
          '<Turvakielto><TurvakieltoTieto/><TurvakieltoPaattymispvm>20270101</TurvakieltoPaattymispvm></Turvakielto>',
        ),
      ],
      [
        'empty flag, end date today',
        einoWith(
          '<Turvakielto><TurvakieltoTieto/><TurvakieltoPaattymispvm>20261204</TurvakieltoPaattymispvm></Turvakielto>',
        ),
      ],
      [
        'empty flag, unreadable end date',
        einoWith(
          '<Turvakielto><TurvakieltoTieto/><TurvakieltoPaattymispvm>2027</TurvakieltoPaattymispvm></Turvakielto>',
        ),
      ],
      [
        'unknown flag 2',
        einoWith('<Turvakielto><TurvakieltoTieto>2</TurvakieltoTieto><TurvakieltoPaattymispvm/></Turvakielto>'),
      ],
      [
        'unknown flag K',
        einoWith('<Turvakielto><TurvakieltoTieto>K</TurvakieltoTieto><TurvakieltoPaattymispvm/></Turvakielto>'),
      ],
      [
        'flag holding elements',
        einoWith('<Turvakielto><TurvakieltoTieto><x/></TurvakieltoTieto><TurvakieltoPaattymispvm/></Turvakielto>'),
      ],
      [
        'flag 1',
        einoWith('<Turvakielto><TurvakieltoTieto>1</TurvakieltoTieto><TurvakieltoPaattymispvm/></Turvakielto>'),
      ],
      ["the child's own answer could not be read", null],
      [
        'the answer is about someone else',
        FIXTURES.helmi
          .replaceAll(HETU.helmi, '010594Y9032')
          .replace('<TurvakieltoTieto>1</TurvakieltoTieto>', '<TurvakieltoTieto/>')
          .replace('<TurvakieltoPaattymispvm>20290404</TurvakieltoPaattymispvm>', '<TurvakieltoPaattymispvm/>'),
      ],
      [
        'nothing found (0001)',
        FIXTURES.eino.replace('koodi="0000"', 'koodi="0001"').replace(/<Henkilo>[\s\S]*<\/Henkilo>/, ''),
      ],
      ['data not to be disclosed (0019)', FIXTURES.eino.replace('koodi="0000"', 'koodi="0019"')],
      ['no Kuolintiedot', FIXTURES.eino.replace(/<Kuolintiedot>[\s\S]*?<\/Kuolintiedot>/, '')],
    ];
    for (const [name, own] of cases) {
      const eino = einoFacts(own);
      assert.equal(eino?.restricted, true, name);
      assert.equal(eino?.birthDate, '2021-11-26', name);
    }
  });

  test('a child that neither answer names is not shown', () => {
    const guardian = parseVtjAnswer(FIXTURES.maija.replace('<Etunimet>Eino</Etunimet>', '<Etunimet><x/></Etunimet>'));
    const own = FIXTURES.eino.replace('<Etunimet>Eino</Etunimet>', '<Etunimet/>');
    const facts = mapPopulationAnswers({ ...maijaAnswers({ eino: own }), guardian }, ref);
    assert.deepEqual(
      facts.children.map((c) => [c.givenName, c.restricted]),
      [
        ['', true],
        ['Helmi', true],
      ],
    );
  });

  test('"" and "0" mean "not in force" (VTJ KieltoTietoTyyppi), also beside an end date that has passed', () => {
    assert.equal(einoFacts(FIXTURES.eino)?.restricted, false);
    const zero = einoWith(
      '<Turvakielto><TurvakieltoTieto>0</TurvakieltoTieto><TurvakieltoPaattymispvm/></Turvakielto>',
    );
    assert.equal(einoFacts(zero)?.restricted, false);
    const ended = einoWith(
      '<Turvakielto><TurvakieltoTieto/><TurvakieltoPaattymispvm>20261203</TurvakieltoPaattymispvm></Turvakielto>',
    );
    assert.equal(einoFacts(ended)?.restricted, false);
    assert.equal(nonDisclosureInForce(null, TODAY), true, "the citizen's own missing flag counts as in force too");
  });

  test('a child whose own record says deceased is left out; a date in the answer wins over the identity code', () => {
    const deceased = FIXTURES.eino.replace('<Kuollut/>', '<Kuollut>1</Kuollut>');
    const facts = mapPopulationAnswers(maijaAnswers({ eino: deceased }), ref);
    assert.deepEqual(
      facts.children.map((c) => c.givenName),
      ['Helmi'],
    );
    const dated = parseVtjAnswer(FIXTURES.maija.replace('<Syntymaaika/>', '<Syntymaaika>20211127</Syntymaaika>'));
    const withDate = mapPopulationAnswers({ ...maijaAnswers(), guardian: dated }, ref);
    assert.equal(withDate.children[0]?.birthDate, '2021-11-27');
  });

  test('an answer about anyone but the citizen, or no answer, is never used', () => {
    const other = { ...maijaAnswers(), identityCode: HETU.matti };
    assert.throws(() => mapPopulationAnswers(other, ref), VtjAnswerError);
    const empty: VtjAnswer = { fault: null, returnCode: '0001', person: null };
    assert.throws(() => mapPopulationAnswers({ ...maijaAnswers(), guardian: empty }, ref), /return_code_0001/);
  });
});

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const xml = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false });

describe('population connector over HTTP (SOAP over X-Road)', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let answerFor: (product: string, hetu: string) => { status: number; body: string } = () => ({
    status: 404,
    body: '',
  });

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', headers: req.headers, body });
        const request = xml.parse(body).Envelope.Body.HenkilonTunnusKysely.request;
        const answer = answerFor(request.SoSoNimi, request.Henkilotunnus);
        res.writeHead(answer.status, { 'content-type': 'text/xml; charset=utf-8' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xroad`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const recorded = (product: string, hetu: string) => {
    const byHetu: Record<string, string> = {
      [HETU.maija]: FIXTURES.maija,
      [HETU.eino]: FIXTURES.eino,
      [HETU.helmi]: FIXTURES.helmi,
    };
    const body = byHetu[hetu];
    const expected = hetu === HETU.maija ? VTJ_PRODUCTS.guardian : VTJ_PRODUCTS.person;
    return body && product === expected ? { status: 200, body } : { status: 500, body: '' };
  };

  function source(): PopulationSource {
    const context: ConnectorContext = { childRef: ref, http: (id, options) => new OutboundHttp(id, options) };
    return new PopulationSource(
      { id: 'nivala' } as MunicipalityConfig,
      { ...config, baseUrl },
      context,
      () => new Date('2026-12-04T10:00:00Z'),
    );
  }
  const read = (s: PopulationSource) =>
    s.fetchFacts({
      identityCode: HETU.maija,
      subjectPseudonym: 'pseudo-maija',
      signal: new AbortController().signal,
      deadline: performance.now() + 5_000,
    });

  test('one guardian query and one query per child, each an X-Road message with headers from configuration', async () => {
    seen.length = 0;
    answerFor = recorded;
    const facts = await read(source());
    assert.deepEqual(
      facts.children.map((c) => [c.givenName, c.birthDate, c.restricted]),
      [
        ['Eino', '2021-11-26', false],
        ['Helmi', '2024-04-04', true],
      ],
    );
    assert.equal(facts.homeMunicipalityCode, '535');
    assert.equal(seen.length, 3);
    const ids = new Set<string>();
    for (const request of seen) {
      assert.equal(request.url, '/xroad/', 'the identity code is never in the URL');
      assert.match(String(request.headers['content-type']), /^text\/xml/);
      assert.equal(request.headers.soapaction, '""');
      const envelope = xml.parse(request.body).Envelope;
      const header = envelope.Header;
      assert.deepEqual(
        { ...header.client, '@_xmlns:id': undefined },
        {
          '@_objectType': 'SUBSYSTEM',
          xRoadInstance: 'FI-TEST',
          memberClass: 'MUN',
          memberCode: '0186757-0',
          subsystemCode: 'kunta-akkuna',
          '@_xmlns:id': undefined,
        },
      );
      assert.equal(header.service.serviceCode, 'HenkilonTunnusKysely');
      assert.equal(header.service.memberCode, '0245437-2');
      assert.equal(header.service.serviceVersion, 'v1');
      assert.equal(header.userId, 'kunta-akkuna');
      assert.equal(header.protocolVersion, '4.0');
      ids.add(header.id);
      const query = envelope.Body.HenkilonTunnusKysely.request;
      assert.equal(query.Kayttajatunnus, DEV_VTJ_USERNAME);
      assert.equal(query.Salasana, DEV_VTJ_PASSWORD);
      assert.equal(query.Loppukayttaja, 'kunta-akkuna: pseudo-maija');
    }
    assert.equal(ids.size, 3, 'every message has its own id');
    const products = seen.map((r) => xml.parse(r.body).Envelope.Body.HenkilonTunnusKysely.request.SoSoNimi);
    assert.deepEqual(products.sort(), ['Huoltaja-Huollettavat', 'Perussanoma 3', 'Perussanoma 3']);
  });

  test("a child's unreadable answer hides that child only; a fault or refused credentials fail the read", async () => {
    answerFor = (product, hetu) =>
      hetu === HETU.eino ? { status: 200, body: FIXTURES.eino.slice(0, 900) } : recorded(product, hetu);
    const facts = await read(source());
    assert.deepEqual(
      facts.children.map((c) => c.restricted),
      [true, true],
    );

    answerFor = (product, hetu) =>
      hetu === HETU.eino
        ? { status: 200, body: FIXTURES.eino.replace('koodi="0000"', 'koodi="0004"') }
        : recorded(product, hetu);
    await assert.rejects(
      read(source()),
      (error: unknown) => error instanceof SourceUnavailableError && /0004/.test(error.message),
    );

    answerFor = () => ({
      status: 500,
      body: '<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>Server.ServerProxy.AccessDenied</faultcode><faultstring>x</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>',
    });
    await assert.rejects(
      read(source()),
      (error: unknown) => error instanceof SourceUnavailableError && error.reason === 'http_status',
    );

    answerFor = (product, hetu) =>
      hetu === HETU.maija ? { status: 200, body: FIXTURES.helmi } : recorded(product, hetu);
    await assert.rejects(read(source()), /other_person/);
  });
});

/** Every element path of an answer (repetitions folded), with its attributes and whether it holds text. */
function shape(answer: string): Set<string> {
  const paths = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, path));
    if (typeof value !== 'object' || value === null) return void paths.add(`${path}:text`);
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key.startsWith('@_xmlns') || key === '?xml') continue;
      if (key === '#text') paths.add(`${path}:text`);
      else if (key.startsWith('@_')) paths.add(`${path}@${key.slice(2)}`);
      else walk(child, `${path}/${key}`);
    }
  };
  walk(xml.parse(answer), '');
  return paths;
}

/** The value types of DVV's schema for the fields the connector reads. */
function typesHold(answer: string): string[] {
  const wrong: string[] = [];
  const check = (name: string, pattern: RegExp) => {
    for (const match of answer.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>|<${name}/>`, 'g'))) {
      const value = (match[1] ?? '').trim();
      if (!pattern.test(value)) wrong.push(`${name}=${value}`);
    }
  };
  check('KuntasuhdeAlkupvm', /^(\d{8})?$/);
  check('Syntymaaika', /^(\d{8})?$/);
  check('TurvakieltoPaattymispvm', /^(\d{8})?$/);
  check('Kuntanumero', /^(\d{3})?$/);
  check('TurvakieltoTieto', /^(|0|1)$/);
  check('Kuollut', /^(|1)$/);
  check('Henkilotunnus', /^(\d{6}[-+ABCDEFYXWVU]\d{3}[0-9ABCDEFHJKLMNPRSTUVWXY])?$/);
  return wrong;
}

describe('population emulator contract: its answers have the shape of the recorded ones', () => {
  const emulator = buildEmulatorApp({ today: new Date('2026-12-04T10:00:00Z') });
  after(() => emulator.close());

  const ask = async (product: (typeof VTJ_PRODUCTS)[keyof typeof VTJ_PRODUCTS], identityCode: string, cfg = config) => {
    const response = await emulator.inject({
      method: 'POST',
      url: '/population',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      payload: vtjRequestEnvelope(cfg, { product, identityCode, messageId: 'm-1', endUser: 'pseudo' }),
    });
    return { status: response.statusCode, body: response.body };
  };

  test('the answers about the test citizens have the elements, attributes and value types of the fixtures', async () => {
    const pairs: Array<[string, string, string]> = [
      [VTJ_PRODUCTS.guardian, HETU.maija, FIXTURES.maija],
      [VTJ_PRODUCTS.guardian, HETU.matti, FIXTURES.matti],
      [VTJ_PRODUCTS.person, HETU.eino, FIXTURES.eino],
      [VTJ_PRODUCTS.person, HETU.helmi, FIXTURES.helmi],
    ];
    for (const [product, hetu, recordedAnswer] of pairs) {
      const answer = await ask(product as typeof VTJ_PRODUCTS.guardian, hetu);
      assert.equal(answer.status, 200);
      const [ours, theirs] = [shape(answer.body), shape(recordedAnswer)];
      assert.deepEqual(
        [...ours].filter((p) => !theirs.has(p)),
        [],
        `${product}: elements VTJ does not send`,
      );
      assert.deepEqual(
        [...theirs].filter((p) => !ours.has(p)),
        [],
        `${product}: elements VTJ sends and the emulator lacks`,
      );
      assert.deepEqual(typesHold(answer.body), []);
      assert.deepEqual(typesHold(recordedAnswer), []);
      assert.ok(vtjAnswerCheck.Check(parseVtjAnswer(answer.body)));
    }
  });

  test('like the security server and VTJ: headers, credentials, products and unknown people', async () => {
    const noClient = await emulator.inject({
      method: 'POST',
      url: '/population',
      headers: { 'content-type': 'text/xml' },
      payload: vtjRequestEnvelope(config, {
        product: VTJ_PRODUCTS.guardian,
        identityCode: HETU.maija,
        messageId: '',
        endUser: 'p',
      }),
    });
    assert.equal(noClient.statusCode, 500);
    assert.deepEqual(parseVtjAnswer(noClient.body).fault, { code: 'Client.MissingHeaderField' });

    const otherService = await ask(VTJ_PRODUCTS.guardian, HETU.maija, {
      ...config,
      xroad: { ...config.xroad, service: { ...config.xroad.service, serviceCode: 'Lupapiste' } },
    });
    assert.deepEqual(parseVtjAnswer(otherService.body).fault, { code: 'Server.ServerProxy.UnknownService' });

    const wrongUser = await ask(VTJ_PRODUCTS.guardian, HETU.maija, { ...config, username: 'someone' });
    assert.equal(parseVtjAnswer(wrongUser.body).returnCode, '0004');
    assert.ok(!wrongUser.body.includes('Maija'));

    const unknown = parseVtjAnswer((await ask(VTJ_PRODUCTS.guardian, '010594Y9032')).body);
    assert.deepEqual([unknown.returnCode, unknown.person], ['0001', null]);

    const echoed = (await ask(VTJ_PRODUCTS.person, HETU.eino)).body;
    assert.ok(!echoed.includes(DEV_VTJ_PASSWORD), 'the password is not echoed');
  });
});

describe('population source configuration', () => {
  test('every municipality configures VTJ over X-Road with its own business id as the X-Road member', () => {
    for (const municipality of loadMunicipalities({ env: {} })) {
      const population = municipality.sources.population;
      assert.ok(population, municipality.id);
      assert.equal(population.xroad.client.memberClass, 'MUN');
      assert.equal(population.xroad.client.memberCode, municipality.businessId, municipality.id);
      assert.equal(population.xroad.service.serviceCode, 'HenkilonTunnusKysely');
    }
  });

  test('a wrong X-Road identifier stops the start, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ka-population-'));
    try {
      const file = JSON.parse(readFileSync(join(DEFAULT_MUNICIPALITY_CONFIG_DIR, 'nivala.json'), 'utf8'));
      file.sources.population.xroad.client.memberCode = 'Nivala';
      writeFileSync(join(dir, 'nivala.json'), JSON.stringify(file));
      assert.throws(
        () => loadMunicipalities({ configDir: dir, env: {} }),
        /\/sources\/population\/xroad\/client\/memberCode/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
