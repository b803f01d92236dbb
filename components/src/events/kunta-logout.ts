/** Fired by <kunta-login> when the user has signed out. Carries no personal data. */
export class KuntaLogoutEvent extends Event {
  readonly detail: KuntaLogoutEventDetail;

  constructor(detail: KuntaLogoutEventDetail) {
    super('kunta-logout', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

export interface KuntaLogoutEventDetail {
  /** The municipality id the session belonged to. */
  municipality: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kunta-logout': KuntaLogoutEvent;
  }
}
