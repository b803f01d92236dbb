import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LruMap } from '../src/lib/lru-map.js';
import { uuidV7 } from '../src/lib/uuid-v7.js';

describe('uuidV7', () => {
  const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  test('is a version 7, RFC 9562 variant UUID carrying the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 28, 4, 30);
    const id = uuidV7(at);
    assert.match(id, FORMAT);
    assert.equal(parseInt(id.replace(/-/g, '').slice(0, 12), 16), at);
  });

  test('ids made later sort later, and none repeats (across refills of the random pool)', () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => uuidV7(1_700_000_000_000 + i));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(Array.from({ length: 1_000 }, () => uuidV7(1_700_000_000_000))).size, 1_000);
    assert.ok(ids.every((id) => FORMAT.test(id)));
  });
});

describe('LruMap', () => {
  test('keeps at most its bound, dropping the least recently used', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    assert.equal(map.get('a'), 1); // a is now the most recent
    map.set('c', 3);
    assert.equal(map.size, 2);
    assert.equal(map.get('b'), undefined);
    assert.equal(map.get('a'), 1);
    assert.equal(map.get('c'), 3);
  });
});
