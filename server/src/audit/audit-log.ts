import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';
import { subjectPseudonym } from './pseudonym.js';

/** Why personal data was read; one value per use case so the log can be reported by purpose. */
export type AuditPurpose = 'citizen_own_data' | 'proactive_feed';

export interface PersonalDataRead {
  requestId: string;
  actor: { iss: string; sub: string; clientId: string };
  municipalityId: string;
  /** The data subject's identity code; only its pseudonym is stored. */
  identityCode: string;
  dataCategory: string;
  sources: string[];
  objectRefs: string[];
  purpose: AuditPurpose;
  /** `used`: read to act on the citizen's request (e.g. to check a dismissal), nothing sent back. */
  outcome: 'disclosed' | 'disclosed_partial' | 'used';
}

/** The append-only access log (906/2019 §17). One row per successful read of personal data. */
export class AuditLog {
  readonly #db: Db;
  readonly #pseudonymKey: Uint8Array;
  readonly #now: () => Date;

  constructor(db: Db, pseudonymKey: Uint8Array, now: () => Date) {
    this.#db = db;
    this.#pseudonymKey = pseudonymKey;
    this.#now = now;
  }

  /** Resolves only once the row is stored; callers send the data after this and not otherwise. */
  async recordRead(event: PersonalDataRead): Promise<void> {
    await this.#db
      .insertInto('audit_events')
      .values({
        id: randomUUID(),
        occurred_at: this.#now().toISOString(),
        request_id: event.requestId,
        actor_iss: event.actor.iss,
        actor_sub: event.actor.sub,
        client_id: event.actor.clientId,
        municipality_id: event.municipalityId,
        subject_pseudonym: subjectPseudonym(this.#pseudonymKey, event.identityCode),
        data_category: event.dataCategory,
        sources: JSON.stringify(event.sources),
        object_refs: JSON.stringify(event.objectRefs),
        purpose: event.purpose,
        outcome: event.outcome,
      })
      .execute();
  }
}
