// Public model types are aliases of the OpenAPI schemas (generated/api.ts), so regenerating that file from
// server/openapi.json updates the SDK without hand edits. Nested types are derived from the top-level
// schemas rather than named schemas, because the generator may inline them.
import type { components } from './generated/api.js';

type Schemas = components['schemas'];

export type Case = Schemas['Case'];
export type CaseList = Schemas['CaseList'];
export type SourceStatus = Schemas['SourceStatus'];
export type Municipality = Schemas['PublicMunicipality'];
export type Problem = Schemas['Problem'];

export type CaseStatus = Case['status'];
export type TimelineEntry = Case['timeline'][number];
export type CaseAction = Case['actions'][number];
export type LocalizedText = Case['title'];
export type SourceState = SourceStatus['status'];
export type MunicipalityAuthSettings = Municipality['auth'];

// Proactive feed, consent and the service catalogue (docs/contracts.md, "Proactive feed").

/** Why an item is shown: the rule that produced it, in words, with the data it used and the legal basis. */
export type FeedReason = Schemas['FeedReason'];
/** One entry of a feed: a suggestion or task made for the citizen, a catalogue service, or a notice. */
export type FeedItem = Schemas['FeedItem'];
/** The real period of what a suggestion suggests (first and last day). */
export type FeedWindow = Schemas['FeedWindow'];
/** `GET /v1/me/feed` and `GET /v1/municipalities/{id}/feed`. */
export type Feed = Schemas['Feed'];
export type FeedItemKind = FeedItem['kind'];
/** A channel through which a service is used: e-service, phone (with its numbers and hours), location, form. */
export type ServiceChannel = Schemas['ServiceChannel'];
export type ChannelPhone = Schemas['ChannelPhone'];
export type ServiceHours = Schemas['ServiceHours'];
/** A service in the municipality's catalogue (PTV), in the unified model. */
export type Service = Schemas['Service'];
/** `GET /v1/municipalities/{id}/services`. */
export type ServiceList = Schemas['ServiceList'];

/** The citizen's consent to the use of their data for personal suggestions (`/v1/me/consent`). */
export interface Consent {
  granted: boolean;
  /** The version of the consent text the citizen agreed to; null when not granted. */
  textVersion: string | null;
  /** When consent was given (ISO); null when not granted. */
  grantedAt: string | null;
}

/** Body of `PUT /v1/me/consent`. */
export interface ConsentGrant {
  /** The version of the consent text the citizen was shown. */
  textVersion: string;
}

/** Query parameters of `feed.list` and `feed.public`; none are defined by the API yet. */
export type FeedListParams = Record<string, string | number | boolean | undefined>;

/** Query parameters of `services.search`. */
export interface ServiceSearchParams {
  /** Free text. */
  q?: string;
  /** A PTV life-event code, e.g. `KE4`. */
  lifeEvent?: string;
  /** The language to search and rank in. */
  lang?: 'fi' | 'sv' | 'en';
}

/** Every case status in the unified model, in lifecycle order. */
export const CASE_STATUSES = [
  'draft',
  'submitted',
  'in_progress',
  'action_required',
  'decided',
  'closed',
  'cancelled',
] as const satisfies readonly CaseStatus[];

/** Options every call accepts. */
export interface RequestOptions {
  /** Aborts the request (and any retry waiting for its turn). */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call, in milliseconds. */
  timeout?: number;
}

/** Query parameters of `cases.list`; none are defined by the API yet. */
export type CaseListParams = Record<string, string | number | boolean | undefined>;
/** Query parameters of `cases.retrieve`; none are defined by the API yet. */
export type CaseRetrieveParams = Record<string, string | number | boolean | undefined>;
