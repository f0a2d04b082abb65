/**
 * @vigil/matcher. Indicators of compromise for Vigil: loaders (STIX 2.1, MVT, Echap, lists), the STIX 2.1 patterning language and a fast compiled index.
 *
 * @packageDocumentation
 */

/** The version of this package's public API. */
export const VERSION = '0.0.0';

export { extractHost } from './host.js';
export type { IpAddress, IpRange } from './ip.js';
export { parseCidr, parseIp } from './ip.js';
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
