// A parser for the Server-Sent Events wire format (WHATWG HTML §9.2.6), fed with decoded text in chunks of any
// size. It exists because EventSource cannot send Authorization/DPoP headers, so the SDK reads the stream itself.

/** One dispatched event. */
export interface SseEvent {
  /** The `event:` field, `message` when the event named none. */
  type: string;
  /** The `data:` lines joined with line feeds. */
  data: string;
  /** The last `id:` seen on the stream so far (it carries over to later events), '' when none. */
  lastEventId: string;
}

export interface SseHandlers {
  onEvent(event: SseEvent): void;
  /** A `retry:` field: the server's reconnection time in milliseconds. */
  onRetry?(milliseconds: number): void;
  /** A comment line (`: keep-alive`), without the colon. */
  onComment?(text: string): void;
}

/** Thrown when a line or an event grows past `maxLength` characters (a broken or hostile stream). */
export class SseSizeError extends Error {
  override readonly name = 'SseSizeError';
}

const LINE_END = /\r\n|\r|\n/g;

export class SseParser {
  /**
   * The id of the last complete event (blank line seen); persists across events and is what a reconnection sends
   * as `Last-Event-ID`. An `id:` of an event cut off by a broken connection does not count.
   */
  lastEventId: string;
  private idBuffer: string;
  private buffer = '';
  private data = '';
  private type = '';
  // A chunk that ended with CR: a LF at the start of the next chunk belongs to the same line ending.
  private skipLeadingLF = false;
  private readonly maxLength: number;

  constructor(
    private readonly handlers: SseHandlers,
    options: { lastEventId?: string; maxLength?: number } = {},
  ) {
    this.lastEventId = options.lastEventId ?? '';
    this.idBuffer = this.lastEventId;
    this.maxLength = options.maxLength ?? 1_048_576;
  }

  /** Feeds decoded text; dispatches every event completed by it. */
  push(chunk: string): void {
    if (chunk === '') return;
    if (this.skipLeadingLF) {
      this.skipLeadingLF = false;
      if (chunk.startsWith('\n')) chunk = chunk.slice(1);
    }
    const text = this.buffer + chunk;
    let start = 0;
    LINE_END.lastIndex = 0;
    for (let match = LINE_END.exec(text); match; match = LINE_END.exec(text)) {
      const end = match.index + match[0].length;
      if (match[0] === '\r' && end === text.length) this.skipLeadingLF = true;
      this.line(text.slice(start, match.index));
      start = end;
    }
    this.buffer = text.slice(start);
    if (this.buffer.length > this.maxLength) throw new SseSizeError('An event-stream line is too long');
  }

  /** The stream ended: an event without its closing blank line is dropped, as the standard says. */
  end(): void {
    this.buffer = '';
    this.data = '';
    this.type = '';
    this.idBuffer = this.lastEventId;
    this.skipLeadingLF = false;
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return this.handlers.onComment?.(line.slice(1).replace(/^ /, ''));
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.type = value;
        break;
      case 'data':
        this.data += `${value}\n`;
        if (this.data.length > this.maxLength) throw new SseSizeError('An event-stream event is too long');
        break;
      case 'id':
        if (!value.includes('\0')) this.idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.handlers.onRetry?.(Number(value));
        break;
      default:
      // Unknown fields are ignored.
    }
  }

  private dispatch(): void {
    const { data, type } = this;
    this.lastEventId = this.idBuffer;
    this.data = '';
    this.type = '';
    if (data === '') return;
    this.handlers.onEvent({ type: type || 'message', data: data.slice(0, -1), lastEventId: this.lastEventId });
  }
}
