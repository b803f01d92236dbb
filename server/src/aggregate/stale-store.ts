/**
 * The per-citizen stale-if-error store (security.md check 24, RFC 5861 in spirit): each citizen's last good
 * answer per source, keyed by (municipality, subject pseudonym, source), with a finite TTL, in the database,
 * encrypted at rest with AES-256-GCM. The key triple is also the GCM additional data, so a row copied under
 * another citizen's key does not decrypt: one citizen can never be served another's copy. Errors are never
 * stored (callers save only successful answers).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/database.js';

export interface SnapshotKey {
  municipalityId: string;
  subjectPseudonym: string;
  sourceId: string;
}

export interface Snapshot<T> {
  data: T;
  /** ISO time the data was fetched from the source. */
  fetchedAt: string;
}

export const DEFAULT_STALE_TTL_SECONDS = 12 * 3600;
/** An unchanged answer is re-saved at most this often (a write per request would cost more than it tells). */
const RESAVE_UNCHANGED_MS = 60_000;
const MAX_REMEMBERED = 50_000;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class StaleStore {
  readonly #db: Db;
  readonly #key: Uint8Array;
  readonly #now: () => Date;
  /** key → digest of what was last saved, and when; only to skip rewriting identical copies. */
  readonly #saved = new Map<string, { digest: string; at: number }>();

  constructor(db: Db, key: Uint8Array, now: () => Date) {
    if (key.length !== 32) throw new Error('the snapshot key must be 32 bytes');
    this.#db = db;
    this.#key = key;
    this.#now = now;
  }

  async save<T>(key: SnapshotKey, data: T, ttlSeconds: number, fetchedAt: Date = this.#now()): Promise<void> {
    if (ttlSeconds <= 0) return;
    const plaintext = Buffer.from(JSON.stringify(data), 'utf8');
    const memoKey = `${key.municipalityId}\u0000${key.subjectPseudonym}\u0000${key.sourceId}`;
    const digest = createHash('sha256').update(plaintext).digest('base64url');
    const previous = this.#saved.get(memoKey);
    const nowMs = fetchedAt.getTime();
    if (previous && previous.digest === digest && nowMs - previous.at < RESAVE_UNCHANGED_MS) return;

    const row = {
      municipality_id: key.municipalityId,
      subject_pseudonym: key.subjectPseudonym,
      source_id: key.sourceId,
      fetched_at: fetchedAt.toISOString(),
      expires_at: new Date(nowMs + ttlSeconds * 1000).toISOString(),
      payload: this.#encrypt(key, plaintext),
    };
    await this.#db
      .insertInto('source_snapshots')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['municipality_id', 'subject_pseudonym', 'source_id'])
          .doUpdateSet({ fetched_at: row.fetched_at, expires_at: row.expires_at, payload: row.payload }),
      )
      .execute();
    if (this.#saved.size >= MAX_REMEMBERED) this.#saved.clear();
    this.#saved.set(memoKey, { digest, at: nowMs });
  }

  /** The citizen's copy if one exists and has not expired; null otherwise (also when it does not decrypt). */
  async load<T>(key: SnapshotKey): Promise<Snapshot<T> | null> {
    const row = await this.#db
      .selectFrom('source_snapshots')
      .select(['fetched_at', 'expires_at', 'payload'])
      .where('municipality_id', '=', key.municipalityId)
      .where('subject_pseudonym', '=', key.subjectPseudonym)
      .where('source_id', '=', key.sourceId)
      .executeTakeFirst();
    if (!row || row.expires_at <= this.#now().toISOString()) return null;
    const plaintext = this.#decrypt(key, row.payload);
    if (plaintext === null) return null;
    return { data: JSON.parse(plaintext) as T, fetchedAt: row.fetched_at };
  }

  /** Forgets a citizen's copy (e.g. when the source says the data changed). */
  async forget(key: SnapshotKey): Promise<void> {
    this.#saved.delete(`${key.municipalityId}\u0000${key.subjectPseudonym}\u0000${key.sourceId}`);
    await this.#db
      .deleteFrom('source_snapshots')
      .where('municipality_id', '=', key.municipalityId)
      .where('subject_pseudonym', '=', key.subjectPseudonym)
      .where('source_id', '=', key.sourceId)
      .execute();
  }

  /** Deletes expired copies; run periodically. Returns how many were deleted. */
  async purgeExpired(): Promise<number> {
    const result = await this.#db
      .deleteFrom('source_snapshots')
      .where('expires_at', '<=', this.#now().toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  #aad(key: SnapshotKey): Buffer {
    return Buffer.from(`ka-snapshot:v1\u0000${key.municipalityId}\u0000${key.subjectPseudonym}\u0000${key.sourceId}`);
  }

  #encrypt(key: SnapshotKey, plaintext: Buffer): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(this.#aad(key));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  }

  #decrypt(key: SnapshotKey, payload: string): string | null {
    try {
      const bytes = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(this.#aad(key));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
