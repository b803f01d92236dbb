import fp from 'fastify-plugin';
import { LruMap } from '../lib/lru-map.js';
import { ApiError } from './problems.js';

export interface RateLimits {
  /** Requests per minute per signed-in citizen (issuer + sub) to the personal-data routes. */
  perCitizenPerMinute: number;
  /** Requests per minute per client address to the API (`/v1/`, but not back ends' webhooks). */
  perAddressPerMinute: number;
  /** Live-update streams open at once per signed-in citizen (issuer + sub), over all their tabs and devices. */
  streamsPerCitizen: number;
}

/**
 * A citizen's page makes a handful of requests per view (its widgets, a live-update stream); a municipal office
 * or a mobile carrier puts many citizens behind one address. Both limits are far above honest use and far below
 * what a script can send.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perCitizenPerMinute: 600,
  perAddressPerMinute: 3_000,
  // A page shares one stream among its widgets (sdk/src/live.ts); ten tabs or devices is far above honest use.
  streamsPerCitizen: 10,
};

const WINDOW_MS = 60_000;
/** Counters kept at most; the least recently used go first (an evicted counter only starts again from zero). */
const MAX_KEYS = 100_000;
const API_PREFIX = '/v1/';
const WEBHOOKS_PREFIX = '/v1/webhooks/';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one request by this citizen; throws the 429 when they are over their limit. */
    limitCitizen: (citizen: { iss: string; sub: string }) => void;
  }
}

/** Fixed one-minute windows per key: `take` counts a request, and says how long to wait once over the limit. */
export class RateLimiter {
  readonly #limit: number;
  readonly #now: () => number;
  readonly #windows = new LruMap<string, { startedAt: number; count: number }>(MAX_KEYS);

  constructor(limit: number, now: () => number) {
    this.#limit = limit;
    this.#now = now;
  }

  /** null when the request is within the limit; else the seconds until the key's window ends. */
  take(key: string): number | null {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (window === undefined || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.#limit) return null;
    return Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
  }
}

function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError('KA_RATE_LIMITED', 'Too many requests; try again shortly', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/**
 * Rate limits (security.md check 12). Per client address on every API request, before authentication (so
 * guessing tokens is limited too); per citizen once authenticated (auth/plugin.ts calls `limitCitizen`). The
 * address is `request.ip`: the socket's peer, or with TRUST_PROXY the address the trusted proxy hop reports, so
 * an `X-Forwarded-For` sent by anyone else changes nothing. Over the limit: 429 problem+json with `Retry-After`.
 * In memory, per process.
 */
export const rateLimitPlugin = fp<{ limits: RateLimits; now: () => Date }>(
  async (app, { limits, now }) => {
    const clock = () => now().getTime();
    const byAddress = new RateLimiter(limits.perAddressPerMinute, clock);
    const byCitizen = new RateLimiter(limits.perCitizenPerMinute, clock);

    app.addHook('onRequest', (request, _reply, done) => {
      // By the route the router matched, not the raw URL: the router decodes the path, so `/%761/me/cases` is
      // `/v1/me/cases`. Requests that match no route are judged by their URL.
      const path = request.routeOptions.url ?? request.url;
      if (!path.startsWith(API_PREFIX) || path.startsWith(WEBHOOKS_PREFIX)) {
        done();
        return;
      }
      const wait = byAddress.take(request.ip);
      if (wait === null) {
        done();
        return;
      }
      request.log.info({ event: 'rate_limited', scope: 'address' }, 'too many requests');
      done(rateLimited(wait));
    });

    app.decorate('limitCitizen', (citizen: { iss: string; sub: string }) => {
      const wait = byCitizen.take(`${citizen.iss}\u0000${citizen.sub}`);
      if (wait === null) return;
      app.log.info({ event: 'rate_limited', scope: 'citizen' }, 'too many requests');
      throw rateLimited(wait);
    });
  },
  { name: 'ka-rate-limit' },
);
