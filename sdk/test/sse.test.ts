import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser, SseSizeError } from '../src/sse.js';
import type { SseEvent } from '../src/sse.js';

function parse(chunks: string[], lastEventId = '') {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = new SseParser(
    {
      onEvent: (event) => events.push(event),
      onComment: (text) => comments.push(text),
      onRetry: (ms) => retries.push(ms),
    },
    { lastEventId },
  );
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, comments, retries, lastEventId: parser.lastEventId };
}

/** Every way of cutting `text` in two. */
function everySplit(text: string): string[][] {
  return Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
}

const STREAM =
  ': hello\n\nid: 7\nevent: case-changed\ndata: {"caseId":"lupapiste:1",\ndata: "status":"decided"}\n\nevent: other\ndata: x\n\n';

test('a stream delivers named events with their id and joined multi-line data', () => {
  const { events, comments } = parse([STREAM]);
  assert.deepEqual(events, [
    { type: 'case-changed', data: '{"caseId":"lupapiste:1",\n"status":"decided"}', lastEventId: '7' },
    { type: 'other', data: 'x', lastEventId: '7' },
  ]);
  assert.deepEqual(comments, ['hello']);
});

test('a chunk boundary anywhere (also in the middle of a line or a field name) gives the same events', () => {
  const expected = parse([STREAM]).events;
  for (const chunks of everySplit(STREAM)) assert.deepEqual(parse(chunks).events, expected, JSON.stringify(chunks));
  assert.deepEqual(parse([...STREAM]).events, expected, 'one character per chunk');
});

test('CRLF, CR and LF line endings all work, also when CR and LF arrive in different chunks', () => {
  const crlf = STREAM.replace(/\n/g, '\r\n');
  const cr = STREAM.replace(/\n/g, '\r');
  const expected = parse([STREAM]).events;
  assert.deepEqual(parse([crlf]).events, expected);
  assert.deepEqual(parse([cr]).events, expected);
  for (const chunks of everySplit(crlf)) assert.deepEqual(parse(chunks).events, expected, JSON.stringify(chunks));
  // "\r" then "\n" in the next chunk is one line ending, not an empty line that would dispatch early.
  assert.deepEqual(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']).events, [
    { type: 'message', data: 'a\nb', lastEventId: '' },
  ]);
});

test('comments and unknown fields are skipped; keep-alive comments alone dispatch nothing', () => {
  const { events, comments } = parse([': keep-alive\n\n:\n\nfoo: bar\ndata: 1\n: inside\n\n']);
  assert.deepEqual(events, [{ type: 'message', data: '1', lastEventId: '' }]);
  assert.deepEqual(comments, ['keep-alive', '', 'inside']);
});

test('field syntax: one leading space is removed, a line without colon is a field with an empty value', () => {
  const { events } = parse(['data:no-space\ndata:  two\ndata\n\n']);
  assert.deepEqual(events, [{ type: 'message', data: 'no-space\n two\n', lastEventId: '' }]);
  assert.deepEqual(parse(['data:\n\n']).events, [{ type: 'message', data: '', lastEventId: '' }]);
});

test('the last event id persists across events, an id without data still counts, NUL ids are ignored', () => {
  const { events, lastEventId } = parse(['id: 1\ndata: a\n\ndata: b\n\nid: 2\n\nid: 3\u0000\ndata: c\n\n']);
  assert.deepEqual(
    events.map((e) => [e.data, e.lastEventId]),
    [
      ['a', '1'],
      ['b', '1'],
      ['c', '2'],
    ],
  );
  assert.equal(lastEventId, '2');
  assert.equal(parse(['data: a\n\n'], '41').events[0]?.lastEventId, '41', 'a resumed stream starts from the old id');
  assert.equal(parse(['id\ndata: a\n\n'], '41').events[0]?.lastEventId, '', 'an empty id resets it');
  assert.equal(
    parse(['id: 9\ndata: a\n\nid: 10\ndata: b\n']).lastEventId,
    '9',
    'the id of a cut-off event is not kept',
  );
});

test('retry: digits only; the event type resets after each event; an unfinished event at the end is dropped', () => {
  const { retries, events } = parse(['retry: 1500\nretry: 1s\n\nevent: a\ndata: 1\n\ndata: 2\n\ndata: 3\n']);
  assert.deepEqual(retries, [1500]);
  assert.deepEqual(
    events.map((e) => [e.type, e.data]),
    [
      ['a', '1'],
      ['message', '2'],
    ],
  );
});

test('an endless line is refused instead of filling memory', () => {
  const parser = new SseParser({ onEvent: () => undefined }, { maxLength: 100 });
  assert.throws(() => parser.push(`data: ${'x'.repeat(200)}`), SseSizeError);
  const many = new SseParser({ onEvent: () => undefined }, { maxLength: 100 });
  assert.throws(() => many.push('data: xxxxxxxxxx\n'.repeat(20)), SseSizeError);
});
