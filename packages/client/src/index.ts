/**
 * @vigil/client. A ky-based client for TAXII 2.1 servers, indicator feeds and the Vigil case registry.
 *
 * @packageDocumentation
 */

export type { ClientErrorCode, HttpMethod, ResponseIssue } from './errors.js';
export {
  AccessError,
  ConflictError,
  HttpError,
  InvalidResponseError,
  NetworkError,
  TimeoutError,
} from './errors.js';
export type { FeedFormat, FeedIndex, FeedIndexIssue, FeedIndexOptions, FeedSource } from './feed-index.js';
export { guessFeedFormat, parseFeedIndex } from './feed-index.js';
export type { Auth, BasicAuth, HttpOptions, RetryOptions, TokenAuth } from './http-options.js';
export type { LoadedFeeds, LoadFeedsOptions } from './load-feeds.js';
export { loadFeeds } from './load-feeds.js';
export type {
  CaseListOptions,
  CasePage,
  CaseQuery,
  CaseRecord,
  CaseSummary,
  RegistryClient,
  RegistryClientOptions,
} from './registry-client.js';
export {
  CasePageSchema,
  CaseRecordSchema,
  CaseSummarySchema,
  createRegistryClient,
} from './registry-client.js';
export type {
  AddObjectsOptions,
  CallOptions,
  Page,
  TaxiiClient,
  TaxiiClientOptions,
  TaxiiCollection,
} from './taxii-client.js';
export { createTaxiiClient } from './taxii-client.js';
export type { MatchFilters, MatchValue, ObjectFilters } from './taxii-filters.js';
export { filtersToSearchParams, isTaxiiTimestamp } from './taxii-filters.js';
export type {
  ApiRoot,
  Collection,
  Collections,
  Discovery,
  Envelope,
  Manifest,
  ManifestRecord,
  Status,
  StatusDetail,
  StixObject,
  TaxiiErrorResource,
  Versions,
} from './taxii-resources.js';
export {
  ApiRootSchema,
  CollectionSchema,
  CollectionsSchema,
  DiscoverySchema,
  EnvelopeSchema,
  ManifestRecordSchema,
  ManifestSchema,
  StatusDetailSchema,
  StatusSchema,
  StixObjectSchema,
  TaxiiErrorSchema,
  VersionsSchema,
} from './taxii-resources.js';
export type {
  FeedFile,
  FeedFileStatus,
  FeedProblem,
  FeedProblemCode,
  UpdateFeedsOptions,
  UpdateFeedsResult,
} from './update-feeds.js';
export { updateFeeds } from './update-feeds.js';
