/**
 * Parser for the STIX 2.1 patterning language (`STIXPattern.g4`, STIX 2.1 section 9).
 */
import { keywordFor, type Token, tokenize } from './internal/pattern-lexer.js';
import type {
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObjectPath,
  ObservationExpression,
  OrderableLiteral,
  PathStep,
  Pattern,
  PrimitiveLiteral,
  Qualifier,
  SetLiteral,
  TimestampLiteral,
} from './pattern-ast.js';
import { PatternSyntaxError } from './pattern-errors.js';

/**
 * Options of {@link parsePattern}.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * parsePattern('[a:b = 1]', { maxDepth: 50, maxLength: 10_000 });
 * ```
 */
export interface ParsePatternOptions {
  /**
   * Deepest nesting of parentheses and brackets accepted; deeper input throws a
   * {@link PatternSyntaxError} with code `PATTERN_TOO_DEEP` instead of exhausting the stack.
   *
   * @default 200
   */
  readonly maxDepth?: number;
  /**
   * Longest pattern text accepted, in UTF-16 code units; longer input throws `PATTERN_TOO_LONG`.
   *
   * @default 1_000_000
   */
  readonly maxLength?: number;
}

const DEFAULT_MAX_DEPTH = 200;
const DEFAULT_MAX_LENGTH = 1_000_000;

const ORDER_OPS = new Set(['<', '<=', '>', '>=']);

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the pattern';
  const shown = t.text.length > 30 ? `${t.text.slice(0, 30)}…` : t.text;
  switch (t.kind) {
    case 'keyword':
      return `keyword ${t.text}`;
    case 'identifier':
      return `'${shown}'`;
    case 'string':
      return `string ${shown}`;
    default:
      return `'${shown}'`;
  }
}

/**
 * Parses a STIX 2.1 pattern into a {@link Pattern} tree. The whole grammar is accepted: observation
 * expressions joined by `AND`, `OR` and `FOLLOWEDBY`, the qualifiers `WITHIN`, `REPEATS` and `START … STOP`,
 * every comparison operator (with `NOT`), object paths with quoted keys, `[n]` and `[*]`, and every literal
 * type. Object types and property names are not checked against the STIX vocabulary, so non-standard keys such
 * as `app:id` parse. Semantic checks (qualifier order, `START < STOP`, …) are done by {@link validatePattern}.
 *
 * Parsing is iterative except for nesting, which is bounded by `maxDepth`, so hostile input gives a typed
 * error rather than a stack overflow.
 *
 * @param text - The pattern, e.g. `[file:hashes.'SHA-256' = '…']`.
 * @param options - Limits; see {@link ParsePatternOptions}.
 * @returns The tree; every node carries its `start` and `end` offsets.
 * @throws {@link PatternSyntaxError} with the offset, line, column and what was expected.
 *
 * @example
 * ```ts
 * import { parsePattern } from '@vigil/matcher';
 *
 * const p = parsePattern("[domain-name:value = 'evil.test' OR domain-name:value = 'x.test']");
 * if (p.expression.type === 'observation' && p.expression.comparison.type === 'comparison-or') {
 *   p.expression.comparison.operands.length; // 2
 * }
 * ```
 */
export function parsePattern(text: string, options: ParsePatternOptions = {}): Pattern {
  if (typeof text !== 'string') {
    throw new PatternSyntaxError('PATTERN_SYNTAX', `a pattern must be a string, not ${typeof text}`, '', 0);
  }
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    throw new PatternSyntaxError(
      'PATTERN_TOO_LONG',
      `pattern is ${text.length} characters long, over the limit of ${maxLength}`,
      text,
      maxLength,
    );
  }
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const tokens = tokenize(text);
  let pos = 0;
  let depth = 0;

  const peek = (k = 0): Token => tokens[Math.min(pos + k, tokens.length - 1)] as Token;
  const next = (): Token => {
    const t = peek();
    if (pos < tokens.length - 1) pos++;
    return t;
  };
  const fail = (reason: string, at: Token | number): never => {
    throw new PatternSyntaxError('PATTERN_SYNTAX', reason, text, typeof at === 'number' ? at : at.start);
  };
  const isPunct = (t: Token, p: string): boolean => t.kind === 'punct' && t.text === p;
  const isKw = (t: Token, k: string): boolean => t.kind === 'keyword' && t.text === k;
  const found = (t: Token): string => {
    const kw = t.kind === 'identifier' ? keywordFor(t.text) : undefined;
    if (kw !== undefined && kw !== t.text) return `${describe(t)} (keywords are upper case: ${kw})`;
    return describe(t);
  };
  const enter = (t: Token): void => {
    depth++;
    if (depth > maxDepth) {
      throw new PatternSyntaxError(
        'PATTERN_TOO_DEEP',
        `pattern nests deeper than ${maxDepth} levels of parentheses and brackets`,
        text,
        t.start,
      );
    }
  };

  // ---- object paths ----
  const parsePath = (): ObjectPath => {
    const typeTok = next();
    if (isKw(typeTok, 'NOT') && peek().kind === 'identifier') {
      return fail(
        `NOT goes after the object path, before the operator: write ${peek().text}:… NOT = …, or NOT EXISTS …`,
        typeTok,
      );
    }
    if (typeTok.kind !== 'identifier') {
      return fail(`expected an object path such as file:name, found ${found(typeTok)}`, typeTok);
    }
    const colon = peek();
    if (!isPunct(colon, ':')) {
      return fail(
        `expected ':' after the object type '${typeTok.text}' (an object path is type:property), found ${found(colon)}`,
        colon,
      );
    }
    next();
    const first = next();
    const steps: PathStep[] = [];
    if (first.kind === 'string') steps.push({ kind: 'key', key: first.value });
    else if (first.kind === 'identifier' && !first.hyphen) steps.push({ kind: 'key', key: first.text });
    else if (first.kind === 'identifier') {
      return fail(
        `property name '${first.text}' contains '-': quote it, as in ${typeTok.text}:'${first.text}'`,
        first,
      );
    } else {
      return fail(`expected a property name after '${typeTok.text}:', found ${found(first)}`, first);
    }
    let end = first.end;
    for (;;) {
      const t = peek();
      if (isPunct(t, '.')) {
        next();
        const k = next();
        if (k.kind === 'string') steps.push({ kind: 'key', key: k.value });
        else if (k.kind === 'identifier' && !k.hyphen) steps.push({ kind: 'key', key: k.text });
        else if (k.kind === 'identifier') {
          return fail(`key '${k.text}' contains '-': quote it, as in .'${k.text}'`, k);
        } else if (k.kind === 'keyword' || k.kind === 'boolean') {
          return fail(`key '${k.text}' is a reserved word: quote it, as in .'${k.text}'`, k);
        } else {
          return fail(`expected a property name or quoted key after '.', found ${found(k)}`, k);
        }
        end = k.end;
      } else if (isPunct(t, '[')) {
        next();
        const idx = next();
        if (idx.kind === 'integer') steps.push({ kind: 'index', index: Number(idx.value) });
        else if (isPunct(idx, '*')) steps.push({ kind: 'any' });
        else return fail(`expected a list index (a whole number or *) after '[', found ${found(idx)}`, idx);
        const close = next();
        if (!isPunct(close, ']')) {
          return fail(`expected ']' to close the list index opened at column ${col(t.start)}`, close);
        }
        end = close.end;
      } else if (t.kind === 'float' && t.text.startsWith('.')) {
        return fail(`a property name cannot start with a digit: quote it, as in .'${t.text.slice(1)}'`, t);
      } else break;
    }
    return { type: 'path', objectType: typeTok.text, steps, start: typeTok.start, end };
  };

  const col = (offset: number): string => {
    let ls = text.lastIndexOf('\n', offset - 1);
    if (ls < 0) ls = -1;
    return String(offset - ls);
  };

  // ---- literals ----
  const literal = (t: Token): PrimitiveLiteral | undefined => {
    const span = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'string':
        return { type: 'string', value: t.value, ...span };
      case 'integer':
        return { type: 'integer', value: Number(t.value), ...span };
      case 'float':
        return { type: 'float', value: Number(t.value), ...span };
      case 'boolean':
        return { type: 'boolean', value: t.value === 'true', ...span };
      case 'hex':
        return { type: 'hex', value: t.value, ...span };
      case 'binary':
        return { type: 'binary', value: t.value, ...span };
      case 'timestamp':
        return { type: 'timestamp', value: t.value, ...span };
      default:
        return undefined;
    }
  };

  const parseSet = (): SetLiteral => {
    const open = next();
    if (!isPunct(open, '(')) {
      return fail(`expected a set such as ('a', 'b') after IN, found ${found(open)}`, open);
    }
    const values: PrimitiveLiteral[] = [];
    if (isPunct(peek(), ')')) {
      const close = next();
      return { type: 'set', values, start: open.start, end: close.end };
    }
    for (;;) {
      const t = next();
      const lit = literal(t);
      if (lit === undefined) return fail(`expected a literal in the set, found ${found(t)}`, t);
      values.push(lit);
      const sep = next();
      if (isPunct(sep, ')')) return { type: 'set', values, start: open.start, end: sep.end };
      if (!isPunct(sep, ',')) {
        return fail(
          `expected ',' or ')' in the set opened at column ${col(open.start)}, found ${found(sep)}`,
          sep,
        );
      }
    }
  };

  // ---- comparison expressions ----
  const parsePropTest = (): ComparisonExpression => {
    const t = peek();
    if (isPunct(t, '(')) {
      next();
      enter(t);
      const inner = parseComparisonOr();
      const close = next();
      if (!isPunct(close, ')')) {
        return fail(
          `expected ')' to close the parenthesis opened at column ${col(t.start)}, found ${found(close)}`,
          close,
        );
      }
      depth--;
      return inner;
    }
    if (isKw(t, 'EXISTS') || (isKw(t, 'NOT') && isKw(peek(1), 'EXISTS'))) {
      const negated = isKw(t, 'NOT');
      if (negated) next();
      next();
      const path = parsePath();
      return { type: 'exists', path, negated, start: t.start, end: path.end };
    }
    const path = parsePath();
    let negated = false;
    let opTok = next();
    if (isKw(opTok, 'NOT')) {
      negated = true;
      opTok = next();
    }
    let operator: ComparisonOperator;
    if (opTok.kind === 'operator') operator = opTok.value as ComparisonOperator;
    else if (
      opTok.kind === 'keyword' &&
      ['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(opTok.text)
    ) {
      operator = opTok.text as ComparisonOperator;
    } else {
      return fail(
        `expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after the object path, found ${found(opTok)}`,
        opTok,
      );
    }
    let value: Literal;
    if (operator === 'IN') value = parseSet();
    else {
      const vt = next();
      const lit = literal(vt);
      if (lit === undefined) {
        return fail(`expected a literal value after ${operator}, found ${found(vt)}`, vt);
      }
      if (ORDER_OPS.has(operator) && lit.type === 'boolean') {
        return fail(`${operator} cannot compare with a boolean; use = or !=`, vt);
      }
      if (
        (operator === 'LIKE' ||
          operator === 'MATCHES' ||
          operator === 'ISSUBSET' ||
          operator === 'ISSUPERSET') &&
        lit.type !== 'string'
      ) {
        return fail(`${operator} takes a string literal in single quotes, found ${found(vt)}`, vt);
      }
      value = lit as OrderableLiteral | PrimitiveLiteral;
    }
    return { type: 'comparison', path, operator, negated, value, start: path.start, end: value.end };
  };

  const parseComparisonAnd = (): ComparisonExpression => {
    const first = parsePropTest();
    if (!isKw(peek(), 'AND')) return first;
    const operands = [first];
    while (isKw(peek(), 'AND')) {
      next();
      operands.push(parsePropTest());
    }
    return { type: 'comparison-and', operands, start: first.start, end: (operands.at(-1) ?? first).end };
  };

  function parseComparisonOr(): ComparisonExpression {
    const first = parseComparisonAnd();
    if (!isKw(peek(), 'OR')) return first;
    const operands = [first];
    while (isKw(peek(), 'OR')) {
      next();
      operands.push(parseComparisonAnd());
    }
    return { type: 'comparison-or', operands, start: first.start, end: (operands.at(-1) ?? first).end };
  }

  // ---- observation expressions ----
  const parseQualifier = (): Qualifier | undefined => {
    const t = peek();
    if (isKw(t, 'WITHIN')) {
      next();
      const n = next();
      if ((n.kind !== 'integer' && n.kind !== 'float') || n.text.startsWith('-')) {
        return fail(`expected a positive number of seconds after WITHIN, found ${found(n)}`, n);
      }
      const s = next();
      if (!isKw(s, 'SECONDS')) return fail(`expected SECONDS after WITHIN ${n.text}, found ${found(s)}`, s);
      return { kind: 'within', seconds: Number(n.value), start: t.start, end: s.end };
    }
    if (isKw(t, 'REPEATS')) {
      next();
      const n = next();
      if (n.kind !== 'integer' || n.text.startsWith('-')) {
        return fail(`expected a positive whole number after REPEATS, found ${found(n)}`, n);
      }
      const s = next();
      if (!isKw(s, 'TIMES')) return fail(`expected TIMES after REPEATS ${n.text}, found ${found(s)}`, s);
      return { kind: 'repeats', times: Number(n.value), start: t.start, end: s.end };
    }
    if (isKw(t, 'START')) {
      next();
      const a = next();
      const hint = (x: Token): string =>
        x.kind === 'string'
          ? ` (in STIX 2.1 write t${x.text}; plain strings were STIX 2.0)`
          : ", a timestamp such as t'2016-06-01T00:00:00Z'";
      if (a.kind !== 'timestamp') return fail(`expected a timestamp after START${hint(a)}`, a);
      const s = next();
      if (!isKw(s, 'STOP')) return fail(`expected STOP after START ${a.text}, found ${found(s)}`, s);
      const b = next();
      if (b.kind !== 'timestamp') return fail(`expected a timestamp after STOP${hint(b)}`, b);
      const startTime = literal(a) as TimestampLiteral;
      const stopTime = literal(b) as TimestampLiteral;
      return { kind: 'start-stop', startTime, stopTime, start: t.start, end: b.end };
    }
    return undefined;
  };

  const parseObservationPrimary = (): ObservationExpression => {
    const t = next();
    let expr: ObservationExpression;
    if (isPunct(t, '[')) {
      enter(t);
      const comparison = parseComparisonOr();
      const close = next();
      if (!isPunct(close, ']')) {
        return fail(
          `expected ']' to close the observation opened at column ${col(t.start)}, found ${found(close)}`,
          close,
        );
      }
      depth--;
      expr = { type: 'observation', comparison, start: t.start, end: close.end };
    } else if (isPunct(t, '(')) {
      enter(t);
      const inner = parseObservations();
      const close = next();
      if (!isPunct(close, ')')) {
        return fail(
          `expected ')' to close the parenthesis opened at column ${col(t.start)}, found ${found(close)}`,
          close,
        );
      }
      depth--;
      expr = inner;
    } else if (t.kind === 'identifier' && isPunct(peek(), ':')) {
      return fail(`an observation must be in brackets: write [${t.text}:… ] `, t);
    } else {
      return fail(`expected '[' to start an observation or '(' to group, found ${found(t)}`, t);
    }
    const qualifiers: Qualifier[] = [];
    for (let q = parseQualifier(); q !== undefined; q = parseQualifier()) qualifiers.push(q);
    const last = qualifiers.at(-1);
    if (last === undefined) return expr;
    return { type: 'qualified', expression: expr, qualifiers, start: t.start, end: last.end };
  };

  const parseObservationAnd = (): ObservationExpression => {
    const first = parseObservationPrimary();
    if (!isKw(peek(), 'AND')) return first;
    const operands = [first];
    while (isKw(peek(), 'AND')) {
      next();
      operands.push(parseObservationPrimary());
    }
    return { type: 'observation-and', operands, start: first.start, end: (operands.at(-1) ?? first).end };
  };

  const parseObservationOr = (): ObservationExpression => {
    const first = parseObservationAnd();
    if (!isKw(peek(), 'OR')) return first;
    const operands = [first];
    while (isKw(peek(), 'OR')) {
      next();
      operands.push(parseObservationAnd());
    }
    return { type: 'observation-or', operands, start: first.start, end: (operands.at(-1) ?? first).end };
  };

  function parseObservations(): ObservationExpression {
    const first = parseObservationOr();
    if (!isKw(peek(), 'FOLLOWEDBY')) return first;
    const operands = [first];
    while (isKw(peek(), 'FOLLOWEDBY')) {
      next();
      operands.push(parseObservationOr());
    }
    return { type: 'followed-by', operands, start: first.start, end: (operands.at(-1) ?? first).end };
  }

  if (peek().kind === 'eof')
    fail("the pattern is empty: expected an observation such as [file:name = 'x']", 0);
  const expression = parseObservations();
  const rest = peek();
  if (rest.kind !== 'eof') {
    let reason = `unexpected ${found(rest)} after the end of the pattern`;
    if (isPunct(rest, ']')) reason = `unexpected ']': there is no '[' open here`;
    else if (isPunct(rest, ')')) reason = `unexpected ')': there is no '(' open here`;
    else if (rest.kind === 'keyword' && ['WITHIN', 'REPEATS', 'START'].includes(rest.text)) {
      reason = `unexpected ${rest.text}: a qualifier follows an observation expression ([…] or (…))`;
    } else if (rest.kind === 'identifier' && keywordFor(rest.text) !== undefined) {
      reason = `unexpected ${found(rest)}`;
    } else reason += ': expected AND, OR, FOLLOWEDBY or a qualifier';
    fail(reason, rest);
  }
  return { type: 'pattern', source: text, expression, start: 0, end: text.length };
}
