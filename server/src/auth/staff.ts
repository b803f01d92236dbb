/**
 * Staff sign-in (the notices' editors). A staff token is an RFC 9068 access token from the municipality's staff
 * identity provider (`staff` in its file): its own audience and client, so it is never a citizen token and a citizen
 * token is never one. The person's municipality comes from the role claim the file names, never from the request.
 */
import { jwtVerify, type JWTPayload } from 'jose';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/problems.js';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';
import type { TenantRegistry } from '../tenants/tenant-registry.js';
import { CLOCK_TOLERANCE_S, MAX_TOKEN_LIFETIME_S } from './access-token.js';
import { ALLOWED_ALGORITHMS, invalidDpopProof, invalidToken } from './challenges.js';
import { decodeUnverified, readCredentials, requestUrl, TOKEN } from './credentials.js';
import { verifyDpopProof, type DpopReplayCache } from './dpop.js';
import type { IssuerKeyResolver } from './issuer-keys.js';

/** A signed-in staff member: whom the change log names. */
export interface StaffMember {
  iss: string;
  sub: string;
  name: string | null;
  /** Municipality ids whose notices this person may edit (by the role claim). */
  municipalities: readonly string[];
}

export interface StaffAuthenticatorOptions {
  tenants: TenantRegistry;
  keys: IssuerKeyResolver;
  replayCache: DpopReplayCache;
  now: () => Date;
  publicUrl: string | undefined;
}

export class StaffAuthenticator {
  readonly #options: StaffAuthenticatorOptions;
  /** issuer → audience → staff configurations using it. */
  readonly #byIssuer = new Map<string, MunicipalityConfig[]>();

  constructor(options: StaffAuthenticatorOptions) {
    this.#options = options;
    for (const m of options.tenants.all) {
      if (!m.staff) continue;
      const list = this.#byIssuer.get(m.staff.issuer) ?? [];
      list.push(m);
      this.#byIssuer.set(m.staff.issuer, list);
    }
  }

  async authenticate(request: FastifyRequest): Promise<StaffMember> {
    const { scheme, token } = readCredentials(request);
    if (!TOKEN.test(token)) throw invalidToken('malformed Authorization header', scheme);
    const fail = (reason: string) => invalidToken(reason, scheme);
    const { issuer } = decodeUnverified(token, scheme);
    const candidates = this.#byIssuer.get(issuer);
    if (!candidates) throw fail('not a staff issuer');

    const now = this.#options.now();
    let claims: JWTPayload & Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.#options.keys(issuer), {
        algorithms: ALLOWED_ALGORITHMS,
        issuer,
        audience: [...new Set(candidates.map((m) => m.staff!.audience))],
        typ: 'at+jwt',
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'iat', 'client_id'],
      }));
    } catch (error) {
      throw fail(`verification failed: ${(error as { code?: string }).code ?? (error as Error).name}`);
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') throw fail('no sub');
    if ((claims.exp as number) - (claims.iat as number) > MAX_TOKEN_LIFETIME_S) throw fail('lifetime too long');
    if ((claims.iat as number) > now.getTime() / 1000 + CLOCK_TOLERANCE_S) throw fail('issued in the future');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const issuedFor = candidates.filter(
      (m) => m.staff!.clientId === claims.client_id && aud.includes(m.staff!.audience),
    );
    if (issuedFor.length === 0) throw fail('token not issued for staff');

    const jkt = (claims.cnf as { jkt?: string } | undefined)?.jkt;
    if (jkt !== undefined) {
      if (scheme !== 'DPoP') throw fail('DPoP-bound token sent as Bearer');
      const proof = request.headers.dpop;
      if (typeof proof !== 'string' || proof === '') throw invalidDpopProof('no DPoP proof');
      await verifyDpopProof({
        proof,
        method: request.method,
        url: requestUrl(request, this.#options.publicUrl),
        accessToken: token,
        expectedJkt: jkt,
        now,
        replayCache: this.#options.replayCache,
      });
    } else if (scheme === 'DPoP') {
      throw fail('DPoP scheme with a token that is not DPoP-bound');
    }

    const municipalities = issuedFor.filter((m) => hasRole(claims[m.staff!.roleClaim], m.staff!.roleValue));
    return {
      iss: issuer,
      sub: claims.sub,
      name: typeof claims.name === 'string' ? claims.name : null,
      municipalities: municipalities.map((m) => m.id),
    };
  }
}

function hasRole(claim: unknown, value: string): boolean {
  if (typeof claim === 'string') return claim.split(' ').includes(value);
  return Array.isArray(claim) && claim.includes(value);
}

/** The staff member may edit this municipality's notices, or a 403 that does not say whether others exist. */
export function requireStaffOf(staff: StaffMember | null, municipalityId: string): StaffMember {
  if (!staff) throw new ApiError('KA_UNAUTHENTICATED');
  if (!staff.municipalities.includes(municipalityId)) {
    throw new ApiError('KA_FORBIDDEN', "You may not edit this municipality's notices");
  }
  return staff;
}
