import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { ConfigError } from '../config/config-error.js';
import { MunicipalityConfig, WIDGET_TAGS } from './municipality-config.js';
import { THEME_FORMAT_MESSAGES, contrastFailures, resolveTheme } from './theme.js';

export const DEFAULT_MUNICIPALITY_CONFIG_DIR = fileURLToPath(new URL('../../config/municipalities/', import.meta.url));

export interface LoadMunicipalitiesOptions {
  /** Directory holding `<id>.json` files; defaults to server/config/municipalities. */
  configDir?: string;
  /** Environment used for `${VAR:-default}` substitution; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

export { ConfigError } from '../config/config-error.js';

/** Reads, substitutes and validates every municipality file; throws ConfigError on the first bad one. */
export function loadMunicipalities(options: LoadMunicipalitiesOptions = {}): MunicipalityConfig[] {
  const dir = options.configDir ?? DEFAULT_MUNICIPALITY_CONFIG_DIR;
  const env = options.env ?? process.env;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new ConfigError(`${dir}: no municipality configuration files (*.json)`);

  const configs = files.map((file) => parseMunicipalityFile(file, readFileSync(join(dir, file), 'utf8'), env));
  assertUnique(configs, files, (c) => c.id, '/id');
  assertUnique(configs, files, (c) => c.code, '/code');
  assertUnique(configs, files, (c) => c.auth.clientId, '/auth/clientId');
  return configs;
}

export function parseMunicipalityFile(
  file: string,
  text: string,
  env: Record<string, string | undefined>,
): MunicipalityConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const substituted = substituteEnv(raw, env, file, '');
  const firstError = Value.Errors(MunicipalityConfig, substituted).First();
  if (firstError) {
    throw new ConfigError(
      `${file}: ${firstError.path || '/'} ${describeError(firstError.type, firstError.schema as DescribedSchema, firstError.message)}`,
    );
  }
  const config = substituted as MunicipalityConfig;
  const expectedId = file.replace(/\.json$/, '');
  if (config.id !== expectedId) throw new ConfigError(`${file}: /id must equal the file name ("${expectedId}")`);
  if (!config.swedishNameOfficial && config.name.sv !== config.name.fi) {
    throw new ConfigError(`${file}: /name/sv differs from /name/fi, so /swedishNameOfficial must be true`);
  }
  // Separate audiences keep citizen tokens out of staff routes and staff tokens out of citizen routes.
  if (
    config.staff &&
    (config.staff.audience === config.auth.audience || config.staff.clientId === config.auth.clientId)
  ) {
    throw new ConfigError(`${file}: /staff/audience and /staff/clientId must differ from /auth's`);
  }
  if (!config.languages.includes(config.defaultLanguage)) {
    throw new ConfigError(`${file}: /defaultLanguage must be one of /languages`);
  }
  // WCAG 2.1 AA (security.md check 30): a theme people cannot read is refused at start, not found in an audit.
  const failures = contrastFailures(resolveTheme(config.theme));
  if (failures.length) throw new ConfigError(`${file}: /theme fails WCAG 2.1 AA contrast: ${failures.join('; ')}`);
  return config;
}

type DescribedSchema = { format?: string; anyOf?: { const?: unknown }[] };

function describeError(type: ValueErrorType, schema: DescribedSchema, message: string): string {
  if (type === ValueErrorType.StringFormat && schema.format === 'url') return 'must be a URL';
  if (type === ValueErrorType.StringFormat && schema.format === 'kunta-widget') {
    return `must be one of ${WIDGET_TAGS.join(', ')}`;
  }
  if (type === ValueErrorType.StringFormat && schema.format && THEME_FORMAT_MESSAGES[schema.format]) {
    return THEME_FORMAT_MESSAGES[schema.format]!;
  }
  if (type === ValueErrorType.Union && schema.anyOf?.every((s) => typeof s.const === 'string')) {
    return `must be one of ${schema.anyOf.map((s) => s.const).join(', ')}`;
  }
  if (type === ValueErrorType.StringFormat && schema.format === 'origin') {
    return 'must be an origin (scheme://host[:port], no path)';
  }
  if (type === ValueErrorType.StringFormat && schema.format === 'json-pointer') {
    return 'must be a JSON pointer (e.g. "/field/subfield")';
  }
  if (type === ValueErrorType.ObjectAdditionalProperties) return 'is not a known setting';
  if (type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  return message.charAt(0).toLowerCase() + message.slice(1);
}

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
/**
 * Variables that hold a credential (`LUPAPISTE_API_KEY_NIVALA`, `EVAKA_NIVALA_JWT_KEY`, `VTJ_PASSWORD_SIEVI`, …):
 * their `:-` default is a development value committed to git, so in production it is never used.
 */
const CREDENTIAL_VARIABLE = /(?:^|_)(?:KEY|TOKEN|PASSWORD|SECRET|USERNAME)(?:_|$)/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string; an unset variable without default is an error, and so
 * is an unset credential variable in production (NODE_ENV=production), default or not.
 */
export function substituteEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  file: string,
  path: string,
): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REFERENCE, (_match, name: string, fallback: string | undefined) => {
      const fromEnv = env[name];
      if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
      if (fallback !== undefined && env.NODE_ENV === 'production' && CREDENTIAL_VARIABLE.test(name)) {
        throw new ConfigError(
          `${file}: ${path || '/'} uses \${${name}}, a credential: in production it must be set (its default is for development only)`,
        );
      }
      if (fallback !== undefined) return fallback;
      throw new ConfigError(`${file}: ${path || '/'} uses \${${name}}, which is not set and has no default`);
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnv(item, env, file, `${path}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteEnv(item, env, file, `${path}/${key}`)]),
    );
  }
  return value;
}

function assertUnique(
  configs: MunicipalityConfig[],
  files: string[],
  key: (c: MunicipalityConfig) => string,
  path: string,
): void {
  const seen = new Map<string, string>();
  configs.forEach((config, i) => {
    const value = key(config);
    const other = seen.get(value);
    if (other) throw new ConfigError(`${files[i]}: ${path} "${value}" is already used by ${other}`);
    seen.set(value, files[i] ?? '');
  });
}

/** What the OpenID provider needs to register one public client per municipality. */
export interface OidcClientRegistration {
  municipalityId: string;
  clientId: string;
  redirectUris: string[];
  /** Web origins allowed to call the token endpoint (CORS) and to receive post-logout redirects. */
  origins: string[];
  issuer: string;
  audience: string;
  scope: string;
  /** Name of the access-token claim that carries the encrypted identity code. */
  identityCodeClaim: string;
}

/** For the dev identity provider: the clients to register, read from the same files as the API. */
export function listOidcClients(options: LoadMunicipalitiesOptions = {}): OidcClientRegistration[] {
  return loadMunicipalities(options).map((m) => ({
    municipalityId: m.id,
    clientId: m.auth.clientId,
    redirectUris: [...m.auth.redirectUris],
    origins: [...m.origins],
    issuer: m.auth.issuer,
    audience: m.auth.audience,
    scope: m.auth.scope,
    identityCodeClaim: m.auth.claims.identityCode,
  }));
}

export interface StaffSignInRegistration {
  municipalityId: string;
  municipalityName: string;
  /** "Nivalan": for naming the dev IdP's test staff member ("Nivalan tiedottaja"). */
  genitive: string;
  issuer: string;
  clientId: string;
  audience: string;
  roleClaim: string;
  roleValue: string;
}

/** Each municipality's staff sign-in settings (for the dev IdP's staff client and test staff). */
export function listStaffSignIns(options: LoadMunicipalitiesOptions = {}): StaffSignInRegistration[] {
  return loadMunicipalities(options).flatMap((m) =>
    m.staff
      ? [
          {
            municipalityId: m.id,
            municipalityName: m.name.fi,
            genitive: m.finnishCases.genitive,
            issuer: m.staff.issuer,
            clientId: m.staff.clientId,
            audience: m.staff.audience,
            roleClaim: m.staff.roleClaim,
            roleValue: m.staff.roleValue,
          },
        ]
      : [],
  );
}
