import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applicationDeepLink,
  mapLupapisteApplication,
  mapLupapisteApplications,
  unifiedStatus,
} from '../src/connectors/lupapiste/lupapiste.mapper.js';
import type { LupapisteApplicationRow } from '../src/connectors/lupapiste/lupapiste.schemas.js';

const PUBLIC_URL = 'https://www.lupapiste.fi';
const t0 = Date.UTC(2026, 0, 10, 8, 0);
const day = 86_400_000;

function row(overrides: Partial<LupapisteApplicationRow> = {}): LupapisteApplicationRow {
  return {
    id: 'LP-535-2026-00012',
    address: 'Haapaniementie 14',
    municipality: '535',
    primaryOperation: 'pientalo',
    state: 'complementNeeded',
    submitted: t0 + day,
    modified: t0 + 30 * day,
    verdictDate: null,
    infoRequest: false,
    history: [
      {
        state: 'complementNeeded',
        ts: t0 + 30 * day,
        user: { firstName: 'Kari', lastName: 'Hautala', role: 'authority' },
      },
      { state: 'draft', ts: t0 },
      { state: 'submitted', ts: t0 + day },
      { state: 'sent', ts: t0 + 5 * day },
    ],
    ...overrides,
  };
}

describe('Lupapiste mapper', () => {
  test('a permit needing a complement becomes an action-required case with a deep link to complete it', () => {
    const mapped = mapLupapisteApplication(row(), { publicUrl: PUBLIC_URL });
    assert.equal(mapped.id, 'lupapiste:LP-535-2026-00012');
    assert.equal(mapped.source, 'lupapiste');
    assert.equal(mapped.type, 'building_permit');
    assert.equal(mapped.status, 'action_required');
    assert.equal(mapped.sourceStatus, 'complementNeeded');
    assert.deepEqual(mapped.subject, { kind: 'self' });
    assert.deepEqual(mapped.actions, [
      {
        label: { fi: 'Täydennä hakemusta', sv: 'Komplettera ansökan', en: 'Complete the application' },
        href: 'https://www.lupapiste.fi/app/fi/applicant#!/application/LP-535-2026-00012',
      },
    ]);
    assert.match(mapped.nextStep?.fi ?? '', /puuttuvat asiakirjat/);
    assert.match(mapped.nextStep?.en ?? '', /missing documents/);
  });

  test('the title names the operation and the address in every language', () => {
    const { title } = mapLupapisteApplication(row(), { publicUrl: PUBLIC_URL });
    assert.deepEqual(title, {
      fi: 'Asuinpientalon rakentaminen, Haapaniementie 14',
      sv: 'Uppförande av småhus, Haapaniementie 14',
      en: 'Building a detached house, Haapaniementie 14',
    });
  });

  test('an unknown operation gets a generic building-permit title; an empty address is left out', () => {
    const { title } = mapLupapisteApplication(row({ primaryOperation: 'mainoslaite', address: ' ' }), {
      publicUrl: PUBLIC_URL,
    });
    assert.deepEqual(title, { fi: 'Rakennuslupa', sv: 'Bygglov', en: 'Building permit' });
  });

  test('the timeline follows the history in time order, with unified statuses and localized labels', () => {
    const { timeline } = mapLupapisteApplication(row(), { publicUrl: PUBLIC_URL });
    assert.deepEqual(
      timeline.map((e) => [e.at, e.status, e.label.fi]),
      [
        [new Date(t0).toISOString(), 'draft', 'Luonnos'],
        [new Date(t0 + day).toISOString(), 'submitted', 'Jätetty'],
        [new Date(t0 + 5 * day).toISOString(), 'in_progress', 'Käsittelyssä'],
        [new Date(t0 + 30 * day).toISOString(), 'action_required', 'Täydennettävä'],
      ],
    );
    assert.equal(timeline[1]?.label.sv, 'Inlämnad');
    assert.equal(timeline[1]?.label.en, 'Submitted');
  });

  test('updatedAt is the ISO time of the last modification', () => {
    assert.equal(
      mapLupapisteApplication(row(), { publicUrl: PUBLIC_URL }).updatedAt,
      new Date(t0 + 30 * day).toISOString(),
    );
  });

  test('every Lupapiste state maps to the documented unified status', () => {
    const expected: Record<string, string> = {
      draft: 'draft',
      open: 'draft',
      submitted: 'submitted',
      sent: 'in_progress',
      complementNeeded: 'action_required',
      verdictGiven: 'decided',
      constructionStarted: 'in_progress',
      inUse: 'in_progress',
      onHold: 'in_progress',
      appealed: 'in_progress',
      closed: 'closed',
      extinct: 'closed',
      finished: 'closed',
      canceled: 'cancelled',
      someFutureState: 'in_progress',
    };
    for (const [state, status] of Object.entries(expected)) assert.equal(unifiedStatus(state), status, state);
  });

  test('a verdict asks for the start notice and offers no complement link', () => {
    const mapped = mapLupapisteApplication(row({ state: 'verdictGiven', verdictDate: t0 + 40 * day }), {
      publicUrl: PUBLIC_URL,
    });
    assert.equal(mapped.status, 'decided');
    assert.match(mapped.nextStep?.fi ?? '', /aloitusilmoitus/);
    assert.match(mapped.nextStep?.en ?? '', /start notice/);
    assert.deepEqual(mapped.actions, []);
  });

  test('finished and cancelled cases have no next step', () => {
    for (const state of ['closed', 'extinct', 'canceled']) {
      assert.equal(mapLupapisteApplication(row({ state }), { publicUrl: PUBLIC_URL }).nextStep, null, state);
    }
  });

  test('the raw state is kept and shown in the label even when we do not know it', () => {
    const mapped = mapLupapisteApplication(
      row({ state: 'someFutureState', history: [{ state: 'someFutureState', ts: t0 }] }),
      {
        publicUrl: PUBLIC_URL,
      },
    );
    assert.equal(mapped.sourceStatus, 'someFutureState');
    assert.deepEqual(mapped.timeline[0]?.label, {
      fi: 'someFutureState',
      sv: 'someFutureState',
      en: 'someFutureState',
    });
  });

  test('deep links work with or without a trailing slash in the public URL', () => {
    assert.equal(
      applicationDeepLink('https://lupapiste.example/', 'LP-535-2026-00001'),
      'https://lupapiste.example/app/fi/applicant#!/application/LP-535-2026-00001',
    );
  });

  test('lists leave out information requests and put the most recently changed first', () => {
    const cases = mapLupapisteApplications(
      [
        row({ id: 'LP-535-2026-00001', modified: t0 }),
        row({ id: 'LP-535-2026-00002', modified: t0 + 2 * day }),
        row({ id: 'LP-535-2026-00003', modified: t0 + 3 * day, infoRequest: true }),
      ],
      { publicUrl: PUBLIC_URL },
    );
    assert.deepEqual(
      cases.map((c) => c.id),
      ['lupapiste:LP-535-2026-00002', 'lupapiste:LP-535-2026-00001'],
    );
  });

  test('markup in back-end text stays plain text in the model (the widget renders it inertly)', () => {
    const mapped = mapLupapisteApplication(row({ address: '<img src=x onerror=alert(1)>' }), { publicUrl: PUBLIC_URL });
    assert.equal(mapped.title.fi, 'Asuinpientalon rakentaminen, <img src=x onerror=alert(1)>');
  });
});
