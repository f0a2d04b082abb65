/**
 * @vigil/matcher. Indicators of compromise for Vigil: loaders (STIX 2.1, MVT, Echap, lists), the STIX 2.1 patterning language and a fast compiled index.
 *
 * @packageDocumentation
 */

export { extractHost } from './host.js';
export type {
  Diagnostic,
  HashAlgorithm,
  Indicator,
  IndicatorProvenance,
  IndicatorSet,
  IndicatorSource,
  IndicatorType,
  SourceLocation,
} from './indicator.js';
export { INDICATOR_TYPES } from './indicator.js';
export type { IpAddress, IpRange } from './ip.js';
export { parseCidr, parseIp } from './ip.js';
export type { LoadDiagnosticCode } from './load-diagnostic-code.js';
export { loadEchapYaml } from './load-echap.js';
export {
  detectIndicatorFormat,
  type IndicatorFormat,
  type LoadIndicatorsOptions,
  loadIndicators,
} from './load-indicators.js';
export { type LoadListOptions, loadList } from './load-list.js';
export { loadMvtIndex, type MvtIndex, type MvtIndexEntry } from './load-mvt-index.js';
export type { LoadOptions } from './load-options.js';
export { loadStix, STIX_KEYS } from './load-stix.js';
export type {
  Artifact,
  ArtifactType,
  IndicatorMatch,
  Matcher,
  MatcherOptions,
  MatcherProfile,
  MatchRule,
} from './matcher.js';
export { createMatcher } from './matcher.js';
export {
  detectIndicatorType,
  type NormalizeOptions,
  type NormalizeResult,
  normalizeIndicatorValue,
} from './normalize.js';
export type {
  BinaryLiteral,
  BooleanLiteral,
  Comparison,
  ComparisonExpression,
  ComparisonJunction,
  ComparisonOperator,
  ExistsTest,
  FloatLiteral,
  HexLiteral,
  IntegerLiteral,
  Literal,
  ObjectPath,
  ObservationExpression,
  ObservationJunction,
  ObservationNode,
  OrderableLiteral,
  PathStep,
  Pattern,
  PatternNode,
  PatternSpan,
  PrimitiveLiteral,
  QualifiedObservation,
  Qualifier,
  RepeatsQualifier,
  SetLiteral,
  StartStopQualifier,
  StringLiteral,
  TimestampLiteral,
  WithinQualifier,
} from './pattern-ast.js';
export { isPatternSyntaxError, PatternSyntaxError, type PatternSyntaxErrorCode } from './pattern-errors.js';
export { formatPattern } from './pattern-format.js';
export {
  isPatternMatchError,
  type MatchPatternOptions,
  matchPattern,
  type PatternBinding,
  type PatternBindingSlot,
  type PatternDataDiagnostic,
  type PatternDataDiagnosticCode,
  PatternMatchError,
  type PatternMatchErrorCode,
  type PatternMatchResult,
  type StixObjectLike,
} from './pattern-match.js';
export { type ParsePatternOptions, parsePattern } from './pattern-parse.js';
export {
  type PatternIssue,
  type PatternIssueCode,
  type PatternValidation,
  validatePattern,
} from './pattern-validate.js';
export { loadMatcher, serializeMatcher } from './serialize.js';
