import type { FastifyBaseLogger } from 'fastify';
import { helsinkiDate } from '../lib/calendar.js';
import { evaluateRules } from '../rules/evaluate.js';
import { applyOverrides, overrideProblem, type EffectiveRule } from '../rules/overrides.js';
import type { RulePack } from '../rules/rule-pack.schema.js';
import type { SourceStatus } from '../schemas/case.js';
import type { FeedItem } from '../schemas/feed.js';
import { ConfigError } from '../tenants/load-municipalities.js';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';
import type { TenantRegistry } from '../tenants/tenant-registry.js';
import { featuredItems, isReachable, matchToItem, noticeItems, sortFeed } from './build-feed.js';
import type { CasesProvider, CitizenRef, FactsProvider, ServiceCatalogue } from './ports.js';

export interface FeedServiceDeps {
  pack: RulePack;
  tenants: TenantRegistry;
  facts: FactsProvider;
  cases: CasesProvider;
  catalogue: ServiceCatalogue;
  now: () => Date;
}

export interface GeneralFeed {
  items: FeedItem[];
  sources: SourceStatus[];
}

export interface PersonalFeed extends GeneralFeed {
  /** The personal-data sources asked (population and case systems), with how each answered. */
  personalSources: SourceStatus[];
  /**
   * The own access-log pseudonyms of the children whose population data was read (the guardian's answer lists
   * them): the read is in each child's log too.
   */
  childSubjects: string[];
}

/** Builds the general and the personal feed of a municipality. Consent is the caller's business. */
export class FeedService {
  readonly pack: RulePack;
  readonly #deps: FeedServiceDeps;
  readonly #rules = new Map<string, EffectiveRule[]>();

  constructor(deps: FeedServiceDeps) {
    this.#deps = deps;
    this.pack = deps.pack;
    for (const m of deps.tenants.all) {
      const problem = overrideProblem(deps.pack.rules, m.rules?.overrides);
      if (problem) throw new ConfigError(`${m.id}.json: ${problem}`);
      this.#rules.set(m.id, applyOverrides(deps.pack.rules, m.rules?.overrides));
    }
  }

  rulesOf(municipalityId: string): readonly EffectiveRule[] {
    return this.#rules.get(municipalityId) ?? [];
  }

  async services(municipality: MunicipalityConfig) {
    const snapshot = await this.#deps.catalogue.forMunicipality(municipality.id);
    return { services: snapshot?.services ?? [], sources: snapshot ? [snapshot.status] : [] };
  }

  /** Featured services by life event and the municipality's notices. Reads no personal data. */
  async general(municipality: MunicipalityConfig): Promise<GeneralFeed> {
    const { services, sources } = await this.services(municipality);
    const items = [
      ...featuredItems(this.pack, services),
      ...noticeItems(municipality.notices, helsinkiDate(this.#deps.now())),
    ];
    return { items: sortFeed(items), sources };
  }

  /** Personal suggestions, tasks and notices; the featured services too when nothing personal applies. */
  async personal(municipality: MunicipalityConfig, citizen: CitizenRef, log: FastifyBaseLogger): Promise<PersonalFeed> {
    const { facts: factsProvider, cases: casesProvider } = this.#deps;
    const [factsResult, casesResult, catalogue] = await Promise.all([
      factsProvider.configured(municipality.id) ? factsProvider.facts(citizen, log) : Promise.resolve(null),
      casesProvider.cases(citizen, log),
      this.services(municipality),
    ]);
    const now = this.#deps.now();
    const matches = evaluateRules(
      {
        municipality: {
          code: municipality.code,
          name: municipality.name,
          type: municipality.type,
          finnishCases: municipality.finnishCases,
        },
        person: factsResult?.facts ?? null,
        // Unknown (null) only when every case system was asked and none answered; none configured means no cases.
        cases:
          casesResult.sources.length === 0 || casesResult.sources.some((s) => s.status !== 'unavailable')
            ? casesResult.items
            : null,
        casesComplete: casesResult.sources.every((s) => s.status === 'ok' || s.status === 'stale'),
      },
      this.rulesOf(municipality.id),
      now,
    );
    const personal = matches.map((m) => matchToItem(m, catalogue.services, this.pack)).filter(isReachable);
    const suggestedServices = new Set(personal.flatMap((i) => (i.service ? [i.service.id] : [])));
    const featured =
      personal.length === 0
        ? featuredItems(this.pack, catalogue.services).filter((i) => !suggestedServices.has(i.service?.id ?? ''))
        : [];
    const items = sortFeed([...personal, ...featured, ...noticeItems(municipality.notices, helsinkiDate(now))]);
    const personalSources = [...(factsResult ? [factsResult.source] : []), ...casesResult.sources];
    const childSubjects = (factsResult?.facts?.children ?? []).flatMap((c) =>
      c.subjectPseudonym ? [c.subjectPseudonym] : [],
    );
    return { items, sources: [...personalSources, ...catalogue.sources], personalSources, childSubjects };
  }
}
