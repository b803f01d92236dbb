// Every named schema, in the order they are registered with `addSchema` (referenced ones first).
import { Case, CaseAction, CaseList, CaseStatus, CaseSubject, CaseTimelineEntry, SourceStatus } from './case.js';
import { Language, LocalizedText, Problem } from './common.js';
import { Health } from './health.js';
import { PublicMunicipality } from './municipality.js';

export const sharedSchemas = [
  Language,
  LocalizedText,
  Problem,
  CaseStatus,
  CaseTimelineEntry,
  CaseAction,
  CaseSubject,
  Case,
  SourceStatus,
  CaseList,
  PublicMunicipality,
  Health,
];
