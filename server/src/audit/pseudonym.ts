import { createHmac } from 'node:crypto';

/**
 * A stable pseudonym for a person: HMAC-SHA-256 of the identity code with a server secret. The same person
 * gets the same pseudonym in every row (so an access-log request can be answered), but the identity code
 * cannot be recovered from the log without the key.
 */
export function subjectPseudonym(key: Uint8Array, identityCode: string): string {
  return createHmac('sha256', key).update(identityCode, 'utf8').digest('base64url');
}
