import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CryptoKey } from 'jose';
import { ApiError } from '../http/problems.js';
import type { TenantRegistry } from '../tenants/tenant-registry.js';
import { AccessTokenVerifier } from './access-token.js';
import { Authenticator } from './authenticator.js';
import { AuthFailure } from './challenges.js';
import type { Citizen } from './citizen.js';
import { DpopReplayCache } from './dpop.js';
import type { IssuerKeyResolver } from './issuer-keys.js';
import { StaffAuthenticator, type StaffMember } from './staff.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for routes that need a signed-in citizen; sets `request.citizen`. */
    authenticateCitizen: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyInstance {
    /** onRequest hook for staff routes (notices); sets `request.staff`. Citizen tokens fail it. */
    authenticateStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    citizen: Citizen | null;
    staff: StaffMember | null;
  }
}

export interface AuthPluginOptions {
  tenants: TenantRegistry;
  keys: IssuerKeyResolver;
  identityDecryptionKey: CryptoKey;
  now: () => Date;
  publicUrl: string | undefined;
}

export const authPlugin = fp<AuthPluginOptions>(
  async (app, options) => {
    const replayCache = new DpopReplayCache();
    const authenticator = new Authenticator({
      verifier: new AccessTokenVerifier({ tenants: options.tenants, keys: options.keys, now: options.now }),
      identityDecryptionKey: options.identityDecryptionKey,
      replayCache,
      now: options.now,
      publicUrl: options.publicUrl,
    });

    const staffAuthenticator = new StaffAuthenticator({
      tenants: options.tenants,
      keys: options.keys,
      replayCache,
      now: options.now,
      publicUrl: options.publicUrl,
    });
    app.decorateRequest('staff', null);
    app.decorate('authenticateStaff', async (request: FastifyRequest) => {
      try {
        request.staff = await staffAuthenticator.authenticate(request);
      } catch (error) {
        if (error instanceof ApiError) {
          request.log.info(
            { event: 'staff_authn_failed', reason: (error as AuthFailure).reason ?? error.message },
            'staff authentication failed',
          );
          throw error;
        }
        request.log.warn({ event: 'authn_error', err: error }, 'staff authentication error');
        throw new AuthFailure('internal', 'Bearer error="invalid_token"', 'The access token is not valid');
      }
    });

    app.decorateRequest('citizen', null);
    app.decorate('authenticateCitizen', async (request: FastifyRequest) => {
      let citizen: Citizen;
      try {
        citizen = await authenticator.authenticate(request);
      } catch (error) {
        if (error instanceof AuthFailure) {
          request.log.info({ event: 'authn_failed', reason: error.reason }, 'authentication failed');
          throw error;
        }
        if (error instanceof ApiError) {
          request.log.info({ event: 'authz_denied', reason: error.message }, 'access denied');
          throw error;
        }
        // Whatever else went wrong (an unreachable issuer, a library bug), the caller is not authenticated.
        request.log.warn({ event: 'authn_error', err: error }, 'authentication error');
        throw new AuthFailure('internal', 'Bearer error="invalid_token"', 'The access token is not valid');
      }

      // CORS lets any configured municipality's page call us; a token may only be used from its own pages.
      const origin = request.headers.origin;
      if (origin !== undefined && !citizen.municipality.origins.includes(origin)) {
        request.log.info(
          {
            event: 'authz_denied',
            reason: 'origin not allowed for municipality',
            municipality: citizen.municipality.id,
          },
          'access denied',
        );
        throw new ApiError('KA_FORBIDDEN', 'This page may not use this sign-in');
      }
      app.limitCitizen(citizen);
      request.citizen = citizen;
    });
  },
  { name: 'ka-auth', dependencies: ['ka-rate-limit'] },
);

/** For handlers behind `authenticateCitizen`. */
export function requireCitizen(request: FastifyRequest): Citizen {
  if (!request.citizen) throw new ApiError('KA_UNAUTHENTICATED');
  return request.citizen;
}
