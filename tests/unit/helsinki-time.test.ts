// The staff page's date-time fields are Helsinki wall-clock times, whatever the browser's own zone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { helsinkiToIso, isoToHelsinki } from '../../components/src/notice-admin/helsinki-time.js';

describe('Helsinki wall-clock times of the notice form', () => {
  it('reads winter (UTC+2) and summer (UTC+3) times', () => {
    assert.equal(helsinkiToIso('2026-12-05T08:00'), '2026-12-05T06:00:00.000Z');
    assert.equal(helsinkiToIso('2026-07-01T08:00'), '2026-07-01T05:00:00.000Z');
  });

  it('round-trips, also across the change to summer time', () => {
    for (const iso of ['2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-10-25T02:30:00.000Z']) {
      assert.equal(helsinkiToIso(isoToHelsinki(iso)), iso);
    }
  });

  it('gives nothing for an empty or malformed value', () => {
    assert.equal(helsinkiToIso(''), '');
    assert.equal(helsinkiToIso('5.12.2026 8.00'), '');
  });
});
