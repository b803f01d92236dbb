/** Thrown at start when a configuration file is wrong; the message names the file and the field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
