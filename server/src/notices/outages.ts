/**
 * Outage notices: while a source's breaker has been open for longer than the municipality allows, the widgets that
 * show the source say so once, instead of one warning per citizen read. Made from the guards' state on each read,
 * so the notice is gone as soon as a call succeeds again.
 */
import type { SourceRegistry } from '../aggregate/source-registry.js';
import type { Notice } from '../schemas/notice.js';
import type { MunicipalityConfig } from '../tenants/municipality-config.js';

export const DEFAULT_OUTAGE_AFTER_S = 120;

export function outageNotices(sources: SourceRegistry, municipality: MunicipalityConfig, now: Date): Notice[] {
  const afterMs = (municipality.outageNoticeAfterSeconds ?? DEFAULT_OUTAGE_AFTER_S) * 1000;
  return sources
    .guardsOf(municipality.id)
    .filter((guard) => guard.downSince !== null && now.getTime() - guard.downSince >= afterMs)
    .map((guard) => {
      const since = new Date(guard.downSince!).toISOString();
      return {
        id: `outage.${guard.sourceId}`,
        kind: 'outage' as const,
        severity: 'warning' as const,
        // The widgets word it from `source` and `dataAsOf` in their own language; these are for other clients.
        title: { en: `${guard.sourceId} is not answering` },
        body: { en: `Information from ${guard.sourceId} is shown as it was when it last answered.` },
        topics: [guard.sourceId],
        visibleFrom: since,
        startsAt: since,
        endsAt: new Date(now.getTime() + 24 * 3_600_000).toISOString(),
        updatedAt: since,
        source: guard.sourceId,
        dataAsOf: guard.lastOkAt === null ? null : new Date(guard.lastOkAt).toISOString(),
      };
    });
}
