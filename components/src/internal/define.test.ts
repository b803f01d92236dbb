import { LitElement } from 'lit';
import { define } from './define.js';
import { VERSION } from './version.js';
import { assert, describe, equal, it } from './testing.js';

describe('define()', () => {
  it('is silent for the same version and warns (without throwing) for another', () => {
    class First extends LitElement {
      static version = VERSION;
    }
    class Same extends LitElement {
      static version = VERSION;
    }
    class Other extends LitElement {
      static version = '9.9.9';
    }
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      define('kunta-define-test', First);
      define('kunta-define-test', Same);
      equal(warnings.length, 0);
      define('kunta-define-test', Other);
      equal(warnings.length, 1);
      assert(String((warnings[0] as unknown[])[0]).includes('9.9.9'));
      equal(customElements.get('kunta-define-test'), First);
    } finally {
      console.warn = warn;
    }
  });
});
