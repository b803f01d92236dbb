import type { FeedItemKind } from '@kunta-akkuna/sdk';

/**
 * Fired by <kunta-service-feed> when the user marks an item "not relevant". Carries no personal data: not the
 * item id nor the rule, which could tell the host page about the user's life situation (e.g. a child's age).
 */
export class KuntaFeedDismissEvent extends Event {
  readonly detail: KuntaFeedDismissEventDetail;

  constructor(detail: KuntaFeedDismissEventDetail) {
    super('kunta-feed-dismiss', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

export interface KuntaFeedDismissEventDetail {
  /** The municipality id of the feed. */
  municipality: string;
  /** The kind of item that was dismissed. */
  kind: FeedItemKind;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kunta-feed-dismiss': KuntaFeedDismissEvent;
  }
}
