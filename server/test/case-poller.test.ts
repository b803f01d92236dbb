import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import type { AggregatedCases, CitizenScope, GuardedCaseSource } from '../src/aggregate/aggregate-cases.js';
import { CaseEventBus, type LoggedEvent } from '../src/aggregate/case-events.js';
import { CasePoller, POLL_SHARE_OF_BULKHEAD } from '../src/aggregate/case-poller.js';
import type { SourceRegistry } from '../src/aggregate/source-registry.js';
import type { CaseStatus } from '../src/schemas/case.js';
import { until } from './helpers/sources.js';

const BULKHEAD = 8;
const POLL_INTERVAL_MS = 60;

/** A polled source of one municipality, with a bulkhead of BULKHEAD, read through a fake that counts overlaps. */
function setUp(watchers: number) {
  const evaka = {
    source: { id: 'evaka', pollIntervalMs: POLL_INTERVAL_MS },
    guard: { sourceId: 'evaka', municipalityId: 'nivala', capacity: BULKHEAD },
  } as unknown as GuardedCaseSource;
  const registry = { guardedCaseSources: () => [evaka] } as unknown as SourceRegistry;
  const statuses = new Map<string, CaseStatus>();
  const polled: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const read = async (scope: CitizenScope): Promise<AggregatedCases> => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    polled.push(scope.subjectPseudonym);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;
    const status = statuses.get(scope.subjectPseudonym) ?? 'submitted';
    return {
      items: [{ id: `evaka:${scope.subjectPseudonym}`, status } as AggregatedCases['items'][number]],
      sources: [{ id: 'evaka', status: 'ok', fetchedAt: new Date().toISOString() }],
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
    stop: () => {
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
    assert.ok(await until(() => world.polled.length >= 40, 5000), 'baselines taken');
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
