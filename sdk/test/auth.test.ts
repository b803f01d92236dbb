import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oidcAuth, resetOidcRegistry, DEFAULT_SCOPE } from '../src/index.js';

test('oidcAuth checks its options and names the bad one', () => {
  assert.throws(() => oidcAuth({ authority: '', clientId: 'c', redirectUri: 'http://x/' }), /authority/);
  assert.throws(() => oidcAuth({ authority: 'http://idp', clientId: '', redirectUri: 'http://x/' }), /clientId/);
  assert.throws(() => oidcAuth({ authority: 'http://idp', clientId: 'c', redirectUri: 'relative' }), /redirectUri/);
});

test('one OIDC strategy (one UserManager) per authority and client id on a page', () => {
  resetOidcRegistry();
  const options = { authority: 'http://idp.test', clientId: 'kunta-akkuna-nivala', redirectUri: 'http://site.test/' };
  const a = oidcAuth(options);
  assert.equal(oidcAuth({ ...options, authority: 'http://idp.test/' }), a);
  assert.notEqual(oidcAuth({ ...options, clientId: 'kunta-akkuna-sievi' }), a);
  assert.equal(DEFAULT_SCOPE, 'openid profile offline_access');
  resetOidcRegistry();
});
