/**
 * A municipality's eVaka instance (each municipality runs its own eVaka, with its own database and keys).
 *
 * eVaka has no third-party API for a citizen's applications: its citizen endpoints trust only the requests its own
 * API gateway forwards, signed with an RS256 JWT whose key is in the service's JWKS (`evaka.jwt.public_keys_url`)
 * and naming the user in an `X-User` header (espoon-voltti/evaka RequestToAuthenticatedUser.kt,
 * apigw/src/shared/service-client.ts). We call the service the same way, with our own key pair: the municipality
 * has its vendor add our public key to that instance's JWKS and open the service's internal address to us.
 */
import { Type, type Static } from '@sinclair/typebox';
import { SourceResilience, SourceTls } from '../config-common.js';

export const EvakaSourceConfig = Type.Object(
  {
    /** The eVaka service's internal address (not the public API gateway), e.g. https://evaka-service.internal. */
    baseUrl: Type.String({ format: 'url' }),
    /** Our RS256 signing key for this instance: PKCS#8, as PEM or as its base64 body. A secret: from the environment. */
    jwtPrivateKey: Type.String({ minLength: 100 }),
    /** The `kid` under which the instance's JWKS lists our public key. */
    jwtKid: Type.String({ minLength: 1, maxLength: 100 }),
    /** The instance's citizen UI, for deep links (its router: frontend/src/citizen-frontend/router.tsx). */
    publicUrl: Type.String({ format: 'url' }),
    /** Mutual TLS to the service's internal address, when the vendor asks for it. */
    tls: Type.Optional(SourceTls),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 50, maximum: 60_000 })),
    /** eVaka cannot push: open live-update streams are refreshed this often (default 60 s). */
    pollIntervalMs: Type.Optional(Type.Integer({ minimum: 200, maximum: 86_400_000 })),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type EvakaSourceConfig = Static<typeof EvakaSourceConfig>;
