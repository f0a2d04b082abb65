/**
 * @vigil/report. Vigil case reports for every audience (public, partners, victim, UN submission) in Markdown, HTML, PDF, CSV, JSON, STIX and MISP, with redaction that fails closed.
 *
 * @packageDocumentation
 */

export type { Audience } from './audience.js';
export { AUDIENCE_TLP, AUDIENCES, isAudience } from './audience.js';
export { assertNoLeak } from './leak-gate.js';
export type { MessageCatalog, MessageKey, ReportLanguage } from './messages.js';
export { ENGLISH_MESSAGES, MESSAGES, REPORT_LANGUAGES } from './messages.js';
export type { RedactOptions } from './redact.js';
export { isRedactedCase, redactCase, sensitiveValuesOf } from './redact.js';
export type {
  ConfidentialityEntry,
  Redacted,
  RedactedAggregateClaim,
  RedactedCase,
  RedactedCollections,
  RedactedPerson,
  RedactedRecord,
  RedactedRecordBase,
  RedactionWarning,
} from './redacted-case.js';
export { REDACTED_CASE } from './redacted-case.js';
export type { FieldAction, FieldClass } from './redaction-policy.js';
export { CLASS_ACTIONS, DATASET_FIELD_POLICY, REDACTION_POLICY } from './redaction-policy.js';
export type { RenderedReport, RenderOptions, RenderReportOptions, ReportFormat } from './render-report.js';
export { REPORT_FORMATS, renderRedactedCase, renderReport } from './render-report.js';
export type { LeakFinding, ReportErrorCode } from './report-error.js';
export { isReportError, ReportError } from './report-error.js';
export { REPORT_JSON_SCHEMA, REPORT_JSON_SCHEMA_VERSION } from './report-json-schema.js';
