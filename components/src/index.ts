// The bundle entry (one script tag): registers every element. The provider is defined first so that widgets
// already in the page find it when they upgrade.
import { ContextRoot } from '@lit/context';
import { define } from './internal/define.js';
import { KuntaProvider } from './provider/provider.js';
import { KuntaLogin } from './login/login.js';
import { KuntaCaseStatus } from './case-status/case-status.js';

export { KuntaProvider, KuntaLogin, KuntaCaseStatus, define };
export { VERSION } from './internal/version.js';
export { clientContext } from './context.js';
export * from './events/index.js';
export { TOKENS, CONTRAST_PAIRS, contrastRatio } from './theme/tokens.js';
export type { TokenDefinition, TokenName } from './theme/tokens.js';
export type { Translation, LanguageCode } from './i18n/localize.js';

// A provider upgraded after its widgets (e.g. added later by a CMS) still reaches them.
const ROOT_KEY = Symbol.for('kunta-akkuna:context-root');
const holder = globalThis as unknown as Record<symbol, ContextRoot | undefined>;
if (typeof document !== 'undefined' && !holder[ROOT_KEY]) {
  holder[ROOT_KEY] = new ContextRoot();
  holder[ROOT_KEY].attach(document.documentElement);
}

define('kunta-provider', KuntaProvider);
define('kunta-login', KuntaLogin);
define('kunta-case-status', KuntaCaseStatus);
