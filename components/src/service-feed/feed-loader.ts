/** What the feed widget loads: the personal feed with consent, else the general one (no personal data read). */
import { isKuntaError } from '@kunta-akkuna/sdk';
import type { Feed, KuntaClient, Service, SourceStatus } from '@kunta-akkuna/sdk';
import { mergeSources, ordered } from './feed-model.js';

export type FeedResult =
  | { kind: 'not-configured' }
  | { kind: 'general'; feed: Feed; catalogue: Map<string, Service> | null; signedIn: boolean; sources: SourceStatus[] }
  | { kind: 'personal'; feed: Feed; sources: SourceStatus[] };

export const hasCode = (error: unknown, code: string) => isKuntaError(error) && error.code === code;

export async function loadFeed(client: KuntaClient | undefined, signal: AbortSignal): Promise<FeedResult> {
  if (!client) return { kind: 'not-configured' };
  const user = client.auth ? await client.auth.getUser() : null;
  signal.throwIfAborted();
  if (!user) return loadGeneral(client, signal, false);
  let signedIn = true;
  try {
    const consent = await client.consent.retrieve({ signal });
    if (consent.granted) {
      const feed = await client.feed.list({}, { signal });
      return { kind: 'personal', feed: { ...feed, items: ordered(feed.items) }, sources: feed.sources };
    }
  } catch (error) {
    // The session ended (general feed, signed out) or consent was withdrawn meanwhile (general feed, prompt).
    if (hasCode(error, 'KA_UNAUTHENTICATED')) signedIn = false;
    else if (!hasCode(error, 'KA_FORBIDDEN')) throw error;
  }
  return loadGeneral(client, signal, signedIn);
}

async function loadGeneral(client: KuntaClient, signal: AbortSignal, signedIn: boolean): Promise<FeedResult> {
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
