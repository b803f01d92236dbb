import type { MunicipalityConfig } from '../tenants/municipality-config.js';

/**
 * The version of the consent text that <kunta-service-feed> shows (its CONSENT_TEXT_VERSION). Consent is accepted
 * only for the version a municipality shows now: one it no longer shows (or never did) is not what the citizen read.
 */
export const DEFAULT_CONSENT_TEXT_VERSION = 'feed-consent-2';

export function currentConsentTextVersion(municipality: MunicipalityConfig): string {
  return municipality.consentTextVersion ?? DEFAULT_CONSENT_TEXT_VERSION;
}
