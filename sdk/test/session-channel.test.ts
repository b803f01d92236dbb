import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SessionChannel, type SessionSignal } from '../src/session-channel.js';

const nextSignal = (received: SessionSignal[]) =>
  new Promise<void>((resolve) => {
    const started = received.length;
    const timer = setInterval(() => {
      if (received.length > started) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });

describe('SessionChannel: what one tab tells the others', () => {
  it("tells another tab of the same authority and client that the session changed, and no one else's", async () => {
    const nivala = { authority: 'https://idp.test', clientId: 'kunta-akkuna-nivala' };
    const otherTab: SessionSignal[] = [];
    const otherMunicipality: SessionSignal[] = [];
    const sender = new SessionChannel(nivala, () => assert.fail('a tab does not hear itself'));
    const receiver = new SessionChannel(nivala, (signal) => otherTab.push(signal));
    const unrelated = new SessionChannel({ ...nivala, clientId: 'kunta-akkuna-sievi' }, (s) =>
      otherMunicipality.push(s),
    );
    try {
      const arrived = nextSignal(otherTab);
      sender.post('signed-out');
      await arrived;
      assert.deepEqual(otherTab, ['signed-out']);
      const again = nextSignal(otherTab);
      sender.post('signed-in');
      await again;
      assert.deepEqual(otherTab, ['signed-out', 'signed-in']);
      assert.deepEqual(otherMunicipality, []);
    } finally {
      for (const channel of [sender, receiver, unrelated]) channel.close();
    }
  });
});
