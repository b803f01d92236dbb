/**
 * The dev IdP's secrets: one ES256 signing key (ID and access tokens) and the cookie-signing keys.
 * Generated once; with a directory they are kept in `<dir>/dev-idp-keys.json` (mode 600) so that a restart keeps
 * issued tokens verifiable and cookies valid. Dev only: production uses a real identity provider.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface DevIdpKeys {
  /** Private signing keys in JWK form (what oidc-provider's `jwks` expects). */
  signing: JWK[];
  cookieKeys: string[];
}

export const KEYS_FILE = 'dev-idp-keys.json';

async function generate(): Promise<DevIdpKeys> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    signing: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }],
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
}

function isKeys(value: unknown): value is DevIdpKeys {
  if (typeof value !== 'object' || value === null) return false;
  const { signing, cookieKeys } = value as Partial<DevIdpKeys>;
  return (
    Array.isArray(signing) &&
    signing.length > 0 &&
    signing.every((k) => typeof k === 'object' && k !== null && k.kty === 'EC' && typeof k.d === 'string') &&
    Array.isArray(cookieKeys) &&
    cookieKeys.length > 0 &&
    cookieKeys.every((k) => typeof k === 'string' && k.length >= 32)
  );
}

/** Loads the keys from `dir`, creating them on first use; without `dir`, fresh keys in memory. */
export async function loadOrCreateKeys(dir?: string): Promise<DevIdpKeys> {
  if (!dir) return generate();
  const file = join(dir, KEYS_FILE);
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isKeys(parsed)) return parsed;
    throw new Error(`${file} is not a dev IdP key file; delete it to create new keys`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = await generate();
  await mkdir(dir, { recursive: true });
  // 'wx': never overwrite a file another process created meanwhile.
  try {
    await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKeys(dir);
    throw error;
  }
  return keys;
}
