/**
 * eVaka connector: a guardian's early-childhood-education applications and decisions, from the municipality's own
 * eVaka instance (docs/integrations.md, "eVaka").
 *
 * eVaka offers no third-party API for this: its citizen endpoints serve whoever its API gateway vouches for. The
 * gateway signs an RS256 JWT with a key in the service's JWKS and names the user in `X-User`; after a Suomi.fi
 * sign-in it turns the identity code into eVaka's person id with `POST /system/citizen-login`
 * (apigw/src/shared/service-client.ts). We do the same with our own key, which the vendor adds to the instance's
 * JWKS: the identity code goes only into that POST body, the person id is kept in memory for an hour, and the
 * reads carry `X-User: {"type":"citizen","id":…}`. Three idempotent GETs in parallel, each retried at most once
 * inside the budget. eVaka cannot push: it is polled for citizens with an open live-update stream.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { CaseConnector, CaseSource, ConnectorContext, SourceCases, SourceRequest } from '../contract.js';
import type { BodyCheck, OutboundHttp } from '../outbound-http.js';
import type { EvakaSourceConfig } from './config.js';
import { EVAKA_SOURCE_ID, mapEvakaCases } from './evaka.mapper.js';
import {
  applicationChildrenCheck,
  applicationDecisionsCheck,
  applicationsByGuardianCheck,
  citizenUserIdentityCheck,
} from './evaka.schemas.js';

export const DEFAULT_EVAKA_POLL_MS = 60_000;
/** Like eVaka's gateway: a token lives an hour and is renewed a minute before it ends (apigw auth/jwt.ts). */
const JWT_LIFETIME_S = 3600;
const JWT_RENEW_BEFORE_S = 60;
/** eVaka's person id of a citizen is stable; it is asked again after this long (and eVaka refreshes guardianship). */
const PERSON_ID_TTL_MS = 60 * 60_000;
const PERSON_ID_CACHE_MAX = 10_000;

export const evakaConnector: CaseConnector = {
  id: EVAKA_SOURCE_ID,
  create: (municipality, context) => {
    const config = municipality.sources.evaka;
    return config ? new EvakaSource(municipality.id, config, context) : null;
  },
};

/** A PKCS#8 key as PEM, or its base64 body alone (fits one environment variable line). */
export function evakaSigningKey(text: string): KeyObject {
  const pem = text.includes('-----BEGIN')
    ? text
    : `-----BEGIN PRIVATE KEY-----\n${text.replace(/\s+/g, '')}\n-----END PRIVATE KEY-----\n`;
  const key = createPrivateKey({ key: pem, format: 'pem' });
  if (key.asymmetricKeyType !== 'rsa') throw new Error('eVaka jwtPrivateKey must be an RSA key (eVaka checks RS256)');
  return key;
}

/** The service JWT that eVaka's gateway would send: RS256, our kid, no claims eVaka does not read. */
class ServiceToken {
  readonly #key: KeyObject;
  readonly #kid: string;
  #token = '';
  #renewAt = 0;

  constructor(key: KeyObject, kid: string) {
    this.#key = key;
    this.#kid = kid;
  }

  async get(now = Date.now()): Promise<string> {
    if (now < this.#renewAt) return this.#token;
    const issuedAt = Math.floor(now / 1000);
    this.#token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: this.#kid, typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + JWT_LIFETIME_S)
      .sign(this.#key);
    this.#renewAt = (issuedAt + JWT_LIFETIME_S - JWT_RENEW_BEFORE_S) * 1000;
    return this.#token;
  }
}

export class EvakaSource implements CaseSource {
  readonly id = EVAKA_SOURCE_ID;
  readonly timeoutMs: number | undefined;
  readonly resilience: EvakaSourceConfig['resilience'];
  readonly pollIntervalMs: number;
  readonly #config: EvakaSourceConfig;
  readonly #http: OutboundHttp;
  readonly #childRef: (identityCode: string) => string;
  readonly #token: ServiceToken;
  /** Pseudonymous ref of the citizen → eVaka person id (never keyed by the identity code itself). */
  readonly #personIds = new Map<string, { id: string; until: number }>();

  constructor(municipalityId: string, config: EvakaSourceConfig, context: ConnectorContext) {
    this.#config = config;
    this.timeoutMs = config.timeoutMs;
    this.resilience = config.resilience;
    this.pollIntervalMs = config.pollIntervalMs ?? DEFAULT_EVAKA_POLL_MS;
    this.#childRef = context.childRef;
    this.#token = new ServiceToken(evakaSigningKey(config.jwtPrivateKey), config.jwtKid);
    this.#http = context.http(EVAKA_SOURCE_ID, {
      baseUrl: config.baseUrl,
      allowedHosts: config.resilience?.allowedHosts,
      // Three requests per call: the pool must not make the bulkhead's calls wait for each other's sockets.
      connections: (config.resilience?.concurrency ?? 32) * 3,
      municipalityId,
      // The signed token is eVaka's own scheme (below); the shared transport adds mutual TLS when configured.
      transport: { tls: config.tls },
    });
  }

  async fetchCases({ identityCode, signal, deadline }: SourceRequest): Promise<SourceCases> {
    const context = { signal, deadline };
    const personId = await this.#personId(identityCode, context);
    const headers = {
      authorization: `Bearer ${await this.#token.get()}`,
      'x-user': JSON.stringify({ type: 'citizen', id: personId }),
    };
    const get = <T>(path: string, check: BodyCheck<T>) =>
      this.#http.json(context, { method: 'GET', path, headers, check });
    const [children, byGuardian, decisions] = await Promise.all([
      get('/citizen/applications/children', applicationChildrenCheck),
      get('/citizen/applications/by-guardian', applicationsByGuardianCheck),
      get('/citizen/decisions', applicationDecisionsCheck),
    ]);
    return mapEvakaCases(
      { children, byGuardian, decisions },
      { publicUrl: this.#config.publicUrl, childRef: this.#childRef },
    );
  }

  /** eVaka's person id, from the identity code, the way eVaka's gateway gets it at sign-in. */
  async #personId(identityCode: string, context: { signal: AbortSignal; deadline: number }): Promise<string> {
    const key = this.#childRef(identityCode);
    const now = Date.now();
    const cached = this.#personIds.get(key);
    if (cached && cached.until > now) return cached.id;
    const { id } = await this.#http.json(context, {
      method: 'POST',
      path: '/system/citizen-login',
      headers: { authorization: `Bearer ${await this.#token.get()}`, 'x-user': JSON.stringify({ type: 'system' }) },
      // eVaka's gateway sends the names from the SAML assertion; eVaka only writes them to its audit log.
      body: { socialSecurityNumber: identityCode, firstName: '', lastName: '' },
      check: citizenUserIdentityCheck,
    });
    this.#personIds.delete(key);
    this.#personIds.set(key, { id, until: now + PERSON_ID_TTL_MS });
    if (this.#personIds.size > PERSON_ID_CACHE_MAX) this.#personIds.delete(this.#personIds.keys().next().value!);
    return id;
  }

  async close(): Promise<void> {
    this.#personIds.clear();
  }
}
