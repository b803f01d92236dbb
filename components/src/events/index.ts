export { KuntaLoginEvent } from './kunta-login.js';
export type { KuntaLoginEventDetail } from './kunta-login.js';
export { KuntaLogoutEvent } from './kunta-logout.js';
export type { KuntaLogoutEventDetail } from './kunta-logout.js';
export { KuntaFeedDismissEvent } from './kunta-feed-dismiss.js';
export type { KuntaFeedDismissEventDetail } from './kunta-feed-dismiss.js';
export { KuntaConsentChangeEvent } from './kunta-consent-change.js';
export type { KuntaConsentChangeEventDetail } from './kunta-consent-change.js';
