import { compactDecrypt, type CryptoKey } from 'jose';
import { isValidHetu } from '../identity/hetu.js';

const decoder = new TextDecoder();

/**
 * Decrypts the identity-code claim (compact JWE, ECDH-ES + A256GCM, encrypted to our public key by the identity
 * provider). Returns null on any failure: the caller turns that into a 401 without saying more.
 */
export async function decryptIdentityCode(claim: unknown, key: CryptoKey): Promise<string | null> {
  if (typeof claim !== 'string' || claim.length > 4096) return null;
  try {
    const { plaintext } = await compactDecrypt(claim, key, {
      keyManagementAlgorithms: ['ECDH-ES'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    const identityCode = decoder.decode(plaintext);
    return isValidHetu(identityCode) ? identityCode : null;
  } catch {
    return null;
  }
}
