import type { AccessLogEntry, MyDataExport } from '@kunta-akkuna/sdk';
import type { Translation } from '../i18n/localize.js';

/**
 * One access-log row in plain language, as its parts: when, which systems, what data, why, and for whom, e.g.
 * "4.12.2026 klo 10.42 · Lupapiste (rakennusluvat) · hakemustesi ja asioidesi tilat · näytettiin sinulle tässä
 * palvelussa". The codes are translated; a code this version does not know falls back to `other`.
 */
export function entryParts(t: Translation, entry: AccessLogEntry, when: string): string[] {
  const m = t.myData;
  const systems = entry.sources.length
    ? entry.sources.map((id) => t.sourceName[id] ?? t.sourceName.generic ?? id).join(', ')
    : m.thisService;
  const what = m.category[entry.dataCategory] ?? m.category.other!;
  const why =
    entry.outcome === 'deleted'
      ? m.deleted
      : entry.outcome === 'used'
        ? (m.purposeUsed[entry.purpose] ?? m.purposeUsed.other!)
        : (m.purposeShown[entry.purpose] ?? m.purposeShown.other!) +
          (entry.outcome === 'disclosed_partial' ? ` (${m.partly})` : '');
  const parts = [when, systems, what, why];
  if (entry.subject.kind === 'child') parts.push(t.subjectChild(entry.subject.givenName));
  if (entry.onBehalfOf === 'guardian') parts.push(m.onBehalfOfGuardian);
  return parts;
}

/** The human-readable summary of an export, as plain text in the widget's language (downloaded with the JSON). */
export function summaryText(
  t: Translation,
  exported: MyDataExport,
  format: { dateTime: (iso: string) => string; date: (iso: string) => string },
): string {
  const m = t.myData;
  const { data } = exported;
  const lines: string[] = [m.summaryTitle(format.dateTime(exported.generatedAt)), '', m.summaryIntro, ''];
  const section = (heading: string, body: string[]) => lines.push(heading, ...body.map((l) => `- ${l}`), '');
  section(
    m.consentsHeading,
    data.consents.length === 0
      ? [m.consentNone]
      : data.consents.flatMap((c) => [
          c.granted && c.grantedAt
            ? m.consentGranted(c.textVersion ?? '', format.date(c.grantedAt))
            : m.consentWithdrawn,
          ...c.history.map((h) =>
            h.action === 'granted'
              ? m.historyGranted(format.date(h.at), h.textVersion ?? '')
              : m.historyWithdrawn(format.date(h.at)),
          ),
        ]),
  );
  section(m.dismissalsHeading, [
    data.dismissals.length === 0 ? m.dismissalsNone : m.dismissalsCount(data.dismissals.length),
    m.retention.dismissals(data.retention.dismissalDays),
  ]);
  section(m.savedCopiesHeading, [
    ...(data.savedCopies.length === 0
      ? [m.savedCopiesNone]
      : data.savedCopies.map((c) => m.savedCopy(t.sourceName[c.source] ?? c.source, format.dateTime(c.expiresAt)))),
    m.retention.savedCopies,
  ]);
  section(m.settingsHeading, [data.settings.length === 0 ? m.settingsNone : `${data.settings.length}`]);
  section(m.logHeading, [
    ...exported.accessLog.map((entry) => entryParts(t, entry, format.dateTime(entry.at)).join(' · ')),
    m.retention.accessLog(data.retention.accessLogDays),
  ]);
  lines.push(m.keptHeading, m.keptAccessLog(data.retention.accessLogDays), m.keptWhy, m.keptBackends, '');
  return lines.join('\n');
}
