/**
 * The order of the case list and its one-line summary, without DOM or Lit (tests/unit/case-order.test.ts):
 * cases that need the citizen's action first, then those in progress, then the decided and finished ones.
 */
import type { Case, CaseStatus } from '@kunta-akkuna/sdk';

export type CaseGroup = 'action' | 'active' | 'done';

// A draft waits for the citizen to finish and send it: nobody is processing it yet. Decided, closed and cancelled
// cases have all ended (a cancelled one was not "processed"), so the summary calls them ended, not completed.
const GROUP: Record<CaseStatus, CaseGroup> = {
  action_required: 'action',
  draft: 'action',
  submitted: 'active',
  in_progress: 'active',
  decided: 'done',
  closed: 'done',
  cancelled: 'done',
};
const RANK: Record<CaseGroup, number> = { action: 0, active: 1, done: 2 };

export function groupOf(status: CaseStatus): CaseGroup {
  return GROUP[status] ?? 'active';
}

/** Action first, then in progress, then decided; within a group the API's order (newest first) is kept. */
export function actionFirst(items: readonly Case[]): Case[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => RANK[groupOf(a.item.status)] - RANK[groupOf(b.item.status)] || a.index - b.index)
    .map(({ item }) => item);
}

export function summaryCounts(items: readonly Case[]): Record<CaseGroup, number> {
  const counts = { action: 0, active: 0, done: 0 };
  for (const item of items) counts[groupOf(item.status)]++;
  return counts;
}

/**
 * Keeps cases already on screen in the order they are shown, so a live update never moves the DOM node that
 * holds the user's focus; cases new to the list take the places the API gave them.
 */
export function keepOrder(shown: readonly Case[], next: readonly Case[]): Case[] {
  const rank = new Map(shown.map((item, index) => [item.id, index]));
  const known = next.filter((item) => rank.has(item.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  let k = 0;
  return next.map((item) => (rank.has(item.id) ? known[k++]! : item));
}
