import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ALL_LUPAPISTE_STATES, LUPAPISTE_STATE_GRAPHS } from '../emulators/lupapiste/states.js';
import {
  applicationDeepLink,
  mapLupapisteApplications,
  type LupapisteMapperOptions,
} from '../src/connectors/lupapiste/lupapiste.mapper.js';
import { lupapisteSearchEnvelopeCheck, validateRow } from '../src/connectors/lupapiste/lupapiste.schemas.js';
import { isLupapisteState, stateLabel, unifiedStatus } from '../src/connectors/lupapiste/lupapiste.states.js';
import type { Case } from '../src/schemas/case.js';

const PUBLIC_URL = 'https://www.lupapiste.fi';
const NIVALA: LupapisteMapperOptions = {
  publicUrl: PUBLIC_URL,
  controller: { municipalityCode: '535', organizations: ['535-R'] },
};
const HAAPAVESI: LupapisteMapperOptions = {
  publicUrl: PUBLIC_URL,
  controller: { municipalityCode: '071', organizations: ['071-R'] },
};

type Row = Record<string, unknown>;
function fixture<T = { ok: true; data: { applications: Row[]; userTotalCount: number } }>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/lupapiste/${name}`, import.meta.url), 'utf8')) as T;
}
const realRows = () => structuredClone(fixture('applications-search.json').data.applications);
const rowById = (id: string) => realRows().find((r) => r.id === id)!;
const byId = (cases: Case[], id: string) => cases.find((c) => c.id === `lupapiste:${id}`)!;
const helsinki = (iso: string) => new Date(iso).toISOString();
const allText = (c: Case) => JSON.stringify([c.title, c.nextStep, c.actions, c.timeline]);

describe('Lupapiste: the real applications-search answer (fixtures)', () => {
  test('passes the envelope check, and every row validates on its own', () => {
    const answer = fixture('applications-search.json');
    assert.ok(lupapisteSearchEnvelopeCheck.Check(answer));
    for (const row of answer.data.applications) assert.ok('row' in validateRow(row), String(row.id));
    assert.ok(lupapisteSearchEnvelopeCheck.Check(fixture('failure-unauthorized.json')));
  });

  test('on Nivala’s pages: Nivala’s four applications, newest first; the Haapavesi row is not shown', () => {
    const { cases, skipped } = mapLupapisteApplications(realRows(), NIVALA);
    assert.deepEqual(skipped, []);
    assert.deepEqual(
      cases.map((c) => c.id),
      ['LP-535-2026-00012', 'LP-535-2026-00027', 'LP-535-2026-00031', 'LP-535-2025-00005'].map(
        (id) => `lupapiste:${id}`,
      ),
    );
    assert.ok(cases.every((c) => c.source === 'lupapiste' && c.type === 'building_permit'));
    assert.ok(cases.every((c) => c.subject.kind === 'self'));
  });

  test('a permit that needs a complement: action required, labelled timeline in order, a link to complete it', () => {
    const c = byId(mapLupapisteApplications(realRows(), NIVALA).cases, 'LP-535-2026-00012');
    assert.deepEqual(c.title, {
      fi: 'Asuinpientalon rakentaminen, Haapaniementie 14',
      sv: 'Byggande av småhus, Haapaniementie 14',
      en: 'Construction of a detached house, Haapaniementie 14',
    });
    assert.equal(c.status, 'action_required');
    assert.equal(c.sourceStatus, 'complementNeeded');
    // A search row has no history: submitted, then the current state at the last change.
    assert.deepEqual(
      c.timeline.map((e) => [e.at, e.status, e.label.fi, e.label.sv, e.label.en]),
      [
        [
          helsinki('2026-01-30T20:15:00+02:00'),
          'submitted',
          'Hakemus jätetty',
          'Ansökan inlämnad',
          'Application submitted',
        ],
        [
          helsinki('2026-03-02T13:05:00+02:00'),
          'action_required',
          'Täydennettävänä',
          'Bör kompletteras',
          'Being completed',
        ],
      ],
    );
    assert.match(c.nextStep!.fi, /täydennyksiä/);
    assert.match(c.nextStep!.sv, /kompletteringar/);
    assert.match(c.nextStep!.en, /additions/);
    assert.deepEqual(c.actions, [
      {
        label: { fi: 'Täydennä hakemusta', sv: 'Komplettera ansökan', en: 'Complete the application' },
        href: 'https://www.lupapiste.fi/app/fi/applicant#!/application/LP-535-2026-00012',
      },
    ]);
    assert.equal(c.updatedAt, helsinki('2026-03-02T13:05:00+02:00'));
  });

  test('a demolition with a verdict: "decision made" and a link to the decision; nothing about inspections', () => {
    const c = byId(mapLupapisteApplications(realRows(), NIVALA).cases, 'LP-535-2025-00005');
    assert.equal(c.status, 'decided');
    assert.equal(c.title.fi, 'Purkamislupa (rakennuksen purkaminen), Kalliontie 3');
    assert.deepEqual(c.timeline.at(-1)?.label, { fi: 'Päätös annettu', sv: 'Beslut meddelat', en: 'Decision made' });
    assert.deepEqual(
      c.timeline.map((e) => e.status),
      ['submitted', 'decided'],
    );
    assert.match(c.nextStep!.fi, /Päätös on annettu/);
    assert.match(c.nextStep!.en, /A decision has been made/);
    assert.deepEqual(c.actions, [
      {
        label: { fi: 'Avaa päätös', sv: 'Öppna beslutet', en: 'Open the decision' },
        href: 'https://www.lupapiste.fi/app/fi/applicant#!/application/LP-535-2025-00005/verdict',
      },
    ]);
    assert.doesNotMatch(allText(c), /katselmu|syn(er)?\b|inspection|aloitusilmoitus|start notice/i);
    assert.doesNotMatch(allText(c), /myönnetty|beviljat|granted|Permit issued/i);
  });

  test('a house with a verdict (Juha, on Haapavesi’s pages): decided; start notice and inspections only if granted', () => {
    const { cases } = mapLupapisteApplications(realRows(), HAAPAVESI);
    assert.deepEqual(
      cases.map((c) => c.id),
      ['lupapiste:LP-071-2025-00019'],
    );
    const [c] = cases;
    assert.equal(c!.status, 'decided');
    assert.equal(c!.title.sv, 'Byggande av småhus, Vatjusjärventie 12');
    assert.deepEqual(
      c!.timeline.map((e) => [e.at, e.label.en]),
      [
        [helsinki('2025-12-08T19:30:00+02:00'), 'Application submitted'],
        [helsinki('2026-02-27T11:20:00+02:00'), 'Decision made'],
      ],
    );
    assert.match(c!.nextStep!.fi, /^Päätös on annettu\..*Jos lupa myönnettiin, tee aloitusilmoitus/);
    assert.match(c!.nextStep!.en, /If the permit was granted, submit the start notice/);
    assert.equal(
      c!.actions[0]?.href,
      'https://www.lupapiste.fi/app/fi/applicant#!/application/LP-071-2025-00019/verdict',
    );
  });

  test('a foreman’s application with its verdict and a draft without a location are shown truthfully', () => {
    const { cases } = mapLupapisteApplications(realRows(), NIVALA);
    const foreman = byId(cases, 'LP-535-2026-00031');
    assert.equal(foreman.title.fi, 'Työnjohtajan nimeäminen, Haapaniementie 14');
    assert.equal(foreman.status, 'decided');
    assert.equal(foreman.timeline.at(-1)?.label.fi, 'Päätös annettu');
    const draft = byId(cases, 'LP-535-2026-00027');
    assert.equal(draft.status, 'draft');
    assert.deepEqual(
      draft.timeline.map((e) => e.label.fi),
      ['Luonnos'],
    );
    assert.match(draft.nextStep!.fi, /jätä se käsiteltäväksi/);
    assert.equal(draft.actions[0]?.label.en, 'Open the application');
  });

  test('when an answer carries a history, its state changes are the timeline; the handler entry is not a step', () => {
    const { history } = fixture<{ history: Row[] }>('application-history.json');
    const row = { ...rowById('LP-535-2026-00012'), history };
    const c = byId(mapLupapisteApplications([row], NIVALA).cases, 'LP-535-2026-00012');
    assert.deepEqual(
      c.timeline.map((e) => [e.status, e.label.fi]),
      [
        ['draft', 'Luonnos'],
        ['submitted', 'Hakemus jätetty'],
        ['in_progress', 'Käsittelyssä'],
        ['action_required', 'Täydennettävänä'],
      ],
    );
  });

  test('one malformed row among good ones: the good rows are shown and each bad one is named by a fixed reason', () => {
    const answer = fixture('applications-search-malformed-row.json');
    assert.ok(lupapisteSearchEnvelopeCheck.Check(answer), 'the envelope itself is fine');
    const { cases, skipped } = mapLupapisteApplications(answer.data.applications, NIVALA);
    assert.deepEqual(
      cases.map((c) => c.id),
      ['lupapiste:LP-535-2026-00012', 'lupapiste:LP-535-2025-00005'],
    );
    assert.deepEqual(skipped, [{ reason: 'bad_field' }, { reason: 'unknown_state' }]);
  });

  test('rows are skipped for a missing field or a bad date, never with a value from the row', () => {
    const good = rowById('LP-535-2026-00012');
    const { modified: _m, ...noModified } = good;
    const rows = [noModified, { ...good, submitted: 'yesterday' }, 'not a row', null];
    const { cases, skipped } = mapLupapisteApplications(rows, NIVALA);
    assert.deepEqual(cases, []);
    assert.deepEqual(
      skipped.map((s) => s.reason),
      ['missing_field', 'bad_date', 'not_an_object', 'not_an_object'],
    );
  });

  test('tenancy: another organization of the same municipality, or an information request, is not shown', () => {
    const good = rowById('LP-535-2026-00012');
    const rows = [
      { ...good, id: 'LP-535-2026-00101', organization: '535-YA' },
      { ...good, id: 'LP-535-2026-00102', infoRequest: true, state: 'info' },
      // A broken row of another municipality is not ours to count either.
      { ...good, id: 'LP-071-2026-00103', municipality: '071', organization: '071-R', modified: 'never' },
    ];
    assert.deepEqual(mapLupapisteApplications(rows, NIVALA), { cases: [], skipped: [] });
  });

  test('deep links work with or without a trailing slash in the public URL', () => {
    assert.equal(
      applicationDeepLink('https://lupapiste.example/', 'LP-535-2026-00001'),
      'https://lupapiste.example/app/fi/applicant#!/application/LP-535-2026-00001',
    );
  });
});

describe('Lupapiste: every state of every graph in states.cljc', () => {
  test('is known, labelled in fi, sv and en (never its raw id), and has a unified status', () => {
    assert.equal(ALL_LUPAPISTE_STATES.length, 27);
    for (const [graph, states] of Object.entries(LUPAPISTE_STATE_GRAPHS)) {
      for (const state of Object.keys(states)) {
        assert.ok(isLupapisteState(state), `${graph}: ${state}`);
        const label = stateLabel(state);
        for (const lang of ['fi', 'sv', 'en'] as const) {
          assert.ok(label[lang].length > 0 && label[lang] !== state, `${graph}: ${state} ${lang}`);
        }
      }
    }
  });

  test('is grouped as Lupapiste’s applicant view groups it; a verdict is decided, never granted', () => {
    const expected: Record<string, string[]> = {
      draft: ['draft', 'open'],
      submitted: ['submitted', 'info'],
      in_progress: [
        'sent',
        'constructionStarted',
        'inUse',
        'onHold',
        'hearing',
        'proposal',
        'proposalApproved',
        'underReview',
      ],
      action_required: ['complementNeeded', 'agreementPrepared'],
      decided: ['verdictGiven', 'foremanVerdictGiven', 'acknowledged', 'appealed'],
      closed: ['closed', 'ready', 'finished', 'extinct', 'agreementSigned', 'final', 'archived', 'answered'],
      cancelled: ['canceled'],
    };
    const covered = Object.values(expected).flat().sort();
    assert.deepEqual(covered, [...ALL_LUPAPISTE_STATES].sort(), 'the table covers every state once');
    for (const [status, states] of Object.entries(expected)) {
      for (const state of states) assert.equal(unifiedStatus(state as never), status, state);
    }
    for (const state of ['verdictGiven', 'foremanVerdictGiven'] as const) {
      assert.deepEqual(stateLabel(state), { fi: 'Päätös annettu', sv: 'Beslut meddelat', en: 'Decision made' });
    }
  });
});
