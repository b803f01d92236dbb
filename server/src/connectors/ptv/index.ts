/**
 * The PTV service catalogue (v11 OUT API, reference/backends.md §1): each municipality's services, refreshed in
 * the background, the last good copy kept in the database and served when PTV is down.
 *
 * For the feed: `app.ptvCatalogue.services(municipalityId)` → `{ services: Service[], source: SourceStatus }`.
 * `source.status` is `ok` while the latest refresh succeeded, `stale` when serving the last good copy after a
 * failed refresh, `unavailable` when there is no copy at all; `fetchedAt` is the copy's time.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { CallContext, CallGuard, CatalogueService, ConnectorContext } from '../contract.js';
import type { OutboundHttp } from '../outbound-http.js';
import type { SourceStatus } from '../../schemas/case.js';
import type { Service, ServiceChannel } from '../../schemas/service.js';
import type { Db } from '../../store/database.js';
import type { MunicipalityConfig } from '../../tenants/municipality-config.js';
import type { PtvSourceConfig } from './config.js';
import { mapPtvChannel, mapPtvService } from './ptv.mapper.js';
import { ptvChannelListCheck, ptvServicePageCheck, type PtvService } from './ptv.schemas.js';

export const PTV_SOURCE_ID = 'ptv';
export const DEFAULT_PTV_REFRESH_MS = 6 * 3600_000;
export const DEFAULT_PTV_TIMEOUT_MS = 5_000;
const MAX_PAGES = 50;
const CHANNEL_BATCH = 100;

export interface PtvCatalogueResult {
  services: Service[];
  source: SourceStatus;
}

interface Entry {
  municipality: MunicipalityConfig;
  config: PtvSourceConfig;
  http: OutboundHttp;
  guard: CallGuard;
  copy: { services: Service[]; fetchedAt: string } | null;
  lastRefreshOk: boolean | null;
  refreshing: Promise<boolean> | null;
  timer: NodeJS.Timeout | null;
}

export class PtvCatalogue implements CatalogueService {
  readonly #entries = new Map<string, Entry>();
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #log: FastifyBaseLogger;
  #started = false;

  constructor(deps: { db: Db; now: () => Date; log: FastifyBaseLogger }) {
    this.#db = deps.db;
    this.#now = deps.now;
    this.#log = deps.log;
  }

  /** Registers a municipality that configures `sources.ptv` (done by connector.ts at start). */
  add(municipality: MunicipalityConfig, context: ConnectorContext, guard: CallGuard): void {
    const config = municipality.sources.ptv;
    if (!config) return;
    const http = context.http(PTV_SOURCE_ID, {
      baseUrl: config.baseUrl,
      allowedHosts: config.resilience?.allowedHosts,
      connections: config.resilience?.concurrency ?? 4,
      maxResponseBytes: 20 * 1024 * 1024,
      municipalityId: municipality.id,
      transport: config,
    });
    this.#entries.set(municipality.id, {
      municipality,
      config,
      http,
      guard,
      copy: null,
      lastRefreshOk: null,
      refreshing: null,
      timer: null,
    });
  }

  configured(municipalityId: string): boolean {
    return this.#entries.has(municipalityId);
  }

  /** Loads the saved copies, then refreshes every catalogue in the background and on each interval. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const rows = await this.#db.selectFrom('ptv_catalogues').selectAll().execute();
    for (const row of rows) {
      const entry = this.#entries.get(row.municipality_id);
      if (entry) entry.copy = { services: JSON.parse(row.payload) as Service[], fetchedAt: row.fetched_at };
    }
    for (const [id, entry] of this.#entries) {
      void this.refresh(id);
      entry.timer = setInterval(() => void this.refresh(id), entry.config.refreshIntervalMs ?? DEFAULT_PTV_REFRESH_MS);
      entry.timer.unref();
    }
  }

  async services(municipalityId: string): Promise<PtvCatalogueResult> {
    const entry = this.#entries.get(municipalityId);
    if (!entry) return { services: [], source: { id: PTV_SOURCE_ID, status: 'unavailable', fetchedAt: null } };
    // Nothing to show yet: wait for the refresh in flight (or start one) rather than answer empty.
    if (!entry.copy) await (entry.refreshing ?? this.refresh(municipalityId));
    const copy = entry.copy;
    if (!copy) return { services: [], source: { id: PTV_SOURCE_ID, status: 'unavailable', fetchedAt: null } };
    return {
      services: copy.services,
      source: { id: PTV_SOURCE_ID, status: entry.lastRefreshOk === false ? 'stale' : 'ok', fetchedAt: copy.fetchedAt },
    };
  }

  /** One refresh (deduplicated while in flight); true when a new copy was fetched and saved. */
  refresh(municipalityId: string): Promise<boolean> {
    const entry = this.#entries.get(municipalityId);
    if (!entry) return Promise.resolve(false);
    entry.refreshing ??= this.#refresh(entry).finally(() => {
      entry.refreshing = null;
    });
    return entry.refreshing;
  }

  close(): void {
    for (const entry of this.#entries.values()) if (entry.timer) clearInterval(entry.timer);
  }

  async #refresh(entry: Entry): Promise<boolean> {
    try {
      const services = await this.#download(entry);
      const fetchedAt = this.#now().toISOString();
      const payload = JSON.stringify(services);
      await this.#db
        .insertInto('ptv_catalogues')
        .values({ municipality_id: entry.municipality.id, fetched_at: fetchedAt, payload })
        .onConflict((oc) => oc.column('municipality_id').doUpdateSet({ fetched_at: fetchedAt, payload }))
        .execute();
      entry.copy = { services, fetchedAt };
      entry.lastRefreshOk = true;
      return true;
    } catch (error) {
      entry.lastRefreshOk = false;
      this.#log.warn(
        {
          event: 'ptv_refresh_failed',
          municipality: entry.municipality.id,
          reason: (error as { reason?: string }).reason ?? 'unexpected',
        },
        'PTV catalogue refresh failed; serving the last good copy',
      );
      return false;
    }
  }

  /** Every page of the municipality's services, then their channels in batches; each call guarded on its own. */
  async #download(entry: Entry): Promise<Service[]> {
    const budgetMs = entry.config.timeoutMs ?? DEFAULT_PTV_TIMEOUT_MS;
    const call = <T>(work: (context: CallContext) => Promise<T>) => entry.guard.run(work, { budgetMs });
    const whole = entry.config.includeWholeCountry ? 'true' : 'false';
    const raw: PtvService[] = [];
    for (let page = 1, pageCount = 1; page <= pageCount && page <= MAX_PAGES; page += 1) {
      const body = await call((context) =>
        entry.http.json(context, {
          method: 'GET',
          path: `/v11/Service/list/area/Municipality/code/${entry.municipality.code}?includeWholeCountry=${whole}&page=${page}`,
          check: ptvServicePageCheck,
        }),
      );
      raw.push(...(body.itemList ?? []).filter((s) => !s.publishingStatus || s.publishingStatus === 'Published'));
      pageCount = body.pageCount;
    }

    const channelIds = [...new Set(raw.flatMap((s) => (s.serviceChannels ?? []).map((c) => c.serviceChannel.id)))];
    const channels = new Map<string, ServiceChannel>();
    for (let i = 0; i < channelIds.length; i += CHANNEL_BATCH) {
      const guids = channelIds
        .slice(i, i + CHANNEL_BATCH)
        .map(encodeURIComponent)
        .join(',');
      const list = await call((context) =>
        entry.http.json(context, {
          method: 'GET',
          path: `/v11/ServiceChannel/list?guids=${guids}`,
          check: ptvChannelListCheck,
        }),
      );
      for (const channel of list) {
        const mapped = mapPtvChannel(channel);
        if (mapped) channels.set(mapped.id, mapped);
      }
    }
    return raw.map((s) => mapPtvService(s, channels)).filter((s): s is Service => s !== null);
  }
}
