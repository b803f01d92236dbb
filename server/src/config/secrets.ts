import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** The server's own secrets. Never logged; the private key never leaves this process. */
export interface ServerSecrets {
  /** EC P-256 private key that decrypts the identity-code claim (JWE, ECDH-ES + A256GCM). */
  identityDecryptionKey: CryptoKey;
  /** The matching public JWK (with kid, use "enc", alg "ECDH-ES"): the identity provider encrypts to it. */
  identityEncryptionPublicJwk: JWK;
  /** HMAC key for audit-log subject pseudonyms (so the identity code itself is never stored). */
  auditPseudonymKey: Uint8Array;
  /**
   * AES-256-GCM key for the per-citizen stale-if-error store (aggregate/stale-store.ts). Optional for callers that
   * build secrets by hand; the server then uses a random per-process key (saved copies do not survive a restart).
   */
  snapshotKey?: Uint8Array;
  /** Shared HMAC secrets of the back ends that push webhooks, by source id (e.g. `lupapiste`). */
  webhookSecrets?: Readonly<Record<string, string>>;
}

/** The back ends that push webhooks (POST /v1/webhooks/:source); each needs a shared secret. */
export const WEBHOOK_SOURCES = ['lupapiste'] as const;

export interface SecretsOptions {
  env?: Record<string, string | undefined>;
  /** Where dev keys are created once and reused: `<dataDir>/keys/`. Defaults to DATA_DIR or ./data. */
  dataDir?: string;
}

const IDENTITY_KEY_FILE = 'identity-decryption.jwk.json';
const PSEUDONYM_KEY_FILE = 'audit-pseudonym.key';
const SNAPSHOT_KEY_FILE = 'snapshot-encryption.key';
const webhookSecretFile = (source: string) => `webhook-${source}.secret`;

/**
 * Reads IDENTITY_DECRYPTION_JWK (a private EC P-256 JWK as JSON) and AUDIT_PSEUDONYM_KEY (base64url, ≥ 32 bytes)
 * from the environment. Outside production, a missing one is created once under DATA_DIR/keys/ and reused,
 * so that the dev identity provider and the API (separate modules, maybe separate processes) agree on it.
 */
export async function loadSecrets(options: SecretsOptions = {}): Promise<ServerSecrets> {
  const env = options.env ?? process.env;
  const keysDir = join(resolve(options.dataDir ?? env.DATA_DIR ?? './data'), 'keys');
  const production = env.NODE_ENV === 'production';

  const identityJwkText =
    env.IDENTITY_DECRYPTION_JWK || (production ? missing('IDENTITY_DECRYPTION_JWK') : await devIdentityJwk(keysDir));
  const pseudonymText =
    env.AUDIT_PSEUDONYM_KEY || (production ? missing('AUDIT_PSEUDONYM_KEY') : devPseudonymKey(keysDir));

  let privateJwk: JWK;
  try {
    privateJwk = JSON.parse(identityJwkText) as JWK;
  } catch {
    throw new Error('IDENTITY_DECRYPTION_JWK is not valid JSON');
  }
  if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || !privateJwk.d) {
    throw new Error('IDENTITY_DECRYPTION_JWK must be a private EC P-256 JWK');
  }
  const identityDecryptionKey = (await importJWK(privateJwk, 'ECDH-ES')) as CryptoKey;
  const { kty, crv, x, y } = privateJwk;
  const publicJwk: JWK = { kty, crv, x, y };
  const identityEncryptionPublicJwk: JWK = {
    ...publicJwk,
    kid: await calculateJwkThumbprint(publicJwk),
    use: 'enc',
    alg: 'ECDH-ES',
  };

  const auditPseudonymKey = Buffer.from(pseudonymText.trim(), 'base64url');
  if (auditPseudonymKey.length < 32) throw new Error('AUDIT_PSEUDONYM_KEY must be at least 32 bytes (base64url)');

  // SNAPSHOT_ENCRYPTION_KEY: base64url, exactly 32 bytes (AES-256-GCM).
  const snapshotText =
    env.SNAPSHOT_ENCRYPTION_KEY ||
    (production ? missing('SNAPSHOT_ENCRYPTION_KEY') : devRandomKey(keysDir, SNAPSHOT_KEY_FILE));
  const snapshotKey = Buffer.from(snapshotText.trim(), 'base64url');
  if (snapshotKey.length !== 32) throw new Error('SNAPSHOT_ENCRYPTION_KEY must be 32 bytes (base64url)');

  // WEBHOOK_SECRET_<SOURCE>: a back end's shared signing secret. In production a missing one turns that
  // source's webhooks off (they are refused); in development one is created and shared with the emulators.
  const webhookSecrets: Record<string, string> = {};
  for (const source of WEBHOOK_SOURCES) {
    const fromEnv = env[`WEBHOOK_SECRET_${source.toUpperCase()}`];
    const secret = fromEnv || (production ? undefined : devRandomKey(keysDir, webhookSecretFile(source)).trim());
    if (secret === undefined) continue;
    if (secret.length < 16) throw new Error(`WEBHOOK_SECRET_${source.toUpperCase()} must be at least 16 characters`);
    webhookSecrets[source] = secret;
  }

  return {
    identityDecryptionKey,
    identityEncryptionPublicJwk,
    auditPseudonymKey,
    snapshotKey,
    webhookSecrets,
  };
}

/** For the dev identity provider: the public JWK to encrypt the identity-code claim to. */
export async function identityEncryptionPublicJwk(options: SecretsOptions = {}): Promise<JWK> {
  return (await loadSecrets(options)).identityEncryptionPublicJwk;
}

function missing(name: string): never {
  throw new Error(`${name} must be set in production`);
}

async function devIdentityJwk(keysDir: string): Promise<string> {
  const existing = readIfExists(join(keysDir, IDENTITY_KEY_FILE));
  if (existing) return existing;
  const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  return writeOnce(keysDir, IDENTITY_KEY_FILE, JSON.stringify(await exportJWK(privateKey)));
}

function devPseudonymKey(keysDir: string): string {
  return (
    readIfExists(join(keysDir, PSEUDONYM_KEY_FILE)) ??
    writeOnce(keysDir, PSEUDONYM_KEY_FILE, randomBytes(32).toString('base64url'))
  );
}

function devRandomKey(keysDir: string, file: string): string {
  return readIfExists(join(keysDir, file)) ?? writeOnce(keysDir, file, randomBytes(32).toString('base64url'));
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates the file atomically (write a private temp file, then hard-link it into place, which fails if the name
 * exists); if another process won the race, uses what it wrote. A reader never sees a half-written key.
 */
function writeOnce(dir: string, name: string, content: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}`);
  writeFileSync(temp, content, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temp, file);
    return content;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw error;
  } finally {
    unlinkSync(temp);
  }
}
