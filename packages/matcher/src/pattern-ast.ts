/**
 * The syntax tree of a STIX 2.1 pattern, as built by {@link parsePattern}.
 *
 * Every node records `start` and `end`: UTF-16 offsets into the pattern text (end exclusive), so a tool can
 * point at the part of the pattern it is talking about. Chains of the same binary operator (`a AND b AND c`)
 * are kept as one node with a list of operands rather than a deep tree, so very long patterns stay shallow.
 */

/**
 * Offsets of a node in the pattern text: UTF-16 code units, `end` exclusive.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * const p = parsePattern("[a:b = 1]");
 * p.expression.start; // 0
 * p.expression.end; // 9
 * ```
 */
export interface PatternSpan {
  /** Offset of the node's first character. */
  readonly start: number;
  /** Offset just past the node's last character. */
  readonly end: number;
}

/**
 * A string literal `'…'`; `value` has its `\'` and `\\` escapes resolved.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // [file:name = 'it\\'s'] → { type: 'string', value: "it's" }
 * parsePattern("[file:name = 'it\\'s']");
 * ```
 */
export interface StringLiteral extends PatternSpan {
  readonly type: 'string';
  readonly value: string;
}

/**
 * An integer literal such as `42` or `-1`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // [file:size = 42] → { type: 'integer', value: 42 }
 * parsePattern('[file:size = 42]');
 * ```
 */
export interface IntegerLiteral extends PatternSpan {
  readonly type: 'integer';
  readonly value: number;
}

/**
 * A floating-point literal such as `2.5`, `.5` or `-0.25`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // [x:entropy > 7.5] → { type: 'float', value: 7.5 }
 * parsePattern('[x:entropy > 7.5]');
 * ```
 */
export interface FloatLiteral extends PatternSpan {
  readonly type: 'float';
  readonly value: number;
}

/**
 * `true` or `false` (lower case only).
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // [file:is_encrypted = true] → { type: 'boolean', value: true }
 * parsePattern('[file:is_encrypted = true]');
 * ```
 */
export interface BooleanLiteral extends PatternSpan {
  readonly type: 'boolean';
  readonly value: boolean;
}

/**
 * A hex literal `h'…'`; `value` is the hex digits in lower case, without the `h''` wrapper.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // [file:magic_number_hex = h'4D5A'] → { type: 'hex', value: '4d5a' }
 * parsePattern("[file:magic_number_hex = h'4D5A']");
 * ```
 */
export interface HexLiteral extends PatternSpan {
  readonly type: 'hex';
  readonly value: string;
}

/**
 * A binary literal `b'…'`; `value` is the base64 text, without the `b''` wrapper.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // [artifact:payload_bin = b'TVo='] → { type: 'binary', value: 'TVo=' }
 * parsePattern("[artifact:payload_bin = b'TVo=']");
 * ```
 */
export interface BinaryLiteral extends PatternSpan {
  readonly type: 'binary';
  readonly value: string;
}

/**
 * A timestamp literal `t'2016-01-01T00:00:00Z'`; `value` is the text between the quotes.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // → { type: 'timestamp', value: '2016-01-01T00:00:00Z' }
 * parsePattern("[file:created > t'2016-01-01T00:00:00Z']");
 * ```
 */
export interface TimestampLiteral extends PatternSpan {
  readonly type: 'timestamp';
  readonly value: string;
}

/**
 * Any literal that may appear on the right of `<`, `<=`, `>` or `>=`.
 *
 * @example
 * ```ts
 * import type { OrderableLiteral } from '@vigil/matcher';
 *
 * const five: OrderableLiteral = { type: 'integer', value: 5, start: 0, end: 1 };
 * ```
 */
export type OrderableLiteral =
  | StringLiteral
  | IntegerLiteral
  | FloatLiteral
  | HexLiteral
  | BinaryLiteral
  | TimestampLiteral;

/**
 * Any literal that may appear on the right of `=` or `!=`, or inside a set.
 *
 * @example
 * ```ts
 * import type { PrimitiveLiteral } from '@vigil/matcher';
 *
 * const yes: PrimitiveLiteral = { type: 'boolean', value: true, start: 0, end: 4 };
 * ```
 */
export type PrimitiveLiteral = OrderableLiteral | BooleanLiteral;

/**
 * A set literal `('a', 'b')` or `()`, the right-hand side of `IN`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // [x:port IN (80, 443)] → { type: 'set', values: [{ type: 'integer', value: 80 }, …] }
 * parsePattern('[x:port IN (80, 443)]');
 * ```
 */
export interface SetLiteral extends PatternSpan {
  readonly type: 'set';
  readonly values: readonly PrimitiveLiteral[];
}

/**
 * Every literal node.
 *
 * @example
 * ```ts
 * import type { Literal } from '@vigil/matcher';
 *
 * const empty: Literal = { type: 'set', values: [], start: 0, end: 2 };
 * ```
 */
export type Literal = PrimitiveLiteral | SetLiteral;

/**
 * One step of an object path after the object type: a property or dictionary key, a list index, or `[*]`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // email-message:to_refs[*].value → steps: [{ kind: 'key', key: 'to_refs' }, { kind: 'any' }, { kind: 'key', key: 'value' }]
 * parsePattern("[email-message:to_refs[*].value = 'a@b.test']");
 * ```
 */
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
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // file:hashes.'SHA-256' → { objectType: 'file', steps: [{ kind: 'key', key: 'hashes' }, { kind: 'key', key: 'SHA-256' }] }
 * parsePattern("[file:hashes.'SHA-256' = 'ab']");
 * ```
 */
export interface ObjectPath extends PatternSpan {
  readonly type: 'path';
  /** The SCO type, e.g. `domain-name`; any type the grammar allows, standard or not (`app`). */
  readonly objectType: string;
  readonly steps: readonly PathStep[];
}

/**
 * The comparison operators. `==` is read as `=`, and `<>` as `!=`.
 *
 * @example
 * ```ts
 * import type { ComparisonOperator } from '@vigil/matcher';
 *
 * const op: ComparisonOperator = 'ISSUBSET';
 * ```
 */
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

/**
 * A comparison `path [NOT] operator value`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // file:name NOT LIKE 'a%' → { type: 'comparison', operator: 'LIKE', negated: true, … }
 * parsePattern("[file:name NOT LIKE 'a%']");
 * ```
 */
export interface Comparison extends PatternSpan {
  readonly type: 'comparison';
  readonly path: ObjectPath;
  readonly operator: ComparisonOperator;
  /** `true` when the operator is preceded by `NOT`. */
  readonly negated: boolean;
  readonly value: Literal;
}

/**
 * `[NOT] EXISTS path`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // NOT EXISTS file:hashes.MD5 → { type: 'exists', negated: true, path: … }
 * parsePattern('[NOT EXISTS file:hashes.MD5]');
 * ```
 */
export interface ExistsTest extends PatternSpan {
  readonly type: 'exists';
  readonly path: ObjectPath;
  readonly negated: boolean;
}

/**
 * `a AND b AND …` or `a OR b OR …` inside one observation (`[…]`); two or more operands.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // → { type: 'comparison-or', operands: [3 comparisons] }
 * parsePattern('[a:b = 1 OR a:b = 2 OR a:b = 3]');
 * ```
 */
export interface ComparisonJunction extends PatternSpan {
  readonly type: 'comparison-and' | 'comparison-or';
  readonly operands: readonly ComparisonExpression[];
}

/**
 * Everything that may appear between `[` and `]`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * const p = parsePattern('[a:b = 1 AND a:c = 2]');
 * if (p.expression.type === 'observation') p.expression.comparison.type; // 'comparison-and'
 * ```
 */
export type ComparisonExpression = Comparison | ExistsTest | ComparisonJunction;

/**
 * `WITHIN n SECONDS`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // → qualifiers: [{ kind: 'within', seconds: 2.5 }]
 * parsePattern('[a:b = 1] WITHIN 2.5 SECONDS');
 * ```
 */
export interface WithinQualifier extends PatternSpan {
  readonly kind: 'within';
  /** Positive number of seconds (integer or float in the pattern). */
  readonly seconds: number;
}

/**
 * `REPEATS n TIMES`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // → qualifiers: [{ kind: 'repeats', times: 3 }]
 * parsePattern('[a:b = 1] REPEATS 3 TIMES');
 * ```
 */
export interface RepeatsQualifier extends PatternSpan {
  readonly kind: 'repeats';
  readonly times: number;
}

/**
 * `START t'…' STOP t'…'`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * // → qualifiers: [{ kind: 'start-stop', startTime: { value: '2016-06-01T00:00:00Z' }, stopTime: … }]
 * parsePattern("[a:b = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'");
 * ```
 */
export interface StartStopQualifier extends PatternSpan {
  readonly kind: 'start-stop';
  readonly startTime: TimestampLiteral;
  readonly stopTime: TimestampLiteral;
}

/**
 * Any qualifier.
 *
 * @example
 * ```ts
 * import type { Qualifier } from '@vigil/matcher';
 *
 * const q: Qualifier = { kind: 'repeats', times: 2, start: 0, end: 15 };
 * ```
 */
export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

/**
 * One observation expression `[ comparisons ]`.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * parsePattern("[domain-name:value = 'evil.test']").expression.type; // 'observation'
 * ```
 */
export interface ObservationNode extends PatternSpan {
  readonly type: 'observation';
  readonly comparison: ComparisonExpression;
}

/**
 * Observation expressions joined by `AND`, `OR` or `FOLLOWEDBY` (two or more operands, left to right;
 * `a FOLLOWEDBY b FOLLOWEDBY c` reads as `(a FOLLOWEDBY b) FOLLOWEDBY c`).
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * parsePattern('[a:b = 1] FOLLOWEDBY [a:b = 2]').expression.type; // 'followed-by'
 * ```
 */
export interface ObservationJunction extends PatternSpan {
  readonly type: 'observation-and' | 'observation-or' | 'followed-by';
  readonly operands: readonly ObservationExpression[];
}

/**
 * An observation expression followed by one or more qualifiers, applied in written order:
 * `[a] REPEATS 2 TIMES WITHIN 5 SECONDS` is `([a] REPEATS 2 TIMES) WITHIN 5 SECONDS`. A qualifier inside
 * parentheses gives a nested node.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * parsePattern('[a:b = 1] REPEATS 2 TIMES WITHIN 9 SECONDS').expression.type; // 'qualified'
 * ```
 */
export interface QualifiedObservation extends PatternSpan {
  readonly type: 'qualified';
  readonly expression: ObservationExpression;
  readonly qualifiers: readonly Qualifier[];
}

/**
 * Any observation expression.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * const e = parsePattern('[a:b = 1] OR [a:b = 2]').expression;
 * e.type; // 'observation-or'
 * ```
 */
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

/**
 * Any node of the tree.
 *
 * @example
 * ```ts
 * import type { PatternNode } from '@vigil/matcher';
 *
 * const kind = (n: PatternNode): string => ('type' in n ? n.type : n.kind);
 * ```
 */
export type PatternNode =
  | Pattern
  | ObservationExpression
  | ComparisonExpression
  | ObjectPath
  | Literal
  | Qualifier;
