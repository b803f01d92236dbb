/**
 * A small file-backed storage adapter for oidc-provider, so that restarting the dev IdP (`npm start` again)
 * keeps sessions, grants and refresh tokens. Dev only: one process, tiny volumes, a synchronous atomic write per
 * change. Stored payloads carry the pseudonymous `sub`, never the identity code in clear.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch seconds; absent = no expiry. */
  expiresAt?: number;
}

type Data = Record<string, Record<string, Entry>>;

const now = (): number => Math.floor(Date.now() / 1000);

export class FileStore {
  readonly #file: string;
  #data: Data = {};

  constructor(file: string) {
    this.#file = file;
    if (existsSync(file)) {
      try {
        this.#data = JSON.parse(readFileSync(file, 'utf8')) as Data;
      } catch {
        // A damaged dev store only costs a new sign-in.
        this.#data = {};
      }
    }
    this.#purge();
  }

  model(name: string): Record<string, Entry> {
    this.#data[name] ??= {};
    return this.#data[name];
  }

  live(name: string, id: string): AdapterPayload | undefined {
    const entry = this.model(name)[id];
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= now()) {
      delete this.model(name)[id];
      return undefined;
    }
    return entry.payload;
  }

  save(): void {
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.#data), { mode: 0o600 });
    renameSync(temporary, this.#file);
  }

  #purge(): void {
    const t = now();
    for (const entries of Object.values(this.#data)) {
      for (const [id, entry] of Object.entries(entries)) {
        if (entry.expiresAt !== undefined && entry.expiresAt <= t) delete entries[id];
      }
    }
  }
}

class FileAdapter implements Adapter {
  readonly #name: string;
  readonly #store: FileStore;

  constructor(name: string, store: FileStore) {
    this.#name = name;
    this.#store = store;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.#store.model(this.#name)[id] = {
      payload,
      ...(expiresIn ? { expiresAt: now() + expiresIn } : {}),
    };
    this.#store.save();
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.#store.live(this.#name, id);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.#findBy((p) => p.userCode === userCode);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.#findBy((p) => p.uid === uid);
  }

  async consume(id: string): Promise<void> {
    const payload = this.#store.live(this.#name, id);
    if (payload) {
      payload.consumed = now();
      this.#store.save();
    }
  }

  async destroy(id: string): Promise<void> {
    delete this.#store.model(this.#name)[id];
    this.#store.save();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const entries = this.#store.model(this.#name);
    for (const [id, entry] of Object.entries(entries)) {
      if (entry.payload.grantId === grantId) delete entries[id];
    }
    this.#store.save();
  }

  #findBy(predicate: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const id of Object.keys(this.#store.model(this.#name))) {
      const payload = this.#store.live(this.#name, id);
      if (payload && predicate(payload)) return payload;
    }
    return undefined;
  }
}

/** An oidc-provider adapter factory storing everything in one JSON file. */
export function fileAdapter(file: string): AdapterFactory {
  const store = new FileStore(file);
  return (name: string) => new FileAdapter(name, store);
}
