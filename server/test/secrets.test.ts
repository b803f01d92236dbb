import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CompactEncrypt, exportJWK, generateKeyPair, compactDecrypt } from 'jose';
import { identityEncryptionPublicJwk, loadSecrets } from '../src/config/secrets.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ka-secrets-'));
  dirs.push(dir);
  return dir;
}

describe('server secrets', () => {
  test('in development, keys are created once under DATA_DIR/keys and reused on the next start', async () => {
    const dataDir = tempDir();
    const first = await loadSecrets({ env: {}, dataDir });
    assert.ok(existsSync(join(dataDir, 'keys', 'identity-decryption.jwk.json')));
    const second = await loadSecrets({ env: {}, dataDir });
    assert.deepEqual(second.identityEncryptionPublicJwk, first.identityEncryptionPublicJwk);
    assert.deepEqual(Buffer.from(second.auditPseudonymKey), Buffer.from(first.auditPseudonymKey));
    assert.deepEqual(await identityEncryptionPublicJwk({ env: {}, dataDir }), first.identityEncryptionPublicJwk);
  });

  test('the published key is public only, and what is encrypted to it the server can decrypt', async () => {
    const secrets = await loadSecrets({ env: {}, dataDir: tempDir() });
    const jwk = secrets.identityEncryptionPublicJwk;
    assert.equal(jwk.d, undefined);
    assert.equal(jwk.alg, 'ECDH-ES');
    assert.equal(jwk.use, 'enc');
    assert.ok(jwk.kid);
    const jwe = await new CompactEncrypt(new TextEncoder().encode('010280-952L'))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM' })
      .encrypt(jwk);
    const { plaintext } = await compactDecrypt(jwe, secrets.identityDecryptionKey);
    assert.equal(new TextDecoder().decode(plaintext), '010280-952L');
  });

  test('keys given in the environment are used as they are', async () => {
    const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const jwk = await exportJWK(privateKey);
    const key = Buffer.alloc(32, 7).toString('base64url');
    const dataDir = tempDir();
    const secrets = await loadSecrets({
      env: { IDENTITY_DECRYPTION_JWK: JSON.stringify(jwk), AUDIT_PSEUDONYM_KEY: key },
      dataDir,
    });
    assert.equal(secrets.identityEncryptionPublicJwk.x, jwk.x);
    assert.deepEqual(Buffer.from(secrets.auditPseudonymKey), Buffer.alloc(32, 7));
    assert.ok(!existsSync(join(dataDir, 'keys')));
  });

  test('production refuses to start without keys, and a short pseudonym key is refused', async () => {
    await assert.rejects(
      loadSecrets({ env: { NODE_ENV: 'production' }, dataDir: tempDir() }),
      /IDENTITY_DECRYPTION_JWK must be set/,
    );
    await assert.rejects(
      loadSecrets({ env: { AUDIT_PSEUDONYM_KEY: 'c2hvcnQ' }, dataDir: tempDir() }),
      /at least 32 bytes/,
    );
  });
});
