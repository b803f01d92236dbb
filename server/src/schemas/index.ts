// Every named schema, in the order they are registered with `addSchema` (referenced ones first).
import { Case, CaseAction, CaseList, CaseStatus, CaseSubject, CaseTimelineEntry, SourceStatus } from './case.js';
import { Language, LocalizedText, Problem, ProblemCode } from './common.js';
import { Consent, ConsentGrant, Feed, FeedAction, FeedItem, FeedReason, FeedWindow, ServiceList } from './feed.js';
import { Health } from './health.js';
import {
  Notice,
  NoticeChange,
  NoticeChangeList,
  NoticeInput,
  NoticeLink,
  NoticeList,
  NoticeSeverity,
  StaffNotice,
  StaffNoticeList,
  StaffSession,
} from './notice.js';
import { AccessLogEntry, AccessLogPage, MyData, MyDataExport, RemovalResult, RetentionInfo } from './my-data.js';
import { MunicipalityList, MunicipalitySummary, PublicMunicipality, ThemeTokens } from './municipality.js';
import { ChannelPhone, Service, ServiceChannel, ServiceHours } from './service.js';

export const sharedSchemas = [
  Language,
  LocalizedText,
  ProblemCode,
  Problem,
  CaseStatus,
  CaseTimelineEntry,
  CaseAction,
  CaseSubject,
  Case,
  SourceStatus,
  CaseList,
  ThemeTokens,
  PublicMunicipality,
  MunicipalitySummary,
  MunicipalityList,
  ChannelPhone,
  ServiceHours,
  ServiceChannel,
  Service,
  ServiceList,
  FeedReason,
  FeedAction,
  FeedWindow,
  FeedItem,
  Feed,
  Consent,
  ConsentGrant,
  Health,
  NoticeSeverity,
  NoticeLink,
  Notice,
  NoticeList,
  NoticeInput,
  StaffNotice,
  StaffNoticeList,
  NoticeChange,
  NoticeChangeList,
  StaffSession,
  AccessLogEntry,
  AccessLogPage,
  RetentionInfo,
  MyData,
  MyDataExport,
  RemovalResult,
];
