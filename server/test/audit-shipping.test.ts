import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  AuditShipper,
  CHAIN_START,
  JsonLinesFileSink,
  verifyChain,
  type AuditSink,
} from '../src/audit/audit-shipper.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { bearer, until } from './helpers/sources.js';

const linesOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');

describe('the access log reaches a separate log store (check 11)', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ka-audit-ship-'));
    t = await buildTestApp();
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const read = async (identityCode: string) => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/me/cases', headers: await bearer(t, identityCode) });
    assert.equal(response.statusCode, 200);
  };
  const shipper = (sink: AuditSink, settleMs = 0) =>
    new AuditShipper({ db: t.database.db, sink, now: () => new Date(), settleMs });

  test('every row is shipped once, in order, hash-chained, without the identity code', async () => {
    await read(t.hetu.maija);
    await read(t.hetu.matti);
    const sink = new JsonLinesFileSink(join(dir, 'first.jsonl'));
    const rows = await t.auditRows();
    assert.equal(await shipper(sink).ship(), rows.length);
    const lines = linesOf(sink.path);
    assert.deepEqual(
      lines.map((line) => JSON.parse(line).id),
      rows.map((row) => row.id).sort(),
    );
    const first = JSON.parse(lines[0]!);
    assert.equal(first.prev, CHAIN_START);
    for (const field of ['actor_iss', 'actor_sub', 'municipality_id', 'sources', 'data_category', 'request_id']) {
      assert.ok(first[field], `the shipped line keeps ${field}`);
    }
    assert.equal(verifyChain(lines), null, 'the chain is intact');
    const text = readFileSync(sink.path, 'utf8');
    assert.ok(!text.includes(t.hetu.maija) && !text.includes(t.hetu.matti), 'no identity code in the store');

    // Later rows continue the file and the chain; nothing is sent twice, also by a new shipper (a restart).
    assert.equal(await shipper(sink).ship(), 0);
    const before = (await t.auditRows()).length;
    await read(t.hetu.maija);
    // Her row, and one in her child's own log (the child's eVaka application was shown to her).
    const added = (await t.auditRows()).length - before;
    assert.equal(added, 2);
    assert.equal(await shipper(sink).ship(), added);
    const all = linesOf(sink.path);
    assert.equal(all.length, rows.length + added);
    assert.equal(new Set(all.map((line) => JSON.parse(line).id)).size, all.length);
    assert.equal(verifyChain(all), null);
  });

  test('a changed or removed line breaks the chain at that line', async () => {
    await read(t.hetu.maija);
    await read(t.hetu.juha);
    const sink = new JsonLinesFileSink(join(dir, 'tamper.jsonl'));
    await shipper(sink).ship();
    const lines = linesOf(sink.path);
    assert.ok(lines.length >= 3);
    const changed = [...lines];
    changed[1] = changed[1]!.replace('"cases"', '"nothing"');
    assert.equal(verifyChain(changed), 3, 'the line after the changed one no longer matches');
    assert.equal(verifyChain([lines[0]!, ...lines.slice(2)]), 2, 'a removed line is noticed');
  });

  test('`npm run audit:verify` says whether a shipped file is intact', async () => {
    await read(t.hetu.maija);
    const sink = new JsonLinesFileSink(join(dir, 'verify.jsonl'));
    await shipper(sink).ship();
    const script = fileURLToPath(new URL('../scripts/verify-audit-log.ts', import.meta.url));
    const verify = (file: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, file], { encoding: 'utf8' });
    const intact = verify(sink.path);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /\d+ entries, hash chain intact/);
    const lines = linesOf(sink.path);
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, [lines[0]!.replace('"disclosed"', '"used"'), ...lines.slice(1)].join('\n') + '\n');
    const broken = verify(tampered);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /hash chain broken at line 2 of/);
  });

  test('rows younger than the settle time wait for the next round', async () => {
    await read(t.hetu.maija);
    const sink = new JsonLinesFileSink(join(dir, 'settle.jsonl'));
    const waiting = shipper(sink, 60_000);
    assert.equal(await waiting.ship(), 0, 'a row may still be committing: not yet');
    assert.ok((await waiting.ship(0)) > 0);
  });

  test('when the store fails nothing is lost: the next round sends everything since the last success', async () => {
    await read(t.hetu.maija);
    const path = join(dir, 'flaky.jsonl');
    const file = new JsonLinesFileSink(path);
    let broken = true;
    const flaky: AuditSink = {
      id: file.id,
      append: async (lines) => {
        if (broken) throw new Error('log store unreachable');
        await file.append(lines);
      },
    };
    const rows = (await t.auditRows()).length;
    await assert.rejects(shipper(flaky).ship(), /unreachable/);
    broken = false;
    assert.equal(await shipper(flaky).ship(), rows);
    assert.equal(verifyChain(linesOf(path)), null);
  });

  test('rounds run on their own every interval', async () => {
    await read(t.hetu.maija);
    const sink = new JsonLinesFileSink(join(dir, 'rounds.jsonl'));
    const rounds = shipper(sink);
    rounds.start(50);
    try {
      const expected = (await t.auditRows()).length;
      assert.ok(
        await until(() => {
          try {
            return linesOf(sink.path).length === expected;
          } catch {
            return false;
          }
        }, 2000),
        'shipped by the timer',
      );
    } finally {
      await rounds.stop();
    }
  });

  test('a server that stops ships what is left first', async () => {
    const path = join(dir, 'server.jsonl');
    const other = await buildTestApp(
      { auditSink: new JsonLinesFileSink(path) },
      { database: t.database, emulator: t.emulator },
    );
    try {
      const headers = await bearer(other, other.hetu.maija);
      const response = await other.app.inject({ method: 'GET', url: '/v1/me/cases', headers });
      assert.equal(response.statusCode, 200);
    } finally {
      await other.close();
    }
    const shipped = linesOf(path).map((line) => JSON.parse(line) as { id: string });
    assert.equal(shipped.length, (await t.auditRows()).length, 'every row of the database reached this store');
    assert.equal(verifyChain(linesOf(path)), null);
  });
});
