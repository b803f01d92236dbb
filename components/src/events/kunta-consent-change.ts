/** Fired by <kunta-service-feed> when the user has granted or withdrawn consent to personal suggestions. */
export class KuntaConsentChangeEvent extends Event {
  readonly detail: KuntaConsentChangeEventDetail;

  constructor(detail: KuntaConsentChangeEventDetail) {
    super('kunta-consent-change', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

export interface KuntaConsentChangeEventDetail {
  /** The municipality id the consent belongs to. */
  municipality: string;
  /** True after the user allowed the use of their information, false after they withdrew it. */
  granted: boolean;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kunta-consent-change': KuntaConsentChangeEvent;
  }
}
