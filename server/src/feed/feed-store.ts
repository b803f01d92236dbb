import { randomUUID } from 'node:crypto';
import type { Consent } from '../schemas/feed.js';
import type { Db } from '../store/database.js';

/**
 * Consent and dismissals, keyed by the subject pseudonym (never the identity code). Consent is read from the
 * database on every request, so a withdrawal stops the use of personal data at once, on every instance.
 */
export class FeedStore {
  readonly #db: Db;
  readonly #now: () => Date;

  constructor(db: Db, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * The citizen's consent in force. One given to another text than `currentTextVersion` (the one the municipality
   * shows now) is not in force: the citizen did not read what is shown now, so they are asked again. The history
   * keeps it either way.
   */
  async consent(subjectPseudonym: string, municipalityId: string, currentTextVersion?: string): Promise<Consent> {
    const row = await this.#db
      .selectFrom('feed_consents')
      .select(['granted', 'text_version', 'granted_at'])
      .where('subject_pseudonym', '=', subjectPseudonym)
      .where('municipality_id', '=', municipalityId)
      .executeTakeFirst();
    if (!row || Number(row.granted) !== 1) return { granted: false, textVersion: null, grantedAt: null };
    if (currentTextVersion !== undefined && row.text_version !== currentTextVersion) {
      return { granted: false, textVersion: null, grantedAt: null };
    }
    return { granted: true, textVersion: row.text_version, grantedAt: row.granted_at };
  }

  /** Records the decision in the history and the current state, in one transaction. */
  async decide(
    subject: { subjectPseudonym: string; municipalityId: string; requestId: string },
    decision: { granted: true; textVersion: string } | { granted: false },
  ): Promise<Consent> {
    const at = this.#now().toISOString();
    const textVersion = decision.granted ? decision.textVersion : null;
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('feed_consent_events')
        .values({
          id: randomUUID(),
          subject_pseudonym: subject.subjectPseudonym,
          municipality_id: subject.municipalityId,
          action: decision.granted ? 'granted' : 'withdrawn',
          text_version: textVersion,
          occurred_at: at,
          request_id: subject.requestId,
        })
        .execute();
      const state = {
        granted: decision.granted ? 1 : 0,
        text_version: textVersion,
        granted_at: decision.granted ? at : null,
        updated_at: at,
      };
      await trx
        .insertInto('feed_consents')
        .values({ subject_pseudonym: subject.subjectPseudonym, municipality_id: subject.municipalityId, ...state })
        .onConflict((oc) => oc.columns(['subject_pseudonym', 'municipality_id']).doUpdateSet(state))
        .execute();
    });
    return decision.granted
      ? { granted: true, textVersion, grantedAt: at }
      : { granted: false, textVersion: null, grantedAt: null };
  }

  async dismissed(subjectPseudonym: string): Promise<Set<string>> {
    const rows = await this.#db
      .selectFrom('feed_dismissals')
      .select('item_id')
      .where('subject_pseudonym', '=', subjectPseudonym)
      .execute();
    return new Set(rows.map((r) => r.item_id));
  }

  /** Idempotent: dismissing twice keeps the first time. */
  async dismiss(subjectPseudonym: string, itemId: string): Promise<void> {
    await this.#db
      .insertInto('feed_dismissals')
      .values({ subject_pseudonym: subjectPseudonym, item_id: itemId, dismissed_at: this.#now().toISOString() })
      .onConflict((oc) => oc.columns(['subject_pseudonym', 'item_id']).doNothing())
      .execute();
  }
}
