export { KuntaLoginEvent } from './kunta-login.js';
export type { KuntaLoginEventDetail } from './kunta-login.js';
export { KuntaLogoutEvent } from './kunta-logout.js';
export type { KuntaLogoutEventDetail } from './kunta-logout.js';
