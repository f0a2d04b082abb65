/**
 * The syntax tree of a STIX 2.1 pattern, as built by {@link parsePattern}.
 *
 * Every node records `start` and `end`: UTF-16 offsets into the pattern text (end exclusive), so a tool can
 * point at the part of the pattern it is talking about. Chains of the same binary operator (`a AND b AND c`)
 * are kept as one node with a list of operands rather than a deep tree, so very long patterns stay shallow.
 */

/** Offsets of a node in the pattern text: UTF-16 code units, `end` exclusive. */
export interface PatternSpan {
  /** Offset of the node's first character. */
  readonly start: number;
  /** Offset just past the node's last character. */
  readonly end: number;
}

/** A string literal `'…'`; `value` has its `\'` and `\\` escapes resolved. */
export interface StringLiteral extends PatternSpan {
  readonly type: 'string';
  readonly value: string;
}

/** An integer literal such as `42` or `-1`. */
export interface IntegerLiteral extends PatternSpan {
  readonly type: 'integer';
  readonly value: number;
}

/** A floating-point literal such as `2.5`, `.5` or `-0.25`. */
export interface FloatLiteral extends PatternSpan {
  readonly type: 'float';
  readonly value: number;
}

/** `true` or `false` (lower case only). */
export interface BooleanLiteral extends PatternSpan {
  readonly type: 'boolean';
  readonly value: boolean;
}

/** A hex literal `h'…'`; `value` is the hex digits in lower case, without the `h''` wrapper. */
export interface HexLiteral extends PatternSpan {
  readonly type: 'hex';
  readonly value: string;
}

/** A binary literal `b'…'`; `value` is the base64 text, without the `b''` wrapper. */
export interface BinaryLiteral extends PatternSpan {
  readonly type: 'binary';
  readonly value: string;
}

/** A timestamp literal `t'2016-01-01T00:00:00Z'`; `value` is the text between the quotes. */
export interface TimestampLiteral extends PatternSpan {
  readonly type: 'timestamp';
  readonly value: string;
}

/** Any literal that may appear on the right of `<`, `<=`, `>` or `>=`. */
export type OrderableLiteral =
  | StringLiteral
  | IntegerLiteral
  | FloatLiteral
  | HexLiteral
  | BinaryLiteral
  | TimestampLiteral;

/** Any literal that may appear on the right of `=` or `!=`, or inside a set. */
export type PrimitiveLiteral = OrderableLiteral | BooleanLiteral;

/** A set literal `('a', 'b')` or `()`, the right-hand side of `IN`. */
export interface SetLiteral extends PatternSpan {
  readonly type: 'set';
  readonly values: readonly PrimitiveLiteral[];
}

/** Every literal node. */
export type Literal = PrimitiveLiteral | SetLiteral;

/** One step of an object path after the object type: a property or dictionary key, a list index, or `[*]`. */
export type PathStep =
  | {
      /** A property name or dictionary key: `.name` or `.'SHA-256'`. */
      readonly kind: 'key';
      readonly key: string;
    }
  | {
      /** A list index `[n]`; negative indexes are grammatical and never select anything. */
      readonly kind: 'index';
      readonly index: number;
    }
  | {
      /** `[*]`: any element of the list. */
      readonly kind: 'any';
    };

/**
 * An object path such as `file:hashes.'SHA-256'` or `email-message:to_refs[*].value`. The first step is
 * always a `key` (the property name after the colon).
 */
export interface ObjectPath extends PatternSpan {
  readonly type: 'path';
  /** The SCO type, e.g. `domain-name`; any type the grammar allows, standard or not (`app`). */
  readonly objectType: string;
  readonly steps: readonly PathStep[];
}

/** The comparison operators. `==` is read as `=`, and `<>` as `!=`. */
export type ComparisonOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET';

/** A comparison `path [NOT] operator value`. */
export interface Comparison extends PatternSpan {
  readonly type: 'comparison';
  readonly path: ObjectPath;
  readonly operator: ComparisonOperator;
  /** `true` when the operator is preceded by `NOT`. */
  readonly negated: boolean;
  readonly value: Literal;
}

/** `[NOT] EXISTS path`. */
export interface ExistsTest extends PatternSpan {
  readonly type: 'exists';
  readonly path: ObjectPath;
  readonly negated: boolean;
}

/** `a AND b AND …` or `a OR b OR …` inside one observation (`[…]`); two or more operands. */
export interface ComparisonJunction extends PatternSpan {
  readonly type: 'comparison-and' | 'comparison-or';
  readonly operands: readonly ComparisonExpression[];
}

/** Everything that may appear between `[` and `]`. */
export type ComparisonExpression = Comparison | ExistsTest | ComparisonJunction;

/** `WITHIN n SECONDS`. */
export interface WithinQualifier extends PatternSpan {
  readonly kind: 'within';
  /** Positive number of seconds (integer or float in the pattern). */
  readonly seconds: number;
}

/** `REPEATS n TIMES`. */
export interface RepeatsQualifier extends PatternSpan {
  readonly kind: 'repeats';
  readonly times: number;
}

/** `START t'…' STOP t'…'`. */
export interface StartStopQualifier extends PatternSpan {
  readonly kind: 'start-stop';
  readonly startTime: TimestampLiteral;
  readonly stopTime: TimestampLiteral;
}

/** Any qualifier. */
export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

/** One observation expression `[ comparisons ]`. */
export interface ObservationNode extends PatternSpan {
  readonly type: 'observation';
  readonly comparison: ComparisonExpression;
}

/**
 * Observation expressions joined by `AND`, `OR` or `FOLLOWEDBY` (two or more operands, left to right;
 * `a FOLLOWEDBY b FOLLOWEDBY c` reads as `(a FOLLOWEDBY b) FOLLOWEDBY c`).
 */
export interface ObservationJunction extends PatternSpan {
  readonly type: 'observation-and' | 'observation-or' | 'followed-by';
  readonly operands: readonly ObservationExpression[];
}

/**
 * An observation expression followed by one or more qualifiers, applied in written order:
 * `[a] REPEATS 2 TIMES WITHIN 5 SECONDS` is `([a] REPEATS 2 TIMES) WITHIN 5 SECONDS`. A qualifier inside
 * parentheses gives a nested node.
 */
export interface QualifiedObservation extends PatternSpan {
  readonly type: 'qualified';
  readonly expression: ObservationExpression;
  readonly qualifiers: readonly Qualifier[];
}

/** Any observation expression. */
export type ObservationExpression = ObservationNode | ObservationJunction | QualifiedObservation;

/**
 * A parsed STIX 2.1 pattern.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * const pattern = parsePattern("[domain-name:value = 'evil.test']");
 * pattern.expression.type; // 'observation'
 * ```
 */
export interface Pattern extends PatternSpan {
  readonly type: 'pattern';
  /** The text that was parsed. */
  readonly source: string;
  readonly expression: ObservationExpression;
}

/** Any node of the tree. */
export type PatternNode =
  | Pattern
  | ObservationExpression
  | ComparisonExpression
  | ObjectPath
  | Literal
  | Qualifier;
