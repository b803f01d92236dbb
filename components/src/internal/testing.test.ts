import { describe, expectAccessible, it, assert } from './testing.js';

describe('test helpers', () => {
  it('axe negative control: a nameless button inside a shadow root is reported', async () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<button></button>';
    document.body.append(host);
    try {
      let failed = false;
      await expectAccessible(host).catch(() => (failed = true));
      assert(failed, 'axe must report the nameless button');
    } finally {
      host.remove();
    }
  });
});
