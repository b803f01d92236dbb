import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulators, type StartedEmulators } from '../app.js';
import { testCitizens, type TestCitizen } from '../population/citizens.js';
import type { LupapisteApplicationRow } from './data.js';
import { isLegalTransition, isLupapisteState } from './states.js';

const TOKEN = 'dev-lupapiste-token';
const TODAY = new Date('2026-01-10T10:00:00+02:00');

let emulators: StartedEmulators;
let citizens: TestCitizen[];

function citizen(key: string): TestCitizen {
  const found = citizens.find((c) => c.key === key);
  assert.ok(found);
  return found;
}

function search(personId: unknown, init: { token?: string | null; signal?: AbortSignal } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
  return fetch(`${emulators.url}/lupapiste/rest/applications-search`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ personId }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

async function rowsOf(key: string): Promise<LupapisteApplicationRow[]> {
  const response = await search(citizen(key).hetu);
  assert.equal(response.status, 200);
  const body = (await response.json()) as {
    ok: boolean;
    data: { applications: LupapisteApplicationRow[]; totalCount: number };
  };
  assert.equal(body.ok, true);
  assert.equal(body.data.totalCount, body.data.applications.length);
  return body.data.applications;
}

function control(path: string, method: string, body?: unknown): Promise<Response> {
  return fetch(`${emulators.url}/__control${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

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

describe('Lupapiste emulator: authentication and input', () => {
  it('refuses a search without a Bearer token or with a wrong one', async () => {
    for (const token of [null, 'wrong-token', '']) {
      const response = await search(citizen('maija').hetu, { token });
      assert.equal(response.status, 401, String(token));
      assert.deepEqual(await response.json(), { ok: false, text: 'error.unauthorized' });
    }
  });

  it('answers 400 for a personId that is not a valid identity code', async () => {
    for (const personId of ['010280-952M', '', 12345, null, 'maija']) {
      const response = await search(personId);
      assert.equal(response.status, 400, String(personId));
      assert.deepEqual(await response.json(), { ok: false, text: 'error.invalid-person-id' });
    }
  });
});

describe('Lupapiste emulator: rows in the real format', () => {
  it('gives Maija one complementNeeded, one sent and one verdictGiven application', async () => {
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
    for (const key of ['matti', 'aino', 'liisa']) assert.deepEqual(await rowsOf(key), [], key);
    // A valid code that is nobody's gives an empty list, not an error.
    assert.equal((await search('010280-952L')).status, 200);
  });

  it('builds every row with Lupapiste fields, legal history edges and epoch-ms times before today', async () => {
    const now = TODAY.getTime();
    for (const row of [...(await rowsOf('maija')), ...(await rowsOf('juha'))]) {
      assert.match(row.id, new RegExp(`^LP-${row.municipality}-\\d{4}-\\d{5}$`));
      assert.equal(row.permitType, 'R');
      assert.equal(row.infoRequest, false);
      assert.equal(row.urgency, 'normal');
      assert.ok(['pientalo', 'vapaa-ajan-asuinrakennus', 'purkaminen'].includes(row.primaryOperation));
      assert.match(row.address, /^[A-ZÄÖÅ][a-zäöå]+ \d+$/);
      assert.ok(isLupapisteState(row.state));

      const [first, ...rest] = row.history;
      assert.ok(first);
      assert.equal(first.state, 'draft');
      let previous = first;
      for (const entry of rest) {
        assert.ok(isLegalTransition(previous.state, entry.state), `${previous.state} → ${entry.state}`);
        assert.ok(entry.ts > previous.ts, 'history is in time order');
        assert.ok(['applicant', 'authority'].includes(entry.user.role));
        assert.ok(entry.user.firstName && entry.user.lastName);
        previous = entry;
      }
      assert.equal(previous.state, row.state, 'the last history entry is the current state');
      assert.equal(row.modified, previous.ts);
      assert.ok(row.modified < now && row.modified > now - 365 * 86_400_000);
      assert.equal(row.submitted, row.history.find((h) => h.state === 'submitted')?.ts ?? null);
      if (row.state === 'verdictGiven') {
        assert.equal(row.verdictDate, previous.ts);
        assert.match(row.kuntalupatunnus ?? '', /^\d{2}-\d{4}-R$/);
      } else {
        assert.equal(row.verdictDate, null);
      }
      assert.equal(Number.isInteger(row.submitted), true);
    }
  });
});

describe('Lupapiste emulator: state control', () => {
  it('moves an application along a legal edge and appends the history', async () => {
    const rows = await rowsOf('maija');
    const complement = rows.find((r) => r.state === 'complementNeeded');
    assert.ok(complement);
    const response = await control(`/lupapiste/applications/${complement.id}/state`, 'PUT', { state: 'sent' });
    assert.equal(response.status, 200);
    const updated = (await rowsOf('maija')).find((r) => r.id === complement.id);
    assert.ok(updated);
    assert.equal(updated.state, 'sent');
    assert.equal(updated.history.length, complement.history.length + 1);
    assert.equal(updated.history.at(-1)?.state, 'sent');
    assert.ok(updated.modified > complement.modified);

    const verdict = await control(`/lupapiste/applications/${complement.id}/state`, 'PUT', { state: 'verdictGiven' });
    assert.equal(verdict.status, 200);
    const decided = (await verdict.json()) as LupapisteApplicationRow;
    assert.equal(decided.verdictDate, decided.modified);
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

  it('restores the seeded applications on reset', async () => {
    const sent = (await rowsOf('maija')).find((r) => r.state === 'sent');
    assert.ok(sent);
    await control(`/lupapiste/applications/${sent.id}/state`, 'PUT', { state: 'canceled' });
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
    assert.equal((await search(citizen('maija').hetu, { token: null })).status, 500);
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
    const pending = fetch(`${own.url}/lupapiste/rest/applications-search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personId: '010280-952L' }),
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await own.close();
    assert.ok(performance.now() - started < 1000, 'close did not wait for the hanging request');
    assert.ok((await pending) instanceof TypeError);
  });
});
