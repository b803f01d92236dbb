/**
 * Through the whole server, against a generic case system of the test's own (so the answer can carry a bad row):
 * - "one bad row is not a dead source": the good rows are shown, `sources[]` says `partial` with `omitted`, the
 *   metric counts each reason, and the log line names reasons only (no identity code, no value from a row);
 * - "an access-log row names the controller": each row is written under the municipality whose configuration
 *   read the records, and none under a municipality whose records were not read.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TESTILA, TESTILA_ORIGIN, type MunicipalityFile, type TestApp } from './helpers/app.js';
import { bearer, ylivieskaGenericSource } from './helpers/sources.js';

/** Distinctive values of the bad rows: none of them may reach a log line. */
const BAD_ID = 'YV-KH-2026-SECRET-ROW';
const BAD_TITLE = 'Aino Korhosen salainen otsikko';

function record(asianumero: string, koodi: string, muutettu: string, otsikko = 'Kotihoidon hakemus') {
  return {
    asianumero,
    otsikko: { fi: otsikko },
    tila: { koodi, muutettu },
    vaiheet: [{ tila: koodi, aika: muutettu }],
    linkki: `https://hoiva.example/hakemukset/${asianumero}`,
  };
}

describe('a generic source with a bad row, and the controller of each access-log row', () => {
  let t: TestApp;
  let backEnd: Server;
  /** The identity codes the back end was asked about, by the municipality's path. */
  const asked: Array<{ path: string; henkilotunnus: string }> = [];
  let testilaFails = false;

  before(async () => {
    backEnd = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const { henkilotunnus } = JSON.parse(body) as { henkilotunnus: string };
        asked.push({ path: request.url ?? '', henkilotunnus });
        if (testilaFails && request.url?.startsWith('/testila/')) {
          response.statusCode = 500;
          response.end('{}');
          return;
        }
        const rows = request.url?.startsWith('/testila/')
          ? [record('TL-KH-2026-0001', 'VASTAANOTETTU', '2026-11-02T08:00:00Z')]
          : [
              record('YV-KH-2026-0042', 'ARVIOINTI', '2026-11-20T11:00:00Z'),
              // No status at all: a missing field.
              { ...record(BAD_ID, 'ARVIOINTI', '2026-11-21T11:00:00Z', BAD_TITLE), tila: undefined },
              record('YV-KH-2026-0043', 'VASTAANOTETTU', '2026-11-10T09:00:00Z'),
              // A status the municipality's table does not name.
              record('YV-KH-2026-0044', 'TUNTEMATON_TILA', '2026-11-22T11:00:00Z', BAD_TITLE),
            ];
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ tulos: { hakemukset: rows } }));
      });
    });
    await new Promise<void>((resolve) => backEnd.listen(0, '127.0.0.1', resolve));
    const address = backEnd.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const genericAt = (path: string): MunicipalityFile => {
      const source = ylivieskaGenericSource();
      source.baseUrl = `${url}${path}`;
      delete source.token;
      source.auth = { type: 'bearer', token: 'test-generic-token' };
      source.resilience = { staleTtlSeconds: 0 };
      return source;
    };
    t = await buildTestApp(
      {},
      {
        nivala: (config) => {
          // Only the generic source: what this test is about is its answer, not the other back ends'.
          config.sources = { generic: genericAt('/nivala') };
          return config;
        },
        extraMunicipalities: {
          testila: {
            ...structuredClone(TESTILA),
            sources: { generic: genericAt('/testila') },
          },
        },
      },
    );
  });
  after(async () => {
    await t.close();
    await new Promise<void>((resolve) => backEnd.close(() => resolve()));
  });

  /** The citizen signed in through Testilä's site (its client, its page's origin). */
  const casesThroughTestila = async (identityCode: string) =>
    t.app.inject({
      method: 'GET',
      url: '/v1/me/cases',
      headers: {
        ...(await bearer(t, identityCode, { client_id: 'kunta-akkuna-testila' })),
        origin: TESTILA_ORIGIN,
      },
    });

  test('one malformed row among good ones: the good rows are shown and the source says partial', async () => {
    const logsBefore = t.logs.length;
    const response = await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers: await bearer(t, t.hetu.aino) });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as {
      items: Array<{ id: string; status: string; title: { fi: string } }>;
      sources: Array<{ id: string; status: string; omitted?: number; fetchedAt: string | null }>;
    };
    assert.deepEqual(
      body.items.map((c) => [c.id, c.status]),
      [
        ['generic:YV-KH-2026-0042', 'in_progress'],
        ['generic:YV-KH-2026-0043', 'submitted'],
      ],
    );
    assert.equal(body.sources.length, 1);
    assert.equal(body.sources[0]?.id, 'generic');
    assert.equal(body.sources[0]?.status, 'partial');
    assert.equal(body.sources[0]?.omitted, 2);
    assert.ok(body.sources[0]?.fetchedAt);

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    const skipped = metrics.body.split('\n').filter((line) => line.startsWith('ka_source_rows_skipped_total{'));
    const count = (reason: string) =>
      skipped.find(
        (l) =>
          l.includes('source="generic"') && l.includes('municipality="nivala"') && l.includes(`reason="${reason}"`),
      );
    assert.match(count('missing_field') ?? '', / 1$/);
    assert.match(count('unknown_state') ?? '', / 1$/);

    const lines = t.logs.slice(logsBefore);
    const line = lines.find((l) => l.includes('"source_rows_skipped"'));
    assert.ok(line, 'one log line says rows were left out');
    assert.deepEqual(JSON.parse(line).reasons.sort(), ['missing_field', 'unknown_state']);
    for (const logged of lines) {
      assert.ok(!logged.includes(t.hetu.aino), 'no identity code in the log');
      assert.ok(!logged.includes(BAD_ID) && !logged.includes(BAD_TITLE), 'no value from a bad row in the log');
      assert.ok(!logged.includes('test-generic-token'), 'no credential in the log');
    }
  });

  test("each access-log row is under the municipality whose records were read, none under another's", async () => {
    const before = (await t.auditRows()).length;
    const viaNivala = await t.app.inject({
      method: 'GET',
      url: '/v1/me/cases',
      headers: await bearer(t, t.hetu.maija),
    });
    assert.equal(viaNivala.statusCode, 200, viaNivala.body);
    const viaTestila = await casesThroughTestila(t.hetu.maija);
    assert.equal(viaTestila.statusCode, 200, viaTestila.body);
    assert.deepEqual(
      (viaTestila.json() as { items: Array<{ id: string }> }).items.map((c) => c.id),
      ['generic:TL-KH-2026-0001'],
      "through Testilä's site: Testilä's records only",
    );

    const rows = (await t.auditRows()).slice(before).sort((a, b) => a.id.localeCompare(b.id));
    assert.deepEqual(
      rows.map((r) => [r.municipality_id, r.controller, JSON.parse(r.sources), JSON.parse(r.object_refs).length]),
      [
        ['nivala', 'nivala', ['generic'], 2],
        ['testila', 'testila', ['generic'], 1],
      ],
    );
    const testilaRow = rows[1]!;
    assert.deepEqual(JSON.parse(testilaRow.object_refs), ['generic:TL-KH-2026-0001']);
    assert.ok(
      rows.every((r) =>
        JSON.parse(r.object_refs).every((ref: string) => ref.includes(r.controller === 'testila' ? 'TL-' : 'YV-')),
      ),
      'no row names records of a municipality other than its controller',
    );
    // Each municipality's back end was asked with that municipality's own configuration.
    assert.ok(asked.some((a) => a.path.startsWith('/testila/')));
  });

  test('a read that shows nothing writes no row under anyone', async () => {
    const before = (await t.auditRows()).length;
    testilaFails = true;
    try {
      const response = await casesThroughTestila(t.hetu.maija);
      assert.equal(response.statusCode, 503, response.body);
    } finally {
      testilaFails = false;
    }
    assert.equal((await t.auditRows()).length, before);
  });
});
