/**
 * What the feed widget loads: the personal feed with consent, else the general one (no personal data read). For a
 * signed-in citizen it also imports the signed-in views (feed-personal.ts), together with the first request.
 */
import { NetworkError, isKuntaError } from '@kunta-akkuna/sdk';
import type { Feed, KuntaClient, Service, SourceStatus } from '@kunta-akkuna/sdk';
import { mergeSources, ordered } from './feed-model.js';
import type * as FeedPersonal from './feed-personal.js';

/** The personal list, the consent prompt and the withdrawal control: loaded only for a signed-in citizen. */
export type SignedInViews = typeof FeedPersonal;

export type FeedResult =
  | { kind: 'not-configured' }
  | {
      kind: 'general';
      feed: Feed;
      catalogue: Map<string, Service> | null;
      /** The signed-in views when someone is signed in (the consent prompt is shown), else undefined. */
      signedIn: SignedInViews | undefined;
      sources: SourceStatus[];
    }
  | { kind: 'personal'; feed: Feed; sources: SourceStatus[]; views: SignedInViews };

let views: Promise<SignedInViews> | undefined;
/** Imports the signed-in views once; a failed import is tried again next time (and reads as a network error). */
function signedInViews(): Promise<SignedInViews> {
  views ??= import('./feed-personal.js').catch((error: unknown) => {
    views = undefined;
    throw new NetworkError({ code: 'KA_NETWORK', message: 'Could not load the signed-in feed views', cause: error });
  });
  return views;
}

export const hasCode = (error: unknown, code: string) => isKuntaError(error) && error.code === code;

export async function loadFeed(client: KuntaClient | undefined, signal: AbortSignal): Promise<FeedResult> {
  if (!client) return { kind: 'not-configured' };
  const user = client.auth ? await client.auth.getUser() : null;
  signal.throwIfAborted();
  if (!user) return loadGeneral(client, signal, undefined);
  const loadingViews = signedInViews();
  // Handled where it is awaited; this keeps an early failure of the requests below from leaving it unhandled.
  loadingViews.catch(() => undefined);
  let signedIn = true;
  try {
    const consent = await client.consent.retrieve({ signal });
    if (consent.granted) {
      const feed = await client.feed.list({}, { signal });
      const views = await loadingViews;
      return { kind: 'personal', feed: { ...feed, items: ordered(feed.items) }, sources: feed.sources, views };
    }
  } catch (error) {
    // The session ended (general feed, signed out) or consent was withdrawn meanwhile (general feed, prompt).
    if (hasCode(error, 'KA_UNAUTHENTICATED')) signedIn = false;
    else if (!hasCode(error, 'KA_FORBIDDEN')) throw error;
  }
  return loadGeneral(client, signal, signedIn ? await loadingViews : undefined);
}

async function loadGeneral(
  client: KuntaClient,
  signal: AbortSignal,
  signedIn: SignedInViews | undefined,
): Promise<FeedResult> {
  const feed = await client.feed.public({}, { signal });
  // The server names each item's life event, link and channels; the catalogue is read only to fill in what an
  // older server's items lack, and without it such items are shown ungrouped.
  const lacking = feed.items.some(
    (item) =>
      item.kind !== 'notice' &&
      item.service &&
      (!item.lifeEvent || !item.action || (item as Partial<typeof item>).channels === undefined),
  );
  const services = lacking
    ? await client.services.search({}, { signal }).catch((error: unknown) => {
        if (signal.aborted) throw error;
        return null;
      })
    : null;
  return {
    kind: 'general',
    feed: { ...feed, items: ordered(feed.items) },
    catalogue: services ? new Map(services.items.map((service) => [service.id, service])) : null,
    signedIn,
    sources: mergeSources(feed.sources, services?.sources ?? []),
  };
}
