/**
 * Every back end Kunta-Akkuna connects, in one place. A connector is one folder (connectors/<system>/: its
 * `config.ts` schema, `index.ts`, mapper and schemas) and one line here: the key of its configuration in a
 * municipality file's `sources`, that schema, and what it is to the rest of the server:
 * - `cases`: a case source per municipality (aggregate/ fans out to every one of them);
 * - `facts`: the population data behind the proactive feed and the guardianship check (one such connector);
 * - `catalogue`: the public service catalogue of the feed (one such connector).
 * server.ts takes the lists from here; aggregate/ only ever sees the contract (contract.ts).
 */
import { Type, type TObject, type TOptional, type TSchema } from '@sinclair/typebox';
import type { CaseConnector, CatalogueConnector, FactsConnector } from './contract.js';
import { EvakaSourceConfig } from './evaka/config.js';
import { evakaConnector } from './evaka/index.js';
import { GenericSourceConfig } from './generic/config.js';
import { genericConnector } from './generic/index.js';
import { LupapisteSourceConfig } from './lupapiste/config.js';
import { lupapisteConnector } from './lupapiste/index.js';
import { PopulationSourceConfig } from './population/config.js';
import { populationConnector } from './population/connector.js';
import { PtvSourceConfig } from './ptv/config.js';
import { ptvConnector } from './ptv/connector.js';

type Entry =
  | { config: TSchema; cases: CaseConnector }
  | { config: TSchema; facts: FactsConnector }
  | { config: TSchema; catalogue: CatalogueConnector };

export const CONNECTORS = {
  lupapiste: { config: LupapisteSourceConfig, cases: lupapisteConnector },
  evaka: { config: EvakaSourceConfig, cases: evakaConnector },
  generic: { config: GenericSourceConfig, cases: genericConnector },
  population: { config: PopulationSourceConfig, facts: populationConnector },
  ptv: { config: PtvSourceConfig, catalogue: ptvConnector },
} as const satisfies Record<string, Entry>;

type Entries = Record<string, Entry>;
type SourcesProperties<T extends Entries> = { [K in keyof T]: TOptional<T[K]['config']> };

/** The `sources` object of a municipality file: every connector's schema, each optional, nothing else. */
export function sourcesSchema<T extends Entries>(entries: T): TObject<SourcesProperties<T>> {
  const properties = Object.fromEntries(
    Object.entries(entries).map(([key, entry]) => [key, Type.Optional(entry.config)]),
  ) as SourcesProperties<T>;
  return Type.Object(properties, { additionalProperties: false });
}

/** The case connectors, in the order their sources are listed in `sources[]`. */
export function caseConnectors(entries: Entries = CONNECTORS): CaseConnector[] {
  return Object.values(entries).flatMap((entry) => ('cases' in entry ? [entry.cases] : []));
}

/** The one connector of a role that has one (`facts`, `catalogue`); a second one is a mistake in this file. */
export function onlyConnector<R extends 'facts' | 'catalogue'>(
  role: R,
  entries: Entries = CONNECTORS,
): R extends 'facts' ? FactsConnector : CatalogueConnector {
  const found = Object.values(entries).flatMap((entry) => (role in entry ? [(entry as Record<R, unknown>)[role]] : []));
  if (found.length !== 1) throw new Error(`connectors/registry.ts must list exactly one ${role} connector`);
  return found[0] as R extends 'facts' ? FactsConnector : CatalogueConnector;
}
