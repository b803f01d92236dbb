// Test helpers (imported only by *.test.ts): mocha globals with types, tiny assertions, fixtures, axe, fakes.
import 'axe-core/axe.js';
import type { AxeResults } from 'axe-core';
import { KuntaError } from '@kunta-akkuna/sdk';
import type {
  AuthStrategy,
  CaseChangedEvent,
  CaseChangeListener,
  CaseList,
  KuntaClient,
  LiveStatus,
  Municipality,
  SessionUser,
  SignInOptions,
  SubscribeOptions,
} from '@kunta-akkuna/sdk';
import type { LitElement } from 'lit';

type Body = (this: unknown) => void | Promise<void>;
interface MochaGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: Body): void;
  beforeEach(body: Body): void;
  afterEach(body: Body): void;
}
const mocha = globalThis as unknown as MochaGlobals;
export const describe = (name: string, body: () => void) => mocha.describe(name, body);
export const it = (name: string, body: Body) => mocha.it(name, body);
export const beforeEach = (body: Body) => mocha.beforeEach(body);
export const afterEach = (body: Body) => mocha.afterEach(body);

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new Error(message);
}
export function equal<T>(actual: T, expected: T, message = '') {
  if (!Object.is(actual, expected)) {
    throw new Error(
      `${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }
}
export function includes(text: string | null | undefined, part: string, message = '') {
  if (!text?.includes(part)) throw new Error(`${message ? `${message}: ` : ''}expected "${text}" to include "${part}"`);
}

const axe = (globalThis as unknown as { axe: { run(context: Element, options?: object): Promise<AxeResults> } }).axe;

/** Runs axe on the element (it enters open shadow roots) and fails on any violation. */
export async function expectAccessible(element: Element) {
  const results = await axe.run(element, { resultTypes: ['violations'] });
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  assert(violations.length === 0, `axe violations:\n${violations.join('\n')}`);
}

const mounted: Element[] = [];

/** Adds `element` to the page and waits until it has rendered. */
export async function fixture<T extends HTMLElement>(element: T, parent: HTMLElement = document.body): Promise<T> {
  parent.append(element);
  mounted.push(element);
  await settle(element);
  return element;
}

export function cleanup() {
  for (const element of mounted.splice(0)) element.remove();
}

/** Waits for pending microtasks, timers and the element's update. */
export async function settle(element?: Element) {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const lit = element as LitElement | undefined;
    if (lit && 'updateComplete' in lit) await lit.updateComplete;
  }
}

/** Waits until `predicate` holds (polling), or fails after `timeout` ms. */
export async function waitFor(predicate: () => unknown, message = 'condition', timeout = 2000) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function shadow(element: Element, selector: string): HTMLElement | null {
  return element.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

export function shadowAll(element: Element, selector: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
}

/** The visible text of a node, whitespace collapsed. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------
// Fakes

export interface FakeAuth extends AuthStrategy {
  user: SessionUser | null;
  calls: string[];
  emit(user: SessionUser | null): void;
  signInError?: unknown;
  callbackError?: unknown;
  /** What the last `signIn` call asked for (e.g. `uiLocales`). */
  signInOptions?: SignInOptions;
}

export const MAIJA: SessionUser = { sub: 'pseudo-maija', name: 'Maija Meikäläinen', expiresAt: Date.now() + 600_000 };

export function fakeAuth(user: SessionUser | null = null): FakeAuth {
  const listeners = new Set<(user: SessionUser | null) => void>();
  const auth: FakeAuth = {
    user,
    calls: [],
    emit(next) {
      auth.user = next;
      listeners.forEach((listener) => listener(next));
    },
    async getUser() {
      auth.calls.push('getUser');
      return auth.user;
    },
    async signIn(options) {
      auth.calls.push('signIn');
      auth.signInOptions = options;
      if (auth.signInError) throw auth.signInError;
      await new Promise(() => undefined); // a redirect never returns
    },
    async handleCallback() {
      auth.calls.push('handleCallback');
      if (auth.callbackError) throw auth.callbackError;
      return auth.user;
    },
    async signOut() {
      auth.calls.push('signOut');
      auth.emit(null);
    },
    async authorize() {
      return auth.user ? { Authorization: 'Bearer fake' } : null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return auth;
}

export interface FakeClient extends KuntaClient {
  signals: AbortSignal[];
  respond: (signal: AbortSignal) => Promise<CaseList>;
  live: FakeLive;
}

/** The fake of `cases.subscribe`: who is subscribed, and a way to push events and statuses to them. */
export interface FakeLive {
  /** Subscriptions open now. */
  readonly active: number;
  /** Every subscribe call so far. */
  calls: number;
  emit(change: Pick<CaseChangedEvent, 'caseId' | 'status'> & Partial<CaseChangedEvent>): void;
  status(status: LiveStatus): void;
}

function fakeLive(): FakeLive & {
  subscribe: (listener: CaseChangeListener, options?: SubscribeOptions) => () => void;
} {
  const open = new Set<{ listener: CaseChangeListener; options: SubscribeOptions }>();
  let eventId = 0;
  const live = {
    get active() {
      return open.size;
    },
    calls: 0,
    emit(change: Pick<CaseChangedEvent, 'caseId' | 'status'> & Partial<CaseChangedEvent>) {
      eventId++;
      const event: CaseChangedEvent = {
        type: 'case-changed',
        eventId: String(eventId),
        source: 'lupapiste',
        ...change,
      };
      for (const entry of [...open]) entry.listener(event);
    },
    status(status: LiveStatus) {
      for (const entry of [...open]) {
        // Like the SDK: `stopped` and `closed` end the subscription.
        if (status.state === 'stopped' || status.state === 'closed') open.delete(entry);
        entry.options.onStatus?.(status);
      }
    },
    subscribe(listener: CaseChangeListener, options: SubscribeOptions = {}) {
      live.calls++;
      const entry = { listener, options };
      open.add(entry);
      const stop = () => {
        if (open.delete(entry)) options.onStatus?.({ state: 'closed' });
      };
      options.signal?.addEventListener('abort', stop, { once: true });
      queueMicrotask(() => {
        if (open.has(entry)) options.onStatus?.({ state: 'open', resumed: false });
      });
      return stop;
    },
  };
  return live;
}

export function fakeClient(
  auth: AuthStrategy | undefined,
  respond: (signal: AbortSignal) => Promise<CaseList>,
): FakeClient {
  const live = fakeLive();
  const client: FakeClient = {
    baseUrl: 'https://api.test',
    municipalityId: 'nivala',
    auth,
    signals: [],
    respond,
    live,
    municipality: { retrieve: async () => ({}) as Municipality } as unknown as KuntaClient['municipality'],
    cases: {
      list: (_params: unknown, options: { signal?: AbortSignal } = {}) => {
        const signal = options.signal ?? new AbortController().signal;
        client.signals.push(signal);
        return client.respond(signal);
      },
      retrieve: async () => {
        throw new KuntaError({ code: 'KA_NOT_FOUND', status: 404 });
      },
      subscribe: live.subscribe,
    } as unknown as KuntaClient['cases'],
    // <kunta-service-feed> tests build their own fake (service-feed.test.ts); these widgets never call them.
    feed: {} as KuntaClient['feed'],
    consent: {} as KuntaClient['consent'],
    services: {} as KuntaClient['services'],
    notices: { list: async () => ({ items: [], generatedAt: NOW }) } as unknown as KuntaClient['notices'],
    staff: {} as KuntaClient['staff'],
    myData: {} as KuntaClient['myData'],
    request: async () => {
      throw new Error('not used');
    },
  };
  return client;
}

/** A promise that never settles until its signal aborts. */
export function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
  );
}

export const NOW = '2026-03-12T12:05:00Z';

export function sampleList(): CaseList {
  return {
    items: [
      {
        id: 'lupapiste:LP-535-2026-00012',
        source: 'lupapiste',
        type: 'building_permit',
        title: { fi: 'Omakotitalon rakennuslupa', sv: 'Bygglov för egnahemshus', en: 'Building permit for a house' },
        status: 'action_required',
        sourceStatus: 'complementNeeded',
        timeline: [
          {
            at: '2026-02-01T08:00:00Z',
            status: 'submitted',
            label: { fi: 'Jätetty', sv: 'Inlämnad', en: 'Submitted' },
          },
          {
            at: '2026-03-12T12:05:00Z',
            status: 'action_required',
            label: { fi: 'Täydennyspyyntö', sv: 'Begäran om komplettering', en: 'Complement requested' },
          },
        ],
        nextStep: { fi: 'Lisää puuttuvat liitteet.', sv: 'Lägg till bilagorna.', en: 'Add the missing attachments.' },
        actions: [
          {
            label: { fi: 'Täydennä hakemusta', sv: 'Komplettera', en: 'Complete the application' },
            href: 'https://lupapiste.example/app/LP-535-2026-00012',
          },
          { label: { fi: 'Vaarallinen', sv: 'Farlig', en: 'Dangerous' }, href: 'javascript:alert(1)' },
        ],
        subject: { kind: 'self' },
        updatedAt: NOW,
      },
      {
        id: 'lupapiste:LP-535-2026-00013',
        source: 'lupapiste',
        type: 'building_permit',
        title: { fi: 'Saunan rakennuslupa', sv: 'Bygglov för bastu', en: 'Building permit for a sauna' },
        status: 'submitted',
        sourceStatus: 'sent',
        timeline: [],
        nextStep: null,
        actions: [],
        subject: { kind: 'self' },
        updatedAt: '2026-01-15T22:30:00Z',
      },
    ],
    sources: [{ id: 'lupapiste', status: 'ok', fetchedAt: NOW }],
  };
}
