/**
 * Fault injection shared by every back-end emulator: each source (lupapiste, evaka, ptv, population…) has one
 * current fault, switched by tests through the control API (`PUT /__control/<source>/fault`).
 *
 * Modes: `none`; `delay` (answer after `ms`); `error` (HTTP 500 with the source's error body); `malformed`
 * (HTTP 200 with a truncated JSON body, or with `variant: 'shape'` well-formed JSON of the wrong shape); `hang`
 * (never answer until the fault is changed, the emulators are reset or closed); `refuse` (destroy the socket
 * at once: the client sees a reset connection, as close to "connection refused" as a shared port allows).
 */
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

export const FAULT_MODES = ['none', 'delay', 'error', 'malformed', 'hang', 'refuse'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];
export const MALFORMED_VARIANTS = ['truncated', 'shape'] as const;
export type MalformedVariant = (typeof MALFORMED_VARIANTS)[number];

export interface Fault {
  mode: FaultMode;
  /** For `delay`: milliseconds before the normal answer (0–120000, default 2000). */
  ms?: number;
  /** For `malformed`: a truncated JSON body (default) or valid JSON of the wrong shape. */
  variant?: MalformedVariant;
}

export interface FaultSourceOptions {
  /** Content type of the error and malformed bodies (default JSON); with another, string bodies are sent as they are. */
  contentType?: string;
  /** JSON body sent with the HTTP 500 of mode `error`. */
  errorBody?: unknown;
  /** Body text for `malformed` / `truncated`; should look like the start of a real answer. */
  truncatedBody?: string;
  /** JSON body for `malformed` / `shape`: parseable, but not what the real system sends. */
  wrongShapeBody?: unknown;
}

export const MAX_DELAY_MS = 120_000;
export const DEFAULT_DELAY_MS = 2_000;

const NO_FAULT: Fault = Object.freeze({ mode: 'none' });

/** Validates a control-API body; returns the fault or an error message. */
export function parseFault(body: unknown): Fault | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const { mode, ms, variant, ...rest } = body as Record<string, unknown>;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0) return `unknown properties: ${unknownKeys.join(', ')}`;
  if (typeof mode !== 'string' || !(FAULT_MODES as readonly string[]).includes(mode)) {
    return `mode must be one of ${FAULT_MODES.join(', ')}`;
  }
  const fault: Fault = { mode: mode as FaultMode };
  if (ms !== undefined) {
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) {
      return `ms must be an integer 0–${MAX_DELAY_MS}`;
    }
    fault.ms = ms;
  }
  if (variant !== undefined) {
    if (typeof variant !== 'string' || !(MALFORMED_VARIANTS as readonly string[]).includes(variant)) {
      return `variant must be one of ${MALFORMED_VARIANTS.join(', ')}`;
    }
    fault.variant = variant as MalformedVariant;
  }
  return fault;
}

interface SourceState {
  options: FaultSourceOptions;
  fault: Fault;
  hanging: Set<Socket>;
  /** Requests that reached this source (whatever the fault), for tests that check a call never arrived. */
  requests: number;
}

export class FaultInjector {
  readonly #sources = new Map<string, SourceState>();
  readonly #sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();

  /** Makes `source` known to the control API, with its error and malformed bodies. */
  register(source: string, options: FaultSourceOptions = {}): void {
    if (this.#sources.has(source)) throw new Error(`fault source "${source}" registered twice`);
    this.#sources.set(source, { options, fault: NO_FAULT, hanging: new Set(), requests: 0 });
  }

  sources(): string[] {
    return [...this.#sources.keys()];
  }

  has(source: string): boolean {
    return this.#sources.has(source);
  }

  get(source: string): Fault {
    return { ...this.#state(source).fault };
  }

  /** Switches the fault of one source; requests hanging under the previous fault are released (closed). */
  set(source: string, fault: Fault): void {
    const state = this.#state(source);
    state.fault = { ...fault };
    if (fault.mode !== 'hang') this.#release(state);
  }

  /** Every source back to `none`; hanging requests closed; pending delays finish now. */
  reset(): void {
    for (const state of this.#sources.values()) {
      state.fault = NO_FAULT;
      this.#release(state);
    }
    this.#wakeSleepers();
  }

  /** For the server's onClose: nothing may keep a connection or timer alive. */
  close(): void {
    this.reset();
  }

  /** Requests that have reached `source` since start (for tests: did a call reach the back end?). */
  requestCount(source: string): number {
    return this.#state(source).requests;
  }

  /** Number of requests currently hanging for `source` (for tests and diagnostics). */
  hangingCount(source: string): number {
    return this.#state(source).hanging.size;
  }

  /**
   * A Fastify onRequest hook for the routes of `source`. Register it in the source's encapsulated plugin,
   * before authentication, so that a hung or refusing back end behaves the same for every caller.
   */
  hook(source: string): onRequestAsyncHookHandler {
    const state = this.#state(source);
    const contentType = state.options.contentType ?? 'application/json; charset=utf-8';
    const encode = (body: unknown) =>
      state.options.contentType && typeof body === 'string' ? body : JSON.stringify(body);
    return async (request: FastifyRequest, reply: FastifyReply) => {
      state.requests += 1;
      const fault = state.fault;
      switch (fault.mode) {
        case 'none':
          return;
        case 'delay':
          await this.#sleep(fault.ms ?? DEFAULT_DELAY_MS);
          return;
        case 'error':
          return reply
            .code(500)
            .type(contentType)
            .send(encode(state.options.errorBody ?? { error: 'Internal Server Error' }));
        case 'malformed':
          if (fault.variant === 'shape') {
            return reply
              .code(200)
              .type(contentType)
              .send(encode(state.options.wrongShapeBody ?? { unexpected: true }));
          }
          return reply
            .code(200)
            .type(contentType)
            .send(state.options.truncatedBody ?? '{"ok":true,"data":{');
        case 'hang': {
          reply.hijack();
          const socket = request.raw.socket;
          state.hanging.add(socket);
          socket.once('close', () => state.hanging.delete(socket));
          return reply;
        }
        case 'refuse':
          reply.hijack();
          request.raw.socket.destroy();
          return reply;
      }
    };
  }

  #state(source: string): SourceState {
    const state = this.#sources.get(source);
    if (!state) throw new Error(`unknown fault source "${source}"`);
    return state;
  }

  #release(state: SourceState): void {
    for (const socket of state.hanging) socket.destroy();
    state.hanging.clear();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.#sleepers.delete(sleeper);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.#sleepers.add(sleeper);
    });
  }

  #wakeSleepers(): void {
    for (const sleeper of this.#sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.wake();
    }
    this.#sleepers.clear();
  }
}
