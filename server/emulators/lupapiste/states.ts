/**
 * Lupapiste's state graphs, transcribed from lupapiste/commons src/lupapiste_commons/states.cljc (commit in
 * server/test/fixtures/lupapiste/SOURCE.md). Key: a state; value: the states it may move to, the first being the
 * default next state. The emulator's applications walk `full-application-state-graph` (R permits: the default
 * graph plus the construction states the KRYSP reader brings in); the other graphs are here so that tests can
 * check that the connector labels every state of every graph.
 */
type Graph = Readonly<Record<string, readonly string[]>>;

const merge = (...graphs: Graph[]): Graph => {
  const out: Record<string, string[]> = {};
  for (const graph of graphs) {
    for (const [state, next] of Object.entries(graph)) out[state] = [...new Set([...(out[state] ?? []), ...next])];
  }
  return out;
};
const pick = (graph: Graph, keys: readonly string[]): Graph => Object.fromEntries(keys.map((k) => [k, graph[k] ?? []]));

const defaultApplication: Graph = {
  draft: ['open', 'submitted', 'canceled'],
  open: ['submitted', 'canceled'],
  submitted: ['sent', 'draft', 'verdictGiven', 'canceled'],
  sent: ['verdictGiven', 'complementNeeded', 'canceled'],
  complementNeeded: ['sent', 'verdictGiven', 'canceled'],
  verdictGiven: ['constructionStarted', 'appealed', 'closed', 'extinct', 'canceled'],
  constructionStarted: ['closed', 'extinct'],
  closed: [],
  canceled: [],
  extinct: [],
  appealed: ['verdictGiven', 'canceled'],
};
const inforequest: Graph = { info: ['answered', 'canceled'], answered: ['info'], canceled: [] };
const tjIlmoitus: Graph = {
  ...pick(defaultApplication, ['draft', 'open', 'canceled']),
  submitted: ['acknowledged', 'draft', 'canceled'],
  complementNeeded: ['acknowledged', 'canceled'],
  acknowledged: ['complementNeeded'],
};
const tjHakemus: Graph = {
  ...pick(defaultApplication, ['draft', 'open', 'canceled']),
  submitted: ['sent', 'draft', 'canceled'],
  sent: ['foremanVerdictGiven', 'complementNeeded', 'canceled'],
  complementNeeded: ['sent', 'canceled'],
  foremanVerdictGiven: ['canceled', 'appealed'],
  appealed: ['foremanVerdictGiven', 'canceled'],
};
const { constructionStarted: _notInRasite, ...withoutConstruction } = defaultApplication;
const rakennusrasite: Graph = { ...withoutConstruction, verdictGiven: ['appealed', 'closed', 'extinct', 'canceled'] };
// states.cljc writes selventaminen out in full; its edges are the same as tj-ilmoitus's.
const selventaminen: Graph = tjIlmoitus;
const tonttijako: Graph = {
  ...pick(defaultApplication, ['draft', 'open', 'canceled']),
  submitted: ['hearing', 'draft', 'canceled'],
  hearing: ['proposal', 'canceled'],
  proposal: ['proposalApproved', 'canceled'],
  proposalApproved: ['final', 'appealed', 'canceled'],
  appealed: ['final', 'canceled'],
  final: [],
};
const yaKayttolupa: Graph = {
  ...pick(defaultApplication, ['draft', 'open', 'submitted', 'sent', 'complementNeeded', 'extinct', 'canceled']),
  verdictGiven: ['finished', 'appealed', 'extinct', 'canceled', 'verdictGiven'],
  finished: [],
  appealed: ['verdictGiven'],
};
const yaSijoittaminenShared: Graph = {
  draft: ['open', 'submitted', 'canceled'],
  open: ['submitted', 'canceled'],
  complementNeeded: ['sent', 'canceled'],
  canceled: [],
};
const yaSijoituslupa: Graph = {
  ...yaSijoittaminenShared,
  submitted: ['sent', 'draft', 'canceled', 'verdictGiven'],
  sent: ['verdictGiven', 'complementNeeded', 'canceled'],
  verdictGiven: ['finished', 'appealed', 'extinct', 'verdictGiven'],
  appealed: ['verdictGiven'],
  finished: [],
  extinct: [],
};
const yaSijoitussopimus: Graph = {
  ...yaSijoittaminenShared,
  submitted: ['sent', 'draft', 'canceled', 'agreementPrepared'],
  sent: ['agreementPrepared', 'complementNeeded', 'canceled', 'agreementSigned'],
  agreementPrepared: ['agreementSigned', 'canceled', 'agreementPrepared'],
  agreementSigned: [],
};
const yaJatkoaika: Graph = {
  draft: ['open', 'submitted', 'canceled'],
  open: ['submitted', 'canceled'],
  submitted: ['sent', 'draft', 'canceled'],
  sent: ['finished', 'complementNeeded', 'canceled'],
  complementNeeded: ['sent', 'finished', 'canceled'],
  finished: ['appealed', 'extinct', 'canceled'],
  appealed: ['finished', 'canceled'],
  canceled: [],
  extinct: [],
};
const ark: Graph = {
  open: ['underReview', 'archived', 'canceled'],
  underReview: ['archived', 'open', 'canceled'],
  archived: [],
  canceled: [],
};
const allu: Graph = {
  draft: ['open', 'submitted', 'canceled'],
  open: ['submitted', 'canceled'],
  submitted: ['sent', 'draft', 'canceled'],
  sent: ['verdictGiven', 'complementNeeded', 'canceled'],
  complementNeeded: ['sent', 'canceled'],
  verdictGiven: ['canceled'],
  canceled: [],
};
const rJatkoaika: Graph = {
  ...pick(defaultApplication, ['draft', 'open', 'submitted', 'extinct', 'canceled']),
  sent: ['ready', 'complementNeeded', 'canceled'],
  complementNeeded: ['sent', 'ready', 'canceled'],
  ready: ['extinct', 'appealed'],
  appealed: ['ready', 'canceled'],
};
const notice: Graph = {
  draft: ['open', 'submitted', 'canceled'],
  open: ['submitted', 'canceled'],
  submitted: ['ready', 'draft', 'canceled'],
  ready: ['canceled'],
  canceled: [],
};

/** `full-application-state-graph`: R and P permits, with the KRYSP reader's construction states. */
export const LUPAPISTE_STATE_GRAPH = {
  draft: ['open', 'submitted', 'canceled'],
  open: ['submitted', 'canceled'],
  submitted: ['sent', 'draft', 'verdictGiven', 'canceled'],
  sent: ['verdictGiven', 'complementNeeded', 'canceled'],
  complementNeeded: ['sent', 'verdictGiven', 'canceled'],
  closed: [],
  canceled: [],
  extinct: [],
  appealed: ['verdictGiven', 'canceled'],
  verdictGiven: ['constructionStarted', 'inUse', 'onHold', 'appealed', 'closed', 'extinct', 'canceled'],
  constructionStarted: ['inUse', 'onHold', 'closed', 'extinct'],
  inUse: ['closed', 'onHold', 'extinct'],
  onHold: ['closed', 'constructionStarted', 'inUse', 'extinct'],
} as const satisfies Graph;

/** Every graph of states.cljc, by its name there. */
export const LUPAPISTE_STATE_GRAPHS: Readonly<Record<string, Graph>> = {
  'default-application-state-graph': defaultApplication,
  'default-inforequest-state-graph': inforequest,
  'tj-ilmoitus-state-graph': tjIlmoitus,
  'tj-hakemus-state-graph': tjHakemus,
  'rakennusrasite-application-state-graph': rakennusrasite,
  'selventaminen-application-state-graph': selventaminen,
  'tonttijako-application-state-graph': tonttijako,
  'ya-tyolupa-state-graph': defaultApplication,
  'ya-kayttolupa-state-graph': yaKayttolupa,
  'ya-sijoituslupa-state-graph': yaSijoituslupa,
  'ya-sijoitussopimus-state-graph': yaSijoitussopimus,
  'ya-jatkoaika-state-graph': yaJatkoaika,
  'ark-state-graph': ark,
  'allu-state-graph': allu,
  'r-jatkoaika-state-graph': rJatkoaika,
  'r-muutoslupa-state-graph': rJatkoaika,
  'full-application-state-graph': LUPAPISTE_STATE_GRAPH,
  'notice-state-graph': notice,
};

/** `all-transitions-graph`: every state any graph has. */
export const ALL_LUPAPISTE_STATES: readonly string[] = Object.keys(merge(...Object.values(LUPAPISTE_STATE_GRAPHS)));

export type LupapisteState = keyof typeof LUPAPISTE_STATE_GRAPH;

export const LUPAPISTE_STATES = Object.keys(LUPAPISTE_STATE_GRAPH) as LupapisteState[];

export function isLupapisteState(value: unknown): value is LupapisteState {
  return typeof value === 'string' && Object.hasOwn(LUPAPISTE_STATE_GRAPH, value);
}

export function isLegalTransition(from: LupapisteState, to: LupapisteState): boolean {
  return (LUPAPISTE_STATE_GRAPH[from] as readonly string[]).includes(to);
}
