import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  CompactEncrypt,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { accessTokenHash } from '../../src/auth/dpop.js';
import type { IssuerKeyResolver } from '../../src/auth/issuer-keys.js';

export const TEST_ISSUER = 'https://idp.test';
export const TEST_AUDIENCE = 'urn:kunta-akkuna:api';
export const NIVALA_CLIENT = 'kunta-akkuna-nivala';

/** A stand-in identity provider that signs access tokens the way the dev IdP does (docs/contracts.md). */
export class TestIdentityProvider {
  readonly kid = 'test-key-1';
  #privateKey!: CryptoKey;
  #publicJwk!: JWK;

  private constructor(
    private readonly encryptionJwk: JWK,
    private readonly now: () => Date,
  ) {}

  static async create(encryptionJwk: JWK, now: () => Date): Promise<TestIdentityProvider> {
    const idp = new TestIdentityProvider(encryptionJwk, now);
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    idp.#privateKey = privateKey;
    idp.#publicJwk = { ...(await exportJWK(publicKey)), kid: idp.kid, alg: 'ES256', use: 'sig' };
    return idp;
  }

  get publicJwk(): JWK {
    return this.#publicJwk;
  }

  /** What createServer({ keys }) takes: our public key for our issuer, nothing for any other. */
  keyResolver(): IssuerKeyResolver {
    const jwks = createLocalJWKSet({ keys: [this.#publicJwk] });
    return (issuer) => {
      if (issuer !== TEST_ISSUER) throw new Error(`test key resolver asked for ${issuer}`);
      return jwks;
    };
  }

  /** The identity code as the API expects it: a JWE only the API can read. */
  async encryptIdentityCode(identityCode: string): Promise<string> {
    return new CompactEncrypt(new TextEncoder().encode(identityCode))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: this.encryptionJwk.kid })
      .encrypt(this.encryptionJwk);
  }

  nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  /**
   * A valid access token for `identityCode`; `claims` override or (with undefined) remove claims, `header`
   * overrides header parameters.
   */
  async accessToken(
    identityCode: string,
    options: { claims?: Record<string, unknown>; header?: Record<string, unknown>; key?: CryptoKey } = {},
  ): Promise<string> {
    const iat = this.nowSeconds();
    const claims: Record<string, unknown> = {
      iss: TEST_ISSUER,
      sub: `sub-${identityCode.slice(0, 4)}-pseudonymous`,
      aud: TEST_AUDIENCE,
      iat,
      exp: iat + 300,
      jti: randomUUID(),
      client_id: NIVALA_CLIENT,
      scope: 'openid profile',
      acr: 'http://ftn.ficora.fi/2017/loa2',
      ka_pid: await this.encryptIdentityCode(identityCode),
      ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    return new SignJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: this.kid, ...options.header } as { alg: string })
      .sign(options.key ?? this.#privateKey);
  }

  /** An ID token: a JWT (typ JWT) with the same keys; never acceptable as an access token. */
  async idToken(identityCode: string): Promise<string> {
    return this.accessToken(identityCode, { header: { typ: 'JWT' }, claims: { aud: NIVALA_CLIENT, name: 'Maija' } });
  }
}

/** A browser's DPoP key (RFC 9449) and the proofs it makes. */
export class DpopKey {
  #privateKey!: CryptoKey;
  #publicJwk!: JWK;
  jkt!: string;

  static async create(): Promise<DpopKey> {
    const key = new DpopKey();
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    key.#privateKey = privateKey;
    key.#publicJwk = await exportJWK(publicKey);
    key.jkt = await calculateJwkThumbprint(key.#publicJwk);
    return key;
  }

  async proof(options: {
    htm?: string;
    htu: string;
    accessToken: string;
    iat: number;
    claims?: Record<string, unknown>;
  }): Promise<string> {
    const claims: Record<string, unknown> = {
      jti: randomUUID(),
      htm: options.htm ?? 'GET',
      htu: options.htu,
      iat: options.iat,
      ath: accessTokenHash(options.accessToken),
      ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    return new SignJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: this.#publicJwk })
      .sign(this.#privateKey);
  }
}
