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
      env: {
        IDENTITY_DECRYPTION_JWK: JSON.stringify(jwk),
        AUDIT_PSEUDONYM_KEY: key,
        SNAPSHOT_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64url'),
        WEBHOOK_SECRET_LUPAPISTE: 'a-shared-secret-of-enough-length',
      },
      dataDir,
    });
    assert.deepEqual(Buffer.from(secrets.snapshotKey ?? []), Buffer.alloc(32, 9));
    assert.equal(secrets.webhookSecrets?.lupapiste, 'a-shared-secret-of-enough-length');
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
    await assert.rejects(
      loadSecrets({ env: { SNAPSHOT_ENCRYPTION_KEY: 'c2hvcnQ' }, dataDir: tempDir() }),
      /SNAPSHOT_ENCRYPTION_KEY must be 32 bytes/,
    );
  });

  test('in development, the snapshot key and the webhook secrets are created once and reused', async () => {
    const dataDir = tempDir();
    const first = await loadSecrets({ env: {}, dataDir });
    const second = await loadSecrets({ env: {}, dataDir });
    assert.equal(first.snapshotKey?.length, 32);
    assert.deepEqual(Buffer.from(second.snapshotKey ?? []), Buffer.from(first.snapshotKey ?? []));
    assert.ok((first.webhookSecrets?.lupapiste?.length ?? 0) >= 32);
    assert.equal(second.webhookSecrets?.lupapiste, first.webhookSecrets?.lupapiste);
  });
});
