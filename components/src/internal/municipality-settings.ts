import type { KuntaClient, Municipality } from '@kunta-akkuna/sdk';

// One request per client for the municipality's public settings (theme, default language, widgets), shared by
// every widget on the page that uses the client. A failure is not cached, so a later widget tries again.
const cache = new WeakMap<KuntaClient, Promise<Municipality | undefined>>();

export function municipalitySettings(client: KuntaClient): Promise<Municipality | undefined> {
  let pending = cache.get(client);
  if (!pending) {
    pending = Promise.resolve()
      .then(() => client.municipality.retrieve())
      .catch(() => {
        cache.delete(client);
        return undefined;
      });
    cache.set(client, pending);
  }
  return pending;
}
