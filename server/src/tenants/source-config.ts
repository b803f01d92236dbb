/**
 * Each source's configuration schema lives beside its connector (connectors/<system>/config.ts) and the shared
 * pieces in connectors/config-common.ts; named here too for the modules that read them from the tenants side.
 */
export { SourceAuth, SourceResilience, SourceTls, type SourceTransport } from '../connectors/config-common.js';
export { EvakaSourceConfig } from '../connectors/evaka/config.js';
export { GenericSourceConfig } from '../connectors/generic/config.js';
export { LupapisteSourceConfig } from '../connectors/lupapiste/config.js';
export { PopulationSourceConfig } from '../connectors/population/config.js';
export { PtvSourceConfig } from '../connectors/ptv/config.js';
