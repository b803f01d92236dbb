import { baseStyles } from './base.styles.js';
import loginStyles from '../login/login.styles.js';
import caseStyles from '../case-status/case-status.styles.js';
import { CONTRAST_PAIRS, TOKENS, contrastRatio } from './tokens.js';
import { assert, describe, equal, it } from '../internal/testing.js';
import type { CSSResult } from 'lit';

const defaults = new Map<string, string>(TOKENS.map((token) => [token.name, token.default]));
const cssText = (styles: CSSResult | CSSResult[]) =>
  [styles]
    .flat()
    .map((s) => s.cssText)
    .join('\n');
const all = [baseStyles, loginStyles, caseStyles].map(cssText).join('\n');

describe('theme tokens', () => {
  it('default colours pass WCAG AA for every listed pair', () => {
    for (const pair of CONTRAST_PAIRS) {
      const ratio = contrastRatio(defaults.get(pair.foreground)!, defaults.get(pair.background)!);
      assert(ratio >= pair.min, `${pair.foreground} on ${pair.background}: ${ratio.toFixed(2)} < ${pair.min}`);
    }
  });

  it('every --kunta-* token used has the same fallback as tokens.ts, and none is undefined', () => {
    const uses = [...all.matchAll(/var\((--kunta-[a-z0-9-]+),\s*([^;]+?)\)\s*;/g)];
    assert(uses.length > 10, 'tokens are used');
    for (const [, name, fallback] of uses) {
      if (/^--kunta-(login|case-status)-/.test(name!)) continue; // per-widget properties
      assert(defaults.has(name!), `${name} is not listed in tokens.ts`);
      equal(fallback!.replace(/\s+/g, ' ').replace(/'/g, '"'), defaults.get(name!), name);
    }
  });

  it('every token in tokens.ts is used by the widgets', () => {
    for (const token of TOKENS) assert(all.includes(`var(${token.name}`), `${token.name} is never used`);
  });

  it('styles never use rem', () => {
    assert(!/\d(\.\d+)?rem\b/.test(all), 'rem found in widget styles');
  });
});
