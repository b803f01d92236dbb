/**
 * A generic case system's JSON → unified Cases, driven only by the municipality's mapping configuration
 * (tenants/source-config.ts GenericSourceConfig). Pure; unit-tested in test/generic-mapper.test.ts.
 * A record that lacks a mapped required field makes the whole answer malformed (the source is then unavailable),
 * rather than showing a half-mapped case.
 */
import type { Case } from '../../schemas/case.js';
import type { LocalizedText } from '../../schemas/common.js';
import type { GenericSourceConfig } from '../../tenants/source-config.js';
import { resolvePointer } from './json-pointer.js';

export class GenericMappingError extends Error {
  override name = 'GenericMappingError';
}

type Mapping = GenericSourceConfig['mapping'];

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function instant(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  return null;
}

function localized(value: unknown, fallback: LocalizedText): LocalizedText {
  const single = text(value);
  if (single) return { fi: single, sv: single, en: single };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const fi = text(record.fi);
    const sv = text(record.sv);
    const en = text(record.en);
    const any = fi ?? sv ?? en;
    if (any) return { fi: fi ?? any, sv: sv ?? fi ?? any, en: en ?? fi ?? any };
  }
  return { ...fallback };
}

function safeHref(value: unknown): string | null {
  const href = text(value);
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const OPEN_LINK: LocalizedText = { fi: 'Avaa asia', sv: 'Öppna ärendet', en: 'Open the case' };

export function mapGenericRecords(body: unknown, sourceId: string, mapping: Mapping): Case[] {
  const records = resolvePointer(body, mapping.items);
  if (!Array.isArray(records)) throw new GenericMappingError(`no array at ${mapping.items || '/'}`);
  const { fields } = mapping;
  return records
    .map((record, i): Case => {
      const required = (pointer: string, value: string | null): string => {
        if (value === null) throw new GenericMappingError(`record ${i}: nothing usable at ${pointer}`);
        return value;
      };
      const id = required(fields.id, text(resolvePointer(record, fields.id)));
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(id)) throw new GenericMappingError(`record ${i}: unusable id`);
      const rawStatus = required(fields.status, text(resolvePointer(record, fields.status)));
      const updatedAt = required(fields.updatedAt, instant(resolvePointer(record, fields.updatedAt)));
      const label = (raw: string): LocalizedText => ({
        ...(mapping.statusLabels?.[raw] ?? { fi: raw, sv: raw, en: raw }),
      });
      const status = (raw: string) => mapping.statusTable[raw] ?? 'in_progress';

      const timeline: Case['timeline'] = [];
      if (fields.timeline && fields.timelineStatus && fields.timelineAt) {
        const entries = resolvePointer(record, fields.timeline);
        if (Array.isArray(entries)) {
          for (const entry of entries) {
            const entryStatus = text(resolvePointer(entry, fields.timelineStatus));
            const at = instant(resolvePointer(entry, fields.timelineAt));
            if (entryStatus && at) timeline.push({ at, status: status(entryStatus), label: label(entryStatus) });
          }
        }
      }
      if (timeline.length === 0) timeline.push({ at: updatedAt, status: status(rawStatus), label: label(rawStatus) });
      timeline.sort((a, b) => a.at.localeCompare(b.at));

      const href = fields.link ? safeHref(resolvePointer(record, fields.link)) : null;
      const nextStep = mapping.nextSteps?.[rawStatus];
      return {
        id: `${sourceId}:${id}`,
        source: sourceId,
        type: mapping.caseType,
        title: localized(fields.title ? resolvePointer(record, fields.title) : undefined, mapping.defaultTitle),
        status: status(rawStatus),
        sourceStatus: rawStatus,
        timeline,
        nextStep: nextStep ? { ...nextStep } : null,
        actions: href ? [{ label: { ...OPEN_LINK }, href }] : [],
        subject: { kind: 'self' },
        updatedAt,
      };
    })
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
