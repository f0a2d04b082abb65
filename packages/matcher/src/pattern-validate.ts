/**
 * Validation of STIX 2.1 patterns without evaluating them: grammar, then the semantic rules of the
 * specification (qualifier values and repetition, `START` before `STOP`, set homogeneity, regular expressions
 * the engine can run, IP operands, object paths that can never select anything).
 */
import { compileStixRegex } from './internal/pattern-regex.js';
import {
  compareInstants,
  decodeBase64,
  decodeHex,
  parseIpRange,
  parseTimestamp,
} from './internal/pattern-values.js';
import type {
  ComparisonExpression,
  ObjectPath,
  ObservationExpression,
  Pattern,
  PatternSpan,
  PrimitiveLiteral,
} from './pattern-ast.js';
import { isPatternSyntaxError, positionLookup } from './pattern-errors.js';
import { type ParsePatternOptions, parsePattern } from './pattern-parse.js';

/**
 * Codes of {@link PatternIssue}.
 *
 * @example
 * ```ts
 * import { type PatternIssueCode, validatePattern } from '@vigil/matcher';
 *
 * const codes: PatternIssueCode[] = validatePattern('[a:b = 1] WITHIN 0 SECONDS').issues.map((i) => i.code);
 * // ['INVALID_WITHIN']
 * ```
 */
export type PatternIssueCode =
  | 'PATTERN_SYNTAX'
  | 'PATTERN_TOO_DEEP'
  | 'PATTERN_TOO_LONG'
  | 'INVALID_REPEATS'
  | 'INVALID_WITHIN'
  | 'START_NOT_BEFORE_STOP'
  | 'DUPLICATE_QUALIFIER'
  | 'INVALID_TIMESTAMP'
  | 'MIXED_SET'
  | 'EMPTY_SET'
  | 'INVALID_REGEX'
  | 'UNSUPPORTED_REGEX'
  | 'INVALID_ADDRESS'
  | 'REF_INDEXED'
  | 'REFS_NOT_INDEXED'
  | 'REF_COMPARED'
  | 'NEGATIVE_INDEX'
  | 'AND_MIXED_TYPES'
  | 'NOT_AN_OBSERVABLE'
  | 'INVISIBLE_CHARACTER'
  | 'INVALID_LITERAL'
  | 'UNSAFE_INTEGER';

/**
 * One problem found in a pattern. `error`s make the pattern invalid; `warning`s mark parts that are valid
 * but can never match (for example `[file:parent_directory_ref[0].path = 'x']`).
 *
 * @example
 * ```ts
 * import { validatePattern } from '@vigil/matcher';
 *
 * const r = validatePattern("[file:name = 'a'] REPEATS 0 TIMES");
 * if (!r.valid) console.log(r.issues[0]?.code, r.issues[0]?.column); // INVALID_REPEATS 19
 * ```
 */
export interface PatternIssue {
  readonly code: PatternIssueCode;
  readonly severity: 'error' | 'warning';
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** UTF-16 offset where the problem starts. */
  readonly offset: number;
  /** UTF-16 offset where it ends (exclusive). */
  readonly end: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/**
 * The result of {@link validatePattern}: `valid` with the parsed pattern and any warnings, or not valid with
 * every issue found (errors first).
 *
 * @example
 * ```ts
 * import { validatePattern, type PatternValidation } from '@vigil/matcher';
 *
 * const r: PatternValidation = validatePattern("[ipv4-addr:value ISSUBSET '10.0.0.0/8']");
 * r.valid; // true
 * ```
 */
export type PatternValidation =
  | { readonly valid: true; readonly pattern: Pattern; readonly issues: readonly PatternIssue[] }
  | { readonly valid: false; readonly issues: readonly PatternIssue[] };

const SDO_SRO_TYPES = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
  'relationship',
  'sighting',
]);

/** STIX types that are domain or relationship objects: patterns never match them. */
export function isSdoOrSroType(type: string): boolean {
  return SDO_SRO_TYPES.has(type);
}

type Emit = (
  code: PatternIssueCode,
  severity: 'error' | 'warning',
  message: string,
  span: PatternSpan,
) => void;

const literalKind = (l: PrimitiveLiteral): string =>
  l.type === 'integer' || l.type === 'float'
    ? 'number'
    : l.type === 'hex' || l.type === 'binary'
      ? 'binary'
      : l.type;

// C0/C1 controls (except tab, LF, CR), zero-width characters, bidi embeddings/overrides/isolates, BOM.
const isInvisible = (c: number): boolean =>
  (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
  (c >= 0x7f && c <= 0x9f) ||
  (c >= 0x200b && c <= 0x200f) ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2060 && c <= 0x2064) ||
  (c >= 0x2066 && c <= 0x2069) ||
  c === 0xfeff;

function checkInvisible(text: string, where: string, span: PatternSpan, emit: Emit): void {
  let found = -1;
  for (let i = 0; i < text.length && found < 0; i++)
    if (isInvisible(text.charCodeAt(i))) found = text.charCodeAt(i);
  if (found < 0) return;
  const cp = found.toString(16).toUpperCase().padStart(4, '0');
  emit(
    'INVISIBLE_CHARACTER',
    'warning',
    `${where} contains the invisible or direction-changing character U+${cp}; the text shown may not be the text matched`,
    span,
  );
}

function checkLiteral(l: PrimitiveLiteral, emit: Emit): void {
  if (l.type === 'string') checkInvisible(l.value, 'string literal', l, emit);
  // Trees built by hand (not by the parser) may hold values the grammar would have refused.
  if (l.type === 'hex' && decodeHex(l.value) === undefined) {
    emit('INVALID_LITERAL', 'error', `h'${l.value}' is not an even number of hex digits`, l);
  }
  if (l.type === 'binary' && (l.value.length === 0 || decodeBase64(l.value) === undefined)) {
    emit('INVALID_LITERAL', 'error', `b'${l.value}' is not padded base64`, l);
  }
  if ((l.type === 'integer' || l.type === 'float') && !Number.isFinite(l.value)) {
    emit('INVALID_LITERAL', 'error', `${l.value} is not a finite number`, l);
  }
  if (l.type === 'integer' && Number.isFinite(l.value) && !Number.isInteger(l.value)) {
    emit('INVALID_LITERAL', 'error', `integer literal ${l.value} has a fraction`, l);
  }
  if (l.type === 'timestamp' && parseTimestamp(l.value) === undefined) {
    emit('INVALID_TIMESTAMP', 'error', `timestamp t'${l.value}' is not a real date and time`, l);
  }
  if (l.type === 'integer' && Number.isInteger(l.value) && !Number.isSafeInteger(l.value)) {
    emit(
      'UNSAFE_INTEGER',
      'warning',
      `integer ${l.value} is beyond ±2^53 and cannot be compared exactly; JSON numbers lose precision there too`,
      l,
    );
  }
}

function checkPath(path: ObjectPath, compared: boolean, emit: Emit): void {
  for (const st of path.steps) if (st.kind === 'key') checkInvisible(st.key, `key '${st.key}'`, path, emit);
  if (SDO_SRO_TYPES.has(path.objectType)) {
    emit(
      'NOT_AN_OBSERVABLE',
      'warning',
      `'${path.objectType}' is a STIX domain or relationship object; patterns only match cyber-observable objects, so this never matches`,
      path,
    );
  }
  let previous: string | undefined;
  for (let i = 0; i < path.steps.length; i++) {
    const step = path.steps[i];
    if (step === undefined) continue;
    if (step.kind === 'index' && step.index < 0) {
      emit(
        'NEGATIVE_INDEX',
        'warning',
        `list index ${step.index} is negative and never selects anything`,
        path,
      );
    }
    if (previous?.endsWith('_ref') && step.kind !== 'key') {
      emit(
        'REF_INDEXED',
        'warning',
        `'${previous}' refers to a single object, so a list index after it never selects anything; use .property`,
        path,
      );
    }
    if (previous?.endsWith('_refs') && step.kind === 'key') {
      emit(
        'REFS_NOT_INDEXED',
        'warning',
        `'${previous}' is a list of references: write ${previous}[*].${step.key} (any) or ${previous}[0].${step.key}`,
        path,
      );
    }
    previous = step.kind === 'key' ? step.key : undefined;
  }
  const last = path.steps.at(-1);
  if (compared && last?.kind === 'key' && (last.key.endsWith('_ref') || last.key.endsWith('_refs'))) {
    emit(
      'REF_COMPARED',
      'warning',
      `'${last.key}' is dereferenced to the object it refers to, which never equals a literal; compare one of its properties, e.g. ${last.key}${last.key.endsWith('_refs') ? '[*]' : ''}.value`,
      path,
    );
  }
}

/** Returns the object types an expression can be rooted at, reporting AND operands that share none. */
function checkComparison(expr: ComparisonExpression, emit: Emit): Set<string> {
  switch (expr.type) {
    case 'exists':
      checkPath(expr.path, false, emit);
      return new Set([expr.path.objectType]);
    case 'comparison': {
      checkPath(expr.path, true, emit);
      const v = expr.value;
      if (v.type === 'set') {
        if (v.values.length === 0) {
          emit('EMPTY_SET', 'warning', `an empty set never contains anything: this IN is always false`, v);
        }
        const kinds = new Set(v.values.map(literalKind));
        if (kinds.size > 1) {
          emit(
            'MIXED_SET',
            'error',
            `a set must hold values of one type; this one mixes ${[...kinds].join(' and ')}`,
            v,
          );
        }
        for (const x of v.values) checkLiteral(x, emit);
      } else {
        checkLiteral(v, emit);
        if (expr.operator === 'MATCHES' && v.type === 'string') {
          const r = compileStixRegex(v.value);
          if (!r.ok) emit(r.code, 'error', r.message, v);
        }
        if ((expr.operator === 'ISSUBSET' || expr.operator === 'ISSUPERSET') && v.type === 'string') {
          if (parseIpRange(v.value) === undefined) {
            emit(
              'INVALID_ADDRESS',
              'error',
              `${expr.operator} needs an IPv4 or IPv6 address or CIDR range such as '198.51.100.0/24', not '${v.value}'`,
              v,
            );
          }
        }
      }
      return new Set([expr.path.objectType]);
    }
    case 'comparison-or': {
      const all = new Set<string>();
      for (const o of expr.operands) for (const t of checkComparison(o, emit)) all.add(t);
      return all;
    }
    case 'comparison-and': {
      let common: Set<string> | undefined;
      for (const o of expr.operands) {
        const types = checkComparison(o, emit);
        common = common === undefined ? types : new Set([...common].filter((t) => types.has(t)));
      }
      if (common !== undefined && common.size === 0) {
        emit(
          'AND_MIXED_TYPES',
          'warning',
          'AND inside one observation needs a single object to satisfy every side, but the sides name different object types, so this never matches; use [a] AND [b] to require two objects',
          expr,
        );
      }
      return common ?? new Set();
    }
  }
}

function checkObservation(expr: ObservationExpression, emit: Emit): void {
  switch (expr.type) {
    case 'observation':
      checkComparison(expr.comparison, emit);
      return;
    case 'observation-and':
    case 'observation-or':
    case 'followed-by':
      for (const o of expr.operands) checkObservation(o, emit);
      return;
    case 'qualified': {
      checkObservation(expr.expression, emit);
      const seen = new Set<string>();
      for (const q of expr.qualifiers) {
        const word = q.kind === 'within' ? 'WITHIN' : q.kind === 'repeats' ? 'REPEATS' : 'START/STOP';
        if (seen.has(q.kind)) {
          emit(
            'DUPLICATE_QUALIFIER',
            'error',
            `${word} appears twice on the same observation expression; wrap the inner part in parentheses to apply it again`,
            q,
          );
        }
        seen.add(q.kind);
        if (q.kind === 'repeats' && !(q.times >= 1)) {
          emit('INVALID_REPEATS', 'error', `REPEATS needs a positive count, not ${q.times}`, q);
        } else if (q.kind === 'repeats' && !Number.isSafeInteger(q.times)) {
          emit('INVALID_REPEATS', 'error', `REPEATS count ${q.times} is too large`, q);
        }
        if (q.kind === 'within' && !(q.seconds > 0 && Number.isFinite(q.seconds))) {
          emit('INVALID_WITHIN', 'error', `WITHIN needs a positive number of seconds, not ${q.seconds}`, q);
        }
        if (q.kind === 'start-stop') {
          checkLiteral(q.startTime, emit);
          checkLiteral(q.stopTime, emit);
          const a = parseTimestamp(q.startTime.value);
          const b = parseTimestamp(q.stopTime.value);
          if (a !== undefined && b !== undefined && compareInstants(a, b) >= 0) {
            emit(
              'START_NOT_BEFORE_STOP',
              'error',
              `START t'${q.startTime.value}' must be earlier than STOP t'${q.stopTime.value}'`,
              q,
            );
          }
        }
      }
    }
  }
}

/** Semantic issues of a parsed pattern (errors first, then warnings, each in text order). */
export function checkPattern(pattern: Pattern): PatternIssue[] {
  const issues: PatternIssue[] = [];
  const seen = new Set<string>();
  const position = positionLookup(pattern.source);
  const emit: Emit = (code, severity, message, span) => {
    const key = `${code}:${span.start}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { line, column } = position(span.start);
    issues.push({ code, severity, message, offset: span.start, end: span.end, line, column });
  };
  checkObservation(pattern.expression, emit);
  const rank = (i: PatternIssue): number => (i.severity === 'error' ? 0 : 1);
  return issues.sort((a, b) => rank(a) - rank(b) || a.offset - b.offset);
}

/**
 * Checks a pattern without evaluating it: the grammar (with the same limits as {@link parsePattern}), then
 * the specification's semantic rules. Never throws for bad input; every problem is an issue with a code, a
 * message and a position.
 *
 * @param text - The pattern text, or an already parsed {@link Pattern}.
 * @param options - Parser limits.
 * @returns `{ valid: true, pattern, issues }` (issues are warnings only) or `{ valid: false, issues }`.
 *
 * @example
 * ```ts
 * import { validatePattern } from '@vigil/matcher';
 *
 * validatePattern("[file:name = 'a'] START t'2020-01-02T00:00:00Z' STOP t'2020-01-01T00:00:00Z'");
 * // { valid: false, issues: [{ code: 'START_NOT_BEFORE_STOP', severity: 'error', column: 19, … }] }
 * ```
 */
export function validatePattern(
  text: string | Pattern,
  options: ParsePatternOptions = {},
): PatternValidation {
  let pattern: Pattern;
  if (typeof text === 'string') {
    try {
      pattern = parsePattern(text, options);
    } catch (e) {
      if (!isPatternSyntaxError(e)) throw e;
      return {
        valid: false,
        issues: [
          {
            code: e.code,
            severity: 'error',
            message: e.message,
            offset: e.offset,
            end: e.offset,
            line: e.line,
            column: e.column,
          },
        ],
      };
    }
  } else pattern = text;
  const issues = checkPattern(pattern);
  if (issues.some((i) => i.severity === 'error')) return { valid: false, issues };
  return { valid: true, pattern, issues };
}
