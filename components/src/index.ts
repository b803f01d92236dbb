// Every element at once, for code that bundles the widgets itself (and for the tests and Storybook). The script
// tag uses kunta-akkuna.ts instead, which loads only the widgets on the page. The provider is defined first so that
// widgets already in the page find it when they upgrade.
import { define } from './internal/define.js';
import { KuntaProvider } from './provider/provider.js';
import { KuntaLogin } from './login/login.js';
import { KuntaCaseStatus } from './case-status/case-status.js';
import { KuntaServiceFeed } from './service-feed/service-feed.js';
import { KuntaNotices } from './notices/notices.js';
import { KuntaMyData } from './my-data/my-data.js';

export { KuntaProvider, KuntaLogin, KuntaCaseStatus, KuntaServiceFeed, KuntaNotices, KuntaMyData, define };
export { VERSION } from './internal/version.js';
export { clientContext } from './context.js';
export * from './events/index.js';
export { TOKENS, CONTRAST_PAIRS, contrastRatio } from './theme/tokens.js';
export type { TokenDefinition, TokenName } from './theme/tokens.js';
export type { Translation, LanguageCode } from './i18n/localize.js';

define('kunta-provider', KuntaProvider);
define('kunta-login', KuntaLogin);
define('kunta-case-status', KuntaCaseStatus);
define('kunta-service-feed', KuntaServiceFeed);
define('kunta-notices', KuntaNotices);
define('kunta-my-data', KuntaMyData);
