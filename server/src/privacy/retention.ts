import { ConfigError } from '../tenants/load-municipalities.js';

/**
 * How long each kind of stored data is kept (docs/privacy.md says the same, and so does <kunta-my-data>, from
 * `GET /v1/me/data`). Saved copies of back-end answers carry their own expiry (the source's stale TTL), set when
 * saved; the purge deletes them once past it.
 */
export interface RetentionPolicy {
  /** The access log (906/2019 §17), in days from the row's time. */
  accessLogDays: number;
  /** A consent history that ended in withdrawal, in days from the withdrawal. A consent in force keeps its history. */
  consentHistoryDays: number;
  /** A dismissal, in days from when it was made. */
  dismissalDays: number;
  /** How often the purge runs, in milliseconds. */
  purgeIntervalMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  // Five years: the period municipal information-management plans commonly set for access logs; each
  // controller sets its own here.
  accessLogDays: 5 * 365,
  consentHistoryDays: 3 * 365,
  dismissalDays: 365,
  purgeIntervalMs: 3_600_000,
};

const ENV: Record<keyof RetentionPolicy, string> = {
  accessLogDays: 'RETENTION_ACCESS_LOG_DAYS',
  consentHistoryDays: 'RETENTION_CONSENT_HISTORY_DAYS',
  dismissalDays: 'RETENTION_DISMISSAL_DAYS',
  purgeIntervalMs: 'RETENTION_PURGE_INTERVAL_MS',
};

/** The policy from options, else the environment, else the defaults; a non-positive or non-integer value fails the start. */
export function retentionPolicy(
  option: Partial<RetentionPolicy> | undefined,
  env: Record<string, string | undefined>,
): RetentionPolicy {
  const policy = { ...DEFAULT_RETENTION };
  for (const key of Object.keys(ENV) as Array<keyof RetentionPolicy>) {
    const raw = option?.[key] ?? env[ENV[key]];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${ENV[key]} must be a positive integer`);
    policy[key] = value;
  }
  return policy;
}

const DAY_MS = 86_400_000;

/** The ISO time before which `days` of retention have run out. */
export function cutoffOf(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}
