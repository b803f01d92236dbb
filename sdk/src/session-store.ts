// What a page can learn about the OIDC session without oidc-client-ts: the session store itself, and whether
// the address carries the provider's answer to a sign-in this page started. The widgets check both on every
// signed-out page, so this is all that page loads of the OIDC strategy (the tabs' session channel, used once a
// session exists, is in session-channel.ts).
import type { StateStore } from 'oidc-client-ts';

/** Prefix of the sign-in request states oidc-client-ts keeps in sessionStorage. */
export const STATE_PREFIX = 'kunta-akkuna.oidc.';

/** Keeps the session in IndexedDB: shared by the tabs of the origin (refresh-token rotation needs that), not in localStorage. */
export class IndexedDbStateStore implements StateStore {
  constructor(
    private readonly dbName = 'kunta-akkuna',
    private readonly storeName = 'session',
  ) {}

  private async tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(this.dbName, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(this.storeName);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = run(db.transaction(this.storeName, mode).objectStore(this.storeName));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }

  async set(key: string, value: string): Promise<void> {
    await this.tx('readwrite', (store) => store.put(value, key));
  }
  async get(key: string): Promise<string | null> {
    return ((await this.tx('readonly', (store) => store.get(key))) as string | undefined) ?? null;
  }
  async remove(key: string): Promise<string | null> {
    const value = await this.get(key);
    await this.tx('readwrite', (store) => store.delete(key));
    return value;
  }
  async getAllKeys(): Promise<string[]> {
    return (await this.tx('readonly', (store) => store.getAllKeys())).map(String);
  }
}

/** The key oidc-client-ts's UserManager stores the user under (`user:<authority>:<client id>`). */
export function sessionKey(options: { authority: string; clientId: string }): string {
  return `user:${options.authority}:${options.clientId}`;
}

/** Whether a session may be stored; an unreadable store counts as "maybe" (the strategy then finds out). */
export async function mayHaveSession(
  store: IndexedDbStateStore,
  options: { authority: string; clientId: string },
): Promise<boolean> {
  return (await store.get(sessionKey(options)).catch(() => 'unknown')) !== null;
}

/** The address, when it carries the provider's answer (`?code&state` or `?error&state`) to a sign-in this page stored. */
export function callbackUrl(): URL | undefined {
  if (typeof location === 'undefined') return undefined;
  const url = new URL(location.href);
  const state = url.searchParams.get('state');
  const isResponse = state !== null && (url.searchParams.has('code') || url.searchParams.has('error'));
  return isResponse && sessionStorage.getItem(STATE_PREFIX + state) !== null ? url : undefined;
}
