/**
 * A municipality's population-data source: DVV's VTJ query interface (kyselyrajapinta, SOAP over X-Road), reached
 * through the municipality's own X-Road security server. Everything that identifies us on X-Road and to VTJ is
 * configuration (docs/integrations.md "Population data (VTJ)"); the X-Road header elements are those that
 * espoon-voltti/evaka's VTJ client sets (service/src/main/kotlin/evaka/core/vtjclient/config/XroadSoapClientConfig.kt).
 */
import { Type, type Static } from '@sinclair/typebox';
import { SourceResilience, SourceTls } from '../config-common.js';

// X-Road identifier parts (x-road.eu/xsd/identifiers): short codes, no spaces.
const Code = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' });
// A Finnish business id (Y-tunnus), e.g. DVV's 0245437-2, a municipality's 0186757-0.
const MemberCode = Type.String({ pattern: '^[0-9]{7}-[0-9]$' });

/** The `client` header: our subsystem, registered under the municipality's X-Road membership (MUN class). */
export const XRoadClientConfig = Type.Object(
  { xRoadInstance: Code, memberClass: Code, memberCode: MemberCode, subsystemCode: Code },
  { additionalProperties: false },
);

/** The `service` header: DVV's VTJ service (FI: GOV / 0245437-2 / VTJkysely / HenkilonTunnusKysely / v1). */
export const XRoadServiceConfig = Type.Object(
  {
    xRoadInstance: Code,
    memberClass: Code,
    memberCode: MemberCode,
    subsystemCode: Code,
    serviceCode: Code,
    serviceVersion: Type.Optional(Code),
  },
  { additionalProperties: false },
);

export const PopulationSourceConfig = Type.Object(
  {
    /** The municipality's X-Road security server (its client-facing address); SOAP is POSTed here. */
    baseUrl: Type.String({ format: 'url' }),
    xroad: Type.Object(
      {
        client: XRoadClientConfig,
        service: XRoadServiceConfig,
        /**
         * The `userId` header, and the prefix of VTJ's `Loppukayttaja` (end user) field, which names the citizen
         * by their audit pseudonym (never the identity code): `<userId>: <pseudonym>`.
         */
        userId: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }),
        /** X-Road message protocol version (default 4.0). */
        protocolVersion: Type.Optional(Type.Literal('4.0')),
      },
      { additionalProperties: false },
    ),
    /** VTJ's own user id and password for the query interface (`Kayttajatunnus`, `Salasana`), issued by DVV. */
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    /** Mutual TLS to the security server (its certificate, our key, the CA), as for any other source. */
    tls: Type.Optional(SourceTls),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 50, maximum: 60_000 })),
    resilience: Type.Optional(SourceResilience),
  },
  { additionalProperties: false },
);
export type PopulationSourceConfig = Static<typeof PopulationSourceConfig>;
export type XRoadClientConfig = Static<typeof XRoadClientConfig>;
export type XRoadServiceConfig = Static<typeof XRoadServiceConfig>;
