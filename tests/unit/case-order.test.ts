// The case list's order and summary in Node.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Case } from '@kunta-akkuna/sdk';
import { actionFirst, keepOrder, summaryCounts } from '../../components/src/case-status/case-order.js';
import en from '../../components/src/case-status/strings/en.js';
import fi from '../../components/src/case-status/strings/fi.js';
import sv from '../../components/src/case-status/strings/sv.js';

const c = (id: string, status: Case['status']) => ({ id, status }) as Case;

describe('action first', () => {
  test('action required (a draft too: it waits for the citizen), then in progress, then ended; API order within each', () => {
    const items = [
      c('closed', 'closed'),
      c('p1', 'in_progress'),
      c('a1', 'action_required'),
      c('decided', 'decided'),
      c('draft', 'draft'),
      c('a2', 'action_required'),
      c('sent', 'submitted'),
      c('cancelled', 'cancelled'),
    ];
    assert.deepEqual(
      actionFirst(items).map((i) => i.id),
      ['a1', 'draft', 'a2', 'p1', 'sent', 'closed', 'decided', 'cancelled'],
    );
  });

  test('a live update keeps the cases on screen where they are', () => {
    const shown = [c('a', 'action_required'), c('b', 'in_progress')];
    const next = actionFirst([c('b', 'action_required'), c('a', 'decided'), c('n', 'action_required')]);
    // The new case takes its action-first place from the API order; the two known ones keep theirs.
    assert.deepEqual(
      keepOrder(shown, next).map((i) => i.id),
      ['a', 'n', 'b'],
    );
  });
});

describe('the one-line summary', () => {
  const counts = summaryCounts([
    c('a', 'action_required'),
    c('b', 'submitted'),
    c('c', 'in_progress'),
    c('d', 'decided'),
  ]);
  test('counts by group', () => assert.deepEqual(counts, { action: 1, active: 2, done: 1 }));
  test('"1 asia odottaa toimiasi" in fi, and in sv and en', () => {
    assert.equal(fi.casesSummary(counts), '1 asia odottaa toimiasi, 2 käsittelyssä, 1 päättynyt.');
    assert.equal(sv.casesSummary(counts), '1 ärende väntar på dina åtgärder, 2 under behandling, 1 avslutat.');
    assert.equal(en.casesSummary(counts), '1 case needs your action, 2 in progress, 1 ended.');
    assert.equal(fi.casesSummary({ action: 2, active: 0, done: 0 }), '2 asiaa odottaa toimiasi.');
    assert.equal(en.casesSummary({ action: 0, active: 1, done: 0 }), 'No case needs your action, 1 in progress.');
  });
});
