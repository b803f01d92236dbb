// A type test, checked by `npm run typecheck` (tsc -p sdk includes test/) and never run: every resource method
// takes the parameters of its route's schema (generated/api.ts) and nothing else. Each `@ts-expect-error` fails
// the type-check when the line below it compiles, so a loosened parameter type is caught.
import type { KuntaClient } from '../src/index.js';

export async function rightParameters(client: KuntaClient, signal: AbortSignal) {
  await client.municipality.retrieve({ signal });
  await client.feed.public({}, { signal, timeout: 5_000 });
  await client.feed.list();
  await client.feed.dismiss('preschool:1', { signal });
  await client.services.search({ q: 'esiopetus', lifeEvent: 'KE4', lang: 'sv' }, { signal });
  await client.cases.list({}, { signal });
  await client.cases.retrieve('lupapiste:LP-1', {}, { signal });
  await client.consent.retrieve({ signal });
  await client.consent.grant({ textVersion: '2026-01' }, { signal });
  await client.consent.withdraw({ signal });
}

export async function wrongParameters(client: KuntaClient) {
  // @ts-expect-error the municipality's settings take no parameters, only request options
  await client.municipality.retrieve({ lang: 'sv' });
  // @ts-expect-error the general feed has no query parameters
  await client.feed.public({ lang: 'sv' });
  // @ts-expect-error the personal feed has no query parameters
  await client.feed.list({ kind: 'task' });
  // @ts-expect-error an item id is a string
  await client.feed.dismiss(42);
  // @ts-expect-error services are searched in fi, sv or en
  await client.services.search({ lang: 'de' });
  // @ts-expect-error the free-text parameter is `q`
  await client.services.search({ query: 'esiopetus' });
  // @ts-expect-error the case list has no query parameters
  await client.cases.list({ status: 'decided' });
  // @ts-expect-error a single case has no query parameters
  await client.cases.retrieve('lupapiste:LP-1', { lang: 'fi' });
  // @ts-expect-error consent is granted for a text version
  await client.consent.grant({ version: '2026-01' });
  // @ts-expect-error the consent text version is a string
  await client.consent.grant({ textVersion: 1 });
  // @ts-expect-error withdrawing takes request options only
  await client.consent.withdraw({ textVersion: '2026-01' });
  // @ts-expect-error a timeout is a number of milliseconds
  await client.feed.public({}, { timeout: '5s' });
}
