/** Fired by <kunta-login> when a sign-in the user started has completed. Carries no personal data. */
export class KuntaLoginEvent extends Event {
  readonly detail: KuntaLoginEventDetail;

  constructor(detail: KuntaLoginEventDetail) {
    super('kunta-login', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

export interface KuntaLoginEventDetail {
  /** The municipality id the session belongs to. */
  municipality: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kunta-login': KuntaLoginEvent;
  }
}
