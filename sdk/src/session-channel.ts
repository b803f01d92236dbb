// The session's signal between the tabs of an origin, used by the OIDC strategy (oidc-auth.ts) once a session
// exists: a file of its own, so that the check a signed-out page makes (session-store.ts) does not carry it.

/** What one tab tells the others of the same origin when the session in the shared store changes. */
export type SessionSignal = 'signed-in' | 'signed-out';

/**
 * Tells the other tabs of this origin that the session of one authority + client id changed, so that a sign-out
 * in one tab clears the names, cases and feed shown in every other (a library computer must not keep showing
 * them). The message carries no user data: a receiver re-reads the shared store, which stays the only truth.
 * Without BroadcastChannel (very old browsers) tabs learn of the change on their next token use only.
 */
export class SessionChannel {
  private readonly channel: BroadcastChannel | undefined;

  constructor(options: { authority: string; clientId: string }, onSignal: (signal: SessionSignal) => void) {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(`kunta-akkuna:session:${options.authority}|${options.clientId}`);
    this.channel.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data === 'signed-in' || event.data === 'signed-out') onSignal(event.data);
    };
  }

  post(signal: SessionSignal): void {
    this.channel?.postMessage(signal);
  }

  close(): void {
    this.channel?.close();
  }
}
