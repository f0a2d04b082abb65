/**
 * @vigil/core: the Vigil case data model. zod 4 schemas with inferred types, integrity rules, the evidence
 * ladder, queries and STIX 2.1 interop.
 *
 * @packageDocumentation
 */

export type {
  Consent,
  Exploit,
  Operator,
  Organization,
  Person,
  Product,
  RelationshipKind,
} from './actors.js';
export {
  ConsentSchema,
  ExploitSchema,
  OperatorSchema,
  ORGANIZATION_KINDS,
  OrganizationSchema,
  PersonSchema,
  PROFESSIONAL_ROLES,
  ProductSchema,
  RelationshipKindSchema,
} from './actors.js';
export { checkDataset } from './check-dataset.js';
export type {
  AggregateClaim,
  Attribution,
  Count,
  Harm,
  Intervention,
  Source,
  TimelineEvent,
} from './claims.js';
export {
  AggregateClaimSchema,
  AttributionSchema,
  CountSchema,
  HarmSchema,
  InterventionSchema,
  SourceSchema,
  TimelineEventSchema,
} from './claims.js';
export type {
  Citation,
  Confidence,
  CountryCode,
  FuzzyDate,
  Location,
  Marking,
  Period,
  RecordBase,
  RecordId,
  Tlp,
} from './common.js';
export {
  CitationSchema,
  ConfidenceSchema,
  CountryCodeSchema,
  FuzzyDateSchema,
  LocationSchema,
  MarkingSchema,
  PeriodSchema,
  RecordBaseSchema,
  RecordIdSchema,
  TLP_LEVELS,
  TlpSchema,
} from './common.js';
export type { CountOptions, CountRow } from './count-records.js';
export { countRecords } from './count-records.js';
export type { CollectionName, Dataset, DatasetInput } from './dataset.js';
export { COLLECTIONS, DatasetSchema, SCHEMA_VERSION, SENSITIVE_FIELDS } from './dataset.js';
export { DatasetError } from './dataset-error.js';
export { datasetJsonSchema } from './dataset-json-schema.js';
export { effectiveMarking, isSensitiveField } from './effective-marking.js';
export type { VigilErrorCode } from './errors.js';
export { isVigilError, VigilError } from './errors.js';
export type {
  CustodyEvent,
  Device,
  EvidenceItem,
  EvidenceLevel,
  FindingOutcome,
  ForensicFinding,
  Identifier,
  Review,
  TargetingAssessment,
  TargetingBasis,
  Tool,
} from './evidence.js';
export {
  CustodyEventSchema,
  DeviceSchema,
  EVIDENCE_LEVELS,
  EvidenceItemSchema,
  EvidenceLevelSchema,
  FindingOutcomeSchema,
  ForensicFindingSchema,
  IdentifierSchema,
  ReviewSchema,
  TargetingAssessmentSchema,
  TargetingBasisSchema,
  ToolSchema,
} from './evidence.js';
export { evidenceLevelOf, evidenceLevels } from './evidence-levels.js';
export { formatDatasetSummary } from './format-dataset-summary.js';
export type { StixImportResult } from './from-stix-bundle.js';
export { fromStixBundle } from './from-stix-bundle.js';
export type { Indicator, IndicatorSet } from './indicators.js';
export { IndicatorSchema, IndicatorSetSchema } from './indicators.js';
export type { Issue, IssuePosition } from './issue.js';
export { hasErrors } from './issue.js';
export type { SafeParseDatasetResult } from './parse-dataset.js';
export { parseDataset, safeParseDataset } from './parse-dataset.js';
export { domainToAscii, hostToAscii, hostToUnicode, punycodeDecode, punycodeEncode } from './punycode.js';
export type { Reconciliation, ReconciliationStatus } from './reconcile-aggregate-claims.js';
export { reconcileAggregateClaims } from './reconcile-aggregate-claims.js';
export { sha256, sha256Hex, sha256HexPure } from './sha256.js';
export type { StixBundle, StixExternalReference, StixObject } from './stix-bundle.js';
export type { StixTlpMarkingDefinition } from './stix-markings.js';
export { TLP_MARKING_IDS, TLP2_EXTENSION_ID, tlpMarkingDefinition, tlpOfMarkingId } from './stix-markings.js';
export type { DatasetSummary } from './summarize-dataset.js';
export { summarizeDataset } from './summarize-dataset.js';
export type { StixExportOptions } from './to-stix-bundle.js';
export { toStixBundle } from './to-stix-bundle.js';
