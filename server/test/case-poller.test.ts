import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import {
  aggregateCases,
  PersonalSourceCaller,
  type AggregatedCases,
  type CitizenScope,
  type GuardedCaseSource,
} from '../src/aggregate/aggregate-cases.js';
import type { CallContext } from '../src/connectors/contract.js';
import { FreshAnswers } from '../src/aggregate/fresh-answers.js';
import type { SourceMetrics } from '../src/aggregate/metrics.js';
import type { SourceGuard } from '../src/aggregate/source-guard.js';
import type { StaleStore } from '../src/aggregate/stale-store.js';
import { CaseEventBus, type LoggedEvent } from '../src/aggregate/case-events.js';
import { CasePoller, POLL_SHARE_OF_BULKHEAD } from '../src/aggregate/case-poller.js';
import type { SourceRegistry } from '../src/aggregate/source-registry.js';
import type { CaseStatus } from '../src/schemas/case.js';
import { until } from './helpers/sources.js';

const BULKHEAD = 8;
const POLL_INTERVAL_MS = 60;

/**
 * A polled source of one municipality, with a bulkhead of `capacity` places of which `otherCalls` are in use by
 * citizens' own reads, read through a fake that counts overlaps.
 */
function setUp(watchers: number, capacity = BULKHEAD) {
  let otherCalls = 0;
  let running = 0;
  const evaka = {
    source: { id: 'evaka', pollIntervalMs: POLL_INTERVAL_MS },
    guard: {
      sourceId: 'evaka',
      municipalityId: 'nivala',
      capacity,
      get inFlight() {
        return otherCalls + running;
      },
    },
  } as unknown as GuardedCaseSource;
  const registry = { guardedCaseSources: () => [evaka] } as unknown as SourceRegistry;
  const statuses = new Map<string, CaseStatus>();
  const polled: string[] = [];
  let answered = 0;
  let mostAtOnce = 0;
  /** Reads it says yes to wait until `release()`; the others answer after 5 ms. */
  let hold: (pseudonym: string) => boolean = () => false;
  const held: Array<() => void> = [];
  const read = async (scope: CitizenScope): Promise<AggregatedCases> => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    polled.push(scope.subjectPseudonym);
    if (hold(scope.subjectPseudonym)) await new Promise<void>((resolve) => held.push(resolve));
    else await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;
    answered += 1;
    const status = statuses.get(scope.subjectPseudonym) ?? 'submitted';
    return {
      items: [{ id: `evaka:${scope.subjectPseudonym}`, status } as AggregatedCases['items'][number]],
      sources: [{ id: 'evaka', status: 'ok', fetchedAt: new Date().toISOString() }],
      controllers: { evaka: scope.municipalityId },
    };
  };
  const bus = new CaseEventBus();
  const poller = new CasePoller({ registry, read, bus, log: pino({ level: 'silent' }) });
  const scopes = Array.from({ length: watchers }, (_, i) => ({
    municipalityId: 'nivala',
    subjectPseudonym: `citizen-${i}`,
    identityCode: `code-${i}`,
  }));
  const stops = scopes.map((scope) => poller.watch(scope));
  return {
    poller,
    bus,
    scopes,
    statuses,
    polled,
    mostAtOnce: () => mostAtOnce,
    running: () => running,
    answered: () => answered,
    held: () => held.length,
    holdWhen: (predicate: (pseudonym: string) => boolean) => {
      hold = predicate;
    },
    release: () => {
      hold = () => false;
      for (const resolve of held.splice(0)) resolve();
    },
    stopWatching: (index: number) => stops[index]!(),
    setOtherCalls: (count: number) => {
      otherCalls = count;
    },
    stop: () => {
      for (const resolve of held.splice(0)) resolve();
      for (const stop of stops) stop();
      poller.close();
    },
  };
}

test("polls keep to their share of the source's bulkhead, however many streams are open", async () => {
  const share = Math.max(1, Math.floor(BULKHEAD * POLL_SHARE_OF_BULKHEAD));
  const world = setUp(40);
  try {
    // The first polls (baselines) and then at least two rounds by the timer.
    assert.ok(await until(() => world.polled.length >= 40 * 3, 5000), `polled ${world.polled.length}`);
    assert.ok(world.mostAtOnce() <= share, `at most ${share} at once (saw ${world.mostAtOnce()})`);
    assert.ok(world.mostAtOnce() >= 1);
    for (const scope of world.scopes) assert.ok(world.polled.includes(scope.subjectPseudonym));
  } finally {
    world.stop();
  }
});

test('a change found by a poll is published once, to that citizen in that municipality', async () => {
  const world = setUp(40);
  try {
    assert.ok(await until(() => world.answered() >= 40, 5000), 'baselines taken');
    const target = world.scopes[17]!;
    const heard: LoggedEvent[] = [];
    const others: LoggedEvent[] = [];
    world.bus.subscribe(target, (event) => heard.push(event));
    world.bus.subscribe(world.scopes[18]!, (event) => others.push(event));
    world.bus.subscribe({ municipalityId: 'kalajoki', subjectPseudonym: target.subjectPseudonym }, (event) =>
      others.push(event),
    );
    world.statuses.set(target.subjectPseudonym, 'decided');
    assert.ok(await until(() => heard.length > 0, 3000), 'the change was published');
    const polledNow = world.polled.length;
    await until(() => world.polled.length >= polledNow + 80, 5000);
    assert.equal(heard.length, 1, 'once, not again on the next rounds');
    assert.deepEqual(
      { caseId: heard[0]!.caseId, source: heard[0]!.source, status: heard[0]!.status },
      { caseId: `evaka:${target.subjectPseudonym}`, source: 'evaka', status: 'decided' },
    );
    assert.equal(others.length, 0, 'nobody else heard it');
  } finally {
    world.stop();
  }
});

test('a watcher stopped while waiting for its turn is not polled', async () => {
  const world = setUp(0);
  const extra = Array.from({ length: 20 }, (_, i) => ({
    municipalityId: 'nivala',
    subjectPseudonym: `late-${i}`,
    identityCode: `late-code-${i}`,
  }));
  const stops = extra.map((scope) => world.poller.watch(scope));
  // All twenty wait for the share's few places; stop them at once.
  for (const stop of stops) stop();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const share = Math.max(1, Math.floor(BULKHEAD * POLL_SHARE_OF_BULKHEAD));
  assert.ok(world.polled.length <= share, `only those already running were polled (${world.polled.length})`);
  assert.equal(world.poller.watcherCount(), 0);
  world.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds `pseudonym`'s next read, which begins a round once the first polls (baselines) have all been answered
 * (the watchers are polled in the order they came); with `thenAll`, every read after it too. Returns where that
 * read is in `polled`. Armed only then: a round that began while a watcher's first poll still ran skips that
 * watcher (one poll at a time per watcher), and the round held here must be one that polls them all.
 */
async function holdNextRound(world: ReturnType<typeof setUp>, pseudonym: string, thenAll: boolean): Promise<number> {
  assert.ok(await until(() => world.answered() >= world.scopes.length, 5000), 'baselines answered');
  let armed = true;
  let holding = false;
  world.holdWhen((p) => {
    if (armed && p === pseudonym) {
      armed = false;
      holding = thenAll;
      return true;
    }
    return holding;
  });
  assert.ok(await until(() => world.held() >= 1, 5000), `${pseudonym} was polled again`);
  return world.polled.lastIndexOf(pseudonym);
}

test('a round polls every watcher once, never more than the share at a time', async () => {
  const share = Math.max(1, Math.floor(BULKHEAD * POLL_SHARE_OF_BULKHEAD));
  const world = setUp(40);
  try {
    const start = await holdNextRound(world, 'citizen-0', true);
    assert.ok(await until(() => world.running() === share, 2000), `the share is in use (${world.running()})`);
    // Over several intervals nothing more starts: the round waits for a place, the timer's next ticks are skipped.
    await sleep(POLL_INTERVAL_MS * 3);
    assert.equal(world.running(), share);
    assert.equal(world.polled.length - start, share, 'only the share has started');

    world.release();
    assert.ok(await until(() => world.polled.length - start >= 40, 5000), 'the round went on');
    const round = world.polled.slice(start, start + 40);
    assert.equal(new Set(round).size, 40, 'each of the 40 once in the round');
    assert.ok(world.mostAtOnce() <= share, `at most ${share} at once (saw ${world.mostAtOnce()})`);
  } finally {
    world.stop();
  }
});

test('a tick while the previous round still runs is skipped, and the rounds go on once it ends', async () => {
  const world = setUp(40);
  try {
    // One slow poll keeps the round open; the other 39 are answered at once.
    const start = await holdNextRound(world, 'citizen-0', false);
    assert.ok(await until(() => world.polled.indexOf('citizen-39', start) > 0, 3000), 'the rest of the round ran');
    await sleep(POLL_INTERVAL_MS * 4);
    const since = world.polled.slice(start);
    for (const scope of world.scopes) {
      const times = since.filter((p) => p === scope.subjectPseudonym).length;
      assert.equal(times, 1, `${scope.subjectPseudonym} polled once while the round was open (${times})`);
    }

    world.release();
    assert.ok(
      await until(() => world.polled.slice(start).filter((p) => p === 'citizen-5').length >= 2, 3000),
      'the next round ran',
    );
  } finally {
    world.stop();
  }
});

test('a change found for a watcher stopped while its poll ran is not published', async () => {
  const world = setUp(40);
  try {
    const target = world.scopes[3]!;
    const heard: LoggedEvent[] = [];
    world.bus.subscribe(target, (event) => heard.push(event));
    const start = await holdNextRound(world, target.subjectPseudonym, false);
    world.statuses.set(target.subjectPseudonym, 'decided');
    world.stopWatching(3);
    world.release();
    assert.ok(await until(() => world.polled.indexOf('citizen-39', start) > 0, 3000), 'the round went on');
    await sleep(POLL_INTERVAL_MS);
    assert.equal(heard.length, 0);
    assert.equal(world.poller.watcherCount(), 39);
  } finally {
    world.stop();
  }
});

test('a watcher is never polled twice at once for a source: ticks during its first poll skip it', async () => {
  const world = setUp(0);
  const solo = { municipalityId: 'nivala', subjectPseudonym: 'solo', identityCode: 'solo-code' };
  world.holdWhen((p) => p === 'solo');
  const stop = world.poller.watch(solo);
  try {
    assert.ok(await until(() => world.held() === 1, 2000), 'the first poll is under way');
    await sleep(POLL_INTERVAL_MS * 4);
    assert.equal(world.polled.filter((p) => p === 'solo').length, 1, 'no second poll while the first runs');
    assert.equal(world.mostAtOnce(), 1);
    world.release();
    assert.ok(await until(() => world.polled.filter((p) => p === 'solo').length >= 2, 2000), 'polled again after');
    assert.equal(world.mostAtOnce(), 1);
  } finally {
    stop();
    world.stop();
  }
});

test('a bulkhead too small for a quarter is polled one at a time, and only while nothing else uses it', async () => {
  const world = setUp(0, 3);
  world.setOtherCalls(1);
  const scopes = Array.from({ length: 6 }, (_, i) => ({
    municipalityId: 'nivala',
    subjectPseudonym: `small-${i}`,
    identityCode: `small-code-${i}`,
  }));
  const stops = scopes.map((scope) => world.poller.watch(scope));
  try {
    // A citizen's read holds one of the 3 places: the polls (first ones and rounds) all give way.
    await sleep(POLL_INTERVAL_MS * 4);
    assert.equal(world.polled.length, 0, `no poll while the bulkhead is in use (${world.polled.length})`);
    world.setOtherCalls(0);
    assert.ok(await until(() => world.polled.length >= scopes.length * 2, 3000), 'polled once it was free');
    for (const scope of scopes) assert.ok(world.polled.includes(scope.subjectPseudonym));
    assert.equal(world.mostAtOnce(), 1, 'one at a time');
  } finally {
    for (const stop of stops) stop();
    world.stop();
  }
});

test("a poll's read ends only once its population call has ended too", async () => {
  let factsEnded = false;
  const noStaleCopies = { save: async () => undefined, load: async () => null } as unknown as StaleStore;
  const caller = new PersonalSourceCaller(noStaleCopies, {} as SourceMetrics, () => new Date(), new FreshAnswers());
  const source: GuardedCaseSource = {
    source: { id: 'evaka', timeoutMs: undefined, fetchCases: async () => ({ cases: [], skipped: [] }) },
    controller: 'nivala',
    guard: {
      sourceId: 'evaka',
      run: (work: (context: CallContext) => Promise<unknown>) =>
        work({ signal: new AbortController().signal, deadline: 0 }),
    } as unknown as SourceGuard,
  };
  const scope = { municipalityId: 'nivala', subjectPseudonym: 'p', identityCode: '010280-952L' };
  const facts = async () => {
    await sleep(100);
    factsEnded = true;
    return { facts: null };
  };
  const log = pino({ level: 'silent' });
  // A citizen's read does not wait for population data that no child's case needs...
  await aggregateCases([source], scope, { caller, facts, log, fresh: false });
  assert.equal(factsEnded, false);
  // ...a poll's does, so the poller's share of the bulkhead limits that call as well.
  await aggregateCases([source], scope, { caller, facts, log, fresh: false, waitForEveryCall: true });
  assert.equal(factsEnded, true);
});
