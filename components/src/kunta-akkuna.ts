// The script-tag entry (dist/kunta-akkuna.js): only the autoloader. Each widget is a chunk of its own, found by the
// folder convention `kunta-<name>` → src/<name>/<name>.ts exporting `Kunta<Name>` (see the `kunta:widgets` plugin
// in rollup.config.js), so a new widget folder needs no change here. Widget chunks never import this module: a page
// that loads it through the /widgets/v1/ alias and through the versioned URL must still run one copy of each widget.
import widgets, { strings } from 'kunta:widgets';
import { startAutoloader } from './internal/autoloader.js';

const loader = startAutoloader(widgets, strings);

/** For host pages that put widgets inside their own open shadow roots: `observe(host.shadowRoot)`. */
export const { discover, observe } = loader;
