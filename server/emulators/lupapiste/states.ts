/**
 * Lupapiste's building-permit (R/P) state machine: `full-application-state-graph` in lupapiste/commons
 * states.cljc (reference/backends.md §5.1), which adds the construction-phase states the KRYSP backend reader
 * brings in (inUse, onHold) to the default graph. The first target is the default next state.
 */
export const LUPAPISTE_STATE_GRAPH = {
  draft: ['open', 'submitted', 'canceled'],
  open: ['submitted', 'canceled'],
  submitted: ['sent', 'draft', 'verdictGiven', 'canceled'],
  sent: ['verdictGiven', 'complementNeeded', 'canceled'],
  complementNeeded: ['sent', 'verdictGiven', 'canceled'],
  verdictGiven: ['constructionStarted', 'inUse', 'onHold', 'appealed', 'closed', 'extinct', 'canceled'],
  constructionStarted: ['inUse', 'onHold', 'closed', 'extinct'],
  inUse: ['closed', 'onHold', 'extinct'],
  onHold: ['closed', 'constructionStarted', 'inUse', 'extinct'],
  appealed: ['verdictGiven', 'canceled'],
  closed: [],
  canceled: [],
  extinct: [],
} as const satisfies Record<string, readonly string[]>;

export type LupapisteState = keyof typeof LUPAPISTE_STATE_GRAPH;

export const LUPAPISTE_STATES = Object.keys(LUPAPISTE_STATE_GRAPH) as LupapisteState[];

export function isLupapisteState(value: unknown): value is LupapisteState {
  return typeof value === 'string' && Object.hasOwn(LUPAPISTE_STATE_GRAPH, value);
}

export function isLegalTransition(from: LupapisteState, to: LupapisteState): boolean {
  return (LUPAPISTE_STATE_GRAPH[from] as readonly LupapisteState[]).includes(to);
}
