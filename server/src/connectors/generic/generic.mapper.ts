/**
 * A generic case system's JSON → unified Cases, driven only by the municipality's mapping configuration
 * (connectors/generic/config.ts GenericSourceConfig). Pure; unit-tested in test/generic-connector.test.ts.
 * Each record is checked on its own: one that lacks a required field (id, status, updatedAt) or has one that
 * cannot be used is left out with a fixed reason code, never a half-mapped case and never a dead source. Only an
 * answer without the list where the mapping says it is, is malformed as a whole.
 */
import type { Case } from '../../schemas/case.js';
import type { LocalizedText } from '../../schemas/common.js';
import type { SourceCases, SkippedRow } from '../contract.js';
import type { GenericSourceConfig } from './config.js';
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

/** Why a record was left out; fixed codes only (they go into a metric and a log line, never a value). */
export type GenericSkipReason =
  'not_an_object' | 'missing_field' | 'bad_id' | 'bad_date' | 'unknown_state' | 'duplicate_id';

class SkipRecord extends Error {
  constructor(readonly reason: GenericSkipReason) {
    super(reason);
  }
}

const CASE_ID = /^[A-Za-z0-9._-]{1,100}$/;

function absent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function mapGenericRecords(body: unknown, sourceId: string, mapping: Mapping): SourceCases {
  const records = resolvePointer(body, mapping.items);
  if (!Array.isArray(records)) throw new GenericMappingError(`no array at ${mapping.items || '/'}`);
  const cases: Case[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    try {
      const mapped = mapRecord(record, sourceId, mapping);
      if (seen.has(mapped.id)) throw new SkipRecord('duplicate_id');
      seen.add(mapped.id);
      cases.push(mapped);
    } catch (error) {
      if (!(error instanceof SkipRecord)) throw error;
      skipped.push({ reason: error.reason });
    }
  }
  cases.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { cases, skipped };
}

function mapRecord(record: unknown, sourceId: string, mapping: Mapping): Case {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new SkipRecord('not_an_object');
  const { fields } = mapping;
  const field = (pointer: string): unknown => {
    const value = resolvePointer(record, pointer);
    if (absent(value)) throw new SkipRecord('missing_field');
    return value;
  };
  const id = text(field(fields.id));
  if (id === null || !CASE_ID.test(id)) throw new SkipRecord('bad_id');
  const rawStatus = text(field(fields.status));
  // A status the table does not name would be shown as a raw code with a guessed meaning: left out instead.
  if (rawStatus === null || !Object.hasOwn(mapping.statusTable, rawStatus)) throw new SkipRecord('unknown_state');
  const updatedAt = instant(field(fields.updatedAt));
  if (updatedAt === null) throw new SkipRecord('bad_date');
  const label = (raw: string): LocalizedText => ({
    ...(mapping.statusLabels?.[raw] ?? { fi: raw, sv: raw, en: raw }),
  });
  const status = (raw: string) => mapping.statusTable[raw]!;

  // The timeline is optional detail: an entry that cannot be read is left out of it, the case is still shown.
  const timeline: Case['timeline'] = [];
  if (fields.timeline && fields.timelineStatus && fields.timelineAt) {
    const entries = resolvePointer(record, fields.timeline);
    if (Array.isArray(entries)) {
      for (const entry of entries) {
        const entryStatus = text(resolvePointer(entry, fields.timelineStatus));
        const at = instant(resolvePointer(entry, fields.timelineAt));
        if (entryStatus && at && Object.hasOwn(mapping.statusTable, entryStatus))
          timeline.push({ at, status: status(entryStatus), label: label(entryStatus) });
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
}
