import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulators, type StartedEmulators } from '../app.js';
import { testCitizens, type TestCitizen } from '../population/citizens.js';
import type { LupapisteApplication, LupapisteApplicationRow } from './data.js';
import { ALL_LUPAPISTE_STATES, isLegalTransition, isLupapisteState, LUPAPISTE_STATE_GRAPHS } from './states.js';

const KEY = 'dev-lupapiste-key-nivala';
const TODAY = new Date('2026-01-10T10:00:00+02:00');
const SEARCH = '/lupapiste/api/datatables/applications-search';

let emulators: StartedEmulators;
let citizens: TestCitizen[];

function citizen(key: string): TestCitizen {
  const found = citizens.find((c) => c.key === key);
  assert.ok(found);
  return found;
}

function search(
  personId: unknown,
  init: { key?: string | null; signal?: AbortSignal; skip?: number; limit?: number } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? KEY}`;
  return fetch(`${emulators.url}${SEARCH}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      personId,
      applicationType: 'all',
      sort: { field: 'modified', asc: false },
      skip: init.skip ?? 0,
      limit: init.limit ?? 100,
    }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

async function answerOf(
  key: string,
): Promise<{ ok: true; data: { applications: LupapisteApplicationRow[]; userTotalCount: number } }> {
  const response = await search(citizen(key).hetu);
  assert.equal(response.status, 200);
  return (await response.json()) as {
    ok: true;
    data: { applications: LupapisteApplicationRow[]; userTotalCount: number };
  };
}

async function rowsOf(key: string): Promise<LupapisteApplicationRow[]> {
  const body = await answerOf(key);
  assert.equal(body.ok, true);
  return body.data.applications;
}

async function stored(): Promise<LupapisteApplication[]> {
  return ((await (await control('/lupapiste/applications', 'GET')).json()) as { applications: LupapisteApplication[] })
    .applications;
}

function control(path: string, method: string, body?: unknown): Promise<Response> {
  return fetch(`${emulators.url}/__control${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

/** The JSON type of a value, with objects and arrays described by their members (the fixtures' "shape"). */
type Shape = string;
function shapesOf(value: unknown, path: string, into: Map<string, Set<Shape>>): void {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const seen = into.get(path) ?? new Set<Shape>();
  seen.add(type);
  into.set(path, seen);
  if (Array.isArray(value)) for (const item of value) shapesOf(item, `${path}[]`, into);
  else if (type === 'object') {
    for (const [key, member] of Object.entries(value as Record<string, unknown>))
      shapesOf(member, `${path}.${key}`, into);
  }
}
function rowShapes(rows: readonly unknown[]): Map<string, Set<Shape>> {
  const shapes = new Map<string, Set<Shape>>();
  for (const row of rows) shapesOf(row, 'row', shapes);
  return shapes;
}
/** Keys every row has (the others may be absent, like `verdictDate` before a verdict). */
function alwaysPresent(rows: readonly Record<string, unknown>[]): string[] {
  return Object.keys(rows[0] ?? {}).filter((key) => rows.every((row) => key in row));
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/lupapiste/${name}`, import.meta.url), 'utf8')) as {
    ok: true;
    data: { applications: Record<string, unknown>[]; userTotalCount: number };
  };

before(async () => {
  emulators = await startEmulators({ port: 0, today: TODAY });
  citizens = testCitizens(TODAY);
});

after(async () => {
  await emulators.close();
});

beforeEach(async () => {
  assert.equal((await control('/reset', 'POST')).status, 204);
});

describe('Lupapiste emulator: authentication and input, as Lupapiste answers them', () => {
  it('refuses a search without a known API key with HTTP 200 and error.unauthorized', async () => {
    for (const key of [null, 'wrong-key', '']) {
      const response = await search(citizen('maija').hetu, { key });
      assert.equal(response.status, 200, String(key));
      assert.deepEqual(await response.json(), { ok: false, text: 'error.unauthorized' });
    }
  });

  it('takes every municipality’s own key', async () => {
    for (const id of ['nivala', 'haapavesi', 'ylivieska']) {
      const response = await search(citizen('maija').hetu, { key: `dev-lupapiste-key-${id}` });
      assert.equal(((await response.json()) as { ok: boolean }).ok, true, id);
    }
  });

  it('answers error.input-validation-error for a personId that is not a valid identity code', async () => {
    for (const personId of ['010280-952M', '', 12345, null, 'maija']) {
      const response = await search(personId);
      assert.equal(response.status, 200, String(personId));
      assert.deepEqual(await response.json(), { ok: false, text: 'error.input-validation-error' });
    }
  });
});

describe('Lupapiste emulator: the contract with the real answer (test/fixtures/lupapiste)', () => {
  it('answers with the envelope and the row keys and types of the real applications-search', async () => {
    const real = fixture('applications-search.json');
    const answer = await answerOf('maija');
    assert.deepEqual(Object.keys(answer).sort(), Object.keys(real).sort());
    assert.deepEqual(Object.keys(answer.data).sort(), Object.keys(real.data).sort());
    assert.equal(typeof answer.data.userTotalCount, typeof real.data.userTotalCount);

    const rows = [...answer.data.applications, ...(await rowsOf('juha'))] as unknown as Record<string, unknown>[];
    const expected = rowShapes(real.data.applications);
    const actual = rowShapes(rows);
    for (const [path, types] of actual) {
      assert.ok(expected.has(path), `the emulator sends ${path}, which the real answer does not have`);
      for (const type of types) assert.ok(expected.get(path)!.has(type), `${path} is ${type} in the emulator`);
    }
    for (const path of expected.keys()) {
      // `location.x/y` are null only without a location; every emulated application has one.
      assert.ok(actual.has(path), `the real answer has ${path}, which the emulator never sends`);
    }
    for (const key of alwaysPresent(real.data.applications)) {
      for (const row of rows) assert.ok(key in row, `${String(row.id)} lacks ${key}`);
    }
  });

  it('sends no history and an operation object, never the old invented fields', async () => {
    for (const row of [...(await rowsOf('maija')), ...(await rowsOf('juha'))]) {
      assert.equal('history' in row, false);
      assert.equal('created' in row, false);
      assert.deepEqual(Object.keys(row.primaryOperation).sort(), ['created', 'description', 'id', 'name']);
    }
  });
});

describe('Lupapiste emulator: rows', () => {
  it('gives Maija one complementNeeded, one sent and one verdictGiven application, all Nivala’s', async () => {
    const rows = await rowsOf('maija');
    assert.deepEqual(rows.map((r) => r.state).sort(), ['complementNeeded', 'sent', 'verdictGiven']);
    for (const row of rows) {
      assert.equal(row.applicant, 'Meikäläinen Maija');
      assert.equal(row.municipality, '535');
      assert.equal(row.organization, '535-R');
    }
  });

  it('gives Juha one verdictGiven application in Haapavesi and nobody else anything', async () => {
    const rows = await rowsOf('juha');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.state, 'verdictGiven');
    assert.match(rows[0]!.id, /^LP-071-\d{4}-\d{5}$/);
    for (const key of ['matti', 'aino', 'liisa']) {
      const answer = await answerOf(key);
      assert.deepEqual(answer.data, { applications: [], userTotalCount: 0 }, key);
    }
    // A valid code that is nobody's gives an empty list, not an error.
    assert.equal(((await (await search('010280-952L')).json()) as { ok: boolean }).ok, true);
  });

  it('pages with skip and limit, newest first, and defaults to Lupapiste’s 10 rows', async () => {
    const all = await rowsOf('maija');
    const modified = all.map((r) => r.modified);
    assert.deepEqual(
      modified,
      [...modified].sort((a, b) => b - a),
    );
    const second = (await (await search(citizen('maija').hetu, { skip: 1, limit: 1 })).json()) as {
      data: { applications: LupapisteApplicationRow[] };
    };
    assert.deepEqual(
      second.data.applications.map((r) => r.id),
      [all[1]!.id],
    );
  });

  it('keeps each application with a history of legal edges, handler entries without a state among them', async () => {
    const now = TODAY.getTime();
    for (const app of await stored()) {
      const changes = app.history.filter((h): h is Extract<typeof h, { state: string }> => 'state' in h);
      const handlers = app.history.filter((h) => 'handler' in h);
      assert.equal(changes[0]?.state, 'draft');
      for (let i = 1; i < changes.length; i++) {
        assert.ok(
          isLegalTransition(changes[i - 1]!.state, changes[i]!.state),
          `${changes[i - 1]!.state} → ${changes[i]!.state}`,
        );
        assert.ok(changes[i]!.ts > changes[i - 1]!.ts, 'history is in time order');
      }
      assert.equal(changes.at(-1)?.state, app.state, 'the last state change is the current state');
      assert.equal(app.modified, changes.at(-1)?.ts);
      assert.ok(app.modified < now && app.modified > now - 365 * 86_400_000);
      assert.equal(app.submitted, changes.find((h) => h.state === 'submitted')?.ts ?? null);
      if (changes.some((h) => h.state === 'sent')) assert.equal(handlers.length, 1, 'the authority took it up');
      assert.ok(isLupapisteState(app.state));
      if (app.state === 'verdictGiven') {
        assert.equal(app.verdictDate, app.modified);
        assert.match(app.kuntalupatunnus ?? '', /^\d{2}-\d{4}-R$/);
      } else {
        assert.equal(app.verdictDate, undefined);
      }
    }
  });

  it('has every graph of states.cljc, and a state set equal to all-transitions-graph', () => {
    assert.equal(Object.keys(LUPAPISTE_STATE_GRAPHS).length, 18);
    for (const [name, graph] of Object.entries(LUPAPISTE_STATE_GRAPHS)) {
      for (const next of Object.values(graph)) {
        for (const state of next)
          assert.ok(state in graph || ALL_LUPAPISTE_STATES.includes(state), `${name}: ${state}`);
      }
    }
    assert.equal(ALL_LUPAPISTE_STATES.length, 27);
  });
});

describe('Lupapiste emulator: state control', () => {
  it('moves an application along a legal edge; the search row follows', async () => {
    const rows = await rowsOf('maija');
    const complement = rows.find((r) => r.state === 'complementNeeded');
    assert.ok(complement);
    const response = await control(`/lupapiste/applications/${complement.id}/state`, 'PUT', { state: 'sent' });
    assert.equal(response.status, 200);
    const updated = (await rowsOf('maija')).find((r) => r.id === complement.id);
    assert.ok(updated);
    assert.equal(updated.state, 'sent');
    assert.ok(updated.modified > complement.modified);

    const verdict = await control(`/lupapiste/applications/${complement.id}/state`, 'PUT', { state: 'verdictGiven' });
    assert.equal(verdict.status, 200);
    const decided = (await verdict.json()) as LupapisteApplication;
    assert.equal(decided.verdictDate, decided.modified);
    assert.equal((await rowsOf('maija')).find((r) => r.id === complement.id)?.verdictDate, decided.verdictDate);
  });

  it('answers 409 for an illegal edge, 400 for an unknown state and 404 for an unknown id', async () => {
    const sent = (await rowsOf('maija')).find((r) => r.state === 'sent');
    assert.ok(sent);
    assert.equal((await control(`/lupapiste/applications/${sent.id}/state`, 'PUT', { state: 'draft' })).status, 409);
    assert.equal((await control(`/lupapiste/applications/${sent.id}/state`, 'PUT', { state: 'closed' })).status, 409);
    assert.equal((await control(`/lupapiste/applications/${sent.id}/state`, 'PUT', { state: 'done' })).status, 400);
    assert.equal(
      (await control('/lupapiste/applications/LP-535-2026-99999/state', 'PUT', { state: 'sent' })).status,
      404,
    );
    assert.equal((await rowsOf('maija')).find((r) => r.id === sent.id)?.state, 'sent', 'unchanged');
  });

  it('leaves a cancelled application out of the search, as the applicant’s "all" list does; reset restores it', async () => {
    const sent = (await rowsOf('maija')).find((r) => r.state === 'sent');
    assert.ok(sent);
    await control(`/lupapiste/applications/${sent.id}/state`, 'PUT', { state: 'canceled' });
    assert.equal((await rowsOf('maija')).length, 2);
    await control('/reset', 'POST');
    assert.deepEqual((await rowsOf('maija')).map((r) => r.state).sort(), ['complementNeeded', 'sent', 'verdictGiven']);
  });
});

describe('Lupapiste emulator: fault injection', () => {
  const setFault = (body: unknown) => control('/lupapiste/fault', 'PUT', body);

  it('delays the answer by the given milliseconds', async () => {
    assert.equal((await setFault({ mode: 'delay', ms: 300 })).status, 200);
    const started = performance.now();
    const response = await search(citizen('maija').hetu);
    assert.equal(response.status, 200);
    assert.ok(performance.now() - started >= 280, 'took at least the delay');
  });

  it('answers HTTP 500 in Lupapiste error format', async () => {
    await setFault({ mode: 'error' });
    const response = await search(citizen('maija').hetu);
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), { ok: false, text: 'error.unknown' });
  });

  it('sends a truncated JSON body, or with variant "shape" JSON of the wrong shape', async () => {
    await setFault({ mode: 'malformed' });
    const truncated = await search(citizen('maija').hetu);
    assert.equal(truncated.status, 200);
    assert.match(truncated.headers.get('content-type') ?? '', /application\/json/);
    await assert.rejects(truncated.json(), SyntaxError);

    await setFault({ mode: 'malformed', variant: 'shape' });
    const wrong = (await (await search(citizen('maija').hetu)).json()) as { data: { applications: unknown } };
    assert.equal(Array.isArray(wrong.data.applications), false);
  });

  it('hangs until the fault is reset, then answers normally', async () => {
    await setFault({ mode: 'hang' });
    await assert.rejects(search(citizen('maija').hetu, { signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
    assert.equal((await control('/reset', 'POST')).status, 204);
    assert.equal(emulators.app.faults.hangingCount('lupapiste'), 0);
    assert.equal((await search(citizen('maija').hetu)).status, 200);
  });

  it('closes a hanging connection when the fault is reset', async () => {
    await setFault({ mode: 'hang' });
    const pending = search(citizen('maija').hetu);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(emulators.app.faults.hangingCount('lupapiste'), 1);
    await control('/lupapiste/fault', 'PUT', { mode: 'none' });
    await assert.rejects(pending, TypeError);
  });

  it('refuses: the connection is dropped without an answer', async () => {
    await setFault({ mode: 'refuse' });
    await assert.rejects(search(citizen('maija').hetu), TypeError);
  });

  it('applies faults before authentication and never to the control API', async () => {
    await setFault({ mode: 'error' });
    assert.equal((await search(citizen('maija').hetu, { key: null })).status, 500);
    assert.equal((await control('/lupapiste/fault', 'GET')).status, 200);
    await setFault({ mode: 'none' });
    assert.equal((await search(citizen('maija').hetu)).status, 200);
  });

  it('validates fault bodies and sources', async () => {
    assert.equal((await setFault({ mode: 'explode' })).status, 400);
    assert.equal((await setFault({ mode: 'delay', ms: -1 })).status, 400);
    assert.equal((await setFault({ mode: 'delay', ms: 10, extra: true })).status, 400);
    assert.equal((await control('/nosuchsystem/fault', 'PUT', { mode: 'none' })).status, 404);
    assert.deepEqual(await (await control('/faults', 'GET')).json(), {
      lupapiste: { mode: 'none' },
      evaka: { mode: 'none' },
      generic: { mode: 'none' },
      population: { mode: 'none' },
      ptv: { mode: 'none' },
    });
  });
});

describe('startEmulators', () => {
  it('closes promptly while a request hangs', async () => {
    const own = await startEmulators({ port: 0 });
    await fetch(`${own.url}/__control/lupapiste/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'hang' }),
    });
    const pending = fetch(`${own.url}${SEARCH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personId: '010280-952L' }),
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await own.close();
    assert.ok(performance.now() - started < 1000, 'close did not wait for the hanging request');
    assert.ok((await pending) instanceof TypeError);
  });
});
