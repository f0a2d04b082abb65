/**
 * Printer for STIX pattern trees: canonical text that {@link parsePattern} reads back to the same tree.
 */
import type {
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  Pattern,
  Qualifier,
} from './pattern-ast.js';

const RESERVED = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
  'true',
  'false',
]);

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const key = (k: string): string => (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) && !RESERVED.has(k) ? k : quote(k));

function integer(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return Number.isInteger(v) ? BigInt(v).toString() : String(Math.trunc(v));
}

function float(v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  if (Number.isInteger(v)) return `${BigInt(v).toString()}.0`;
  const s = String(v);
  if (!s.includes('e')) return s;
  // tiny numbers: expand the exponent without losing digits
  const [mantissa = '0', exp = '0'] = s.split('e');
  const neg = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const pointAt = (mantissa.replace('-', '').indexOf('.') + 1 || mantissa.replace('-', '').length + 1) - 1;
  const shift = pointAt + Number(exp);
  const body =
    shift <= 0 ? `0.${'0'.repeat(-shift)}${digits}` : `${digits.slice(0, shift)}.${digits.slice(shift)}`;
  return `${neg ? '-' : ''}${body}`;
}

function path(p: ObjectPath): string {
  let out = `${p.objectType}:`;
  p.steps.forEach((s, i) => {
    if (s.kind === 'key') out += i === 0 ? key(s.key) : `.${key(s.key)}`;
    else if (s.kind === 'index') out += `[${s.index}]`;
    else out += '[*]';
  });
  return out;
}

function literal(l: Literal): string {
  switch (l.type) {
    case 'string':
      return quote(l.value);
    case 'integer':
      return integer(l.value);
    case 'float':
      return float(l.value);
    case 'boolean':
      return l.value ? 'true' : 'false';
    case 'hex':
      return `h'${l.value}'`;
    case 'binary':
      return `b'${l.value}'`;
    case 'timestamp':
      return `t'${l.value}'`;
    case 'set':
      return `(${l.values.map(literal).join(', ')})`;
  }
}

function comparison(e: ComparisonExpression, parent?: 'comparison-and' | 'comparison-or'): string {
  switch (e.type) {
    case 'comparison':
      return `${path(e.path)}${e.negated ? ' NOT' : ''} ${e.operator} ${literal(e.value)}`;
    case 'exists':
      return `${e.negated ? 'NOT ' : ''}EXISTS ${path(e.path)}`;
    default: {
      const text = e.operands
        .map((o) => comparison(o, e.type))
        .join(e.type === 'comparison-and' ? ' AND ' : ' OR ');
      const bare = parent === undefined || (parent === 'comparison-or' && e.type === 'comparison-and');
      return bare ? text : `(${text})`;
    }
  }
}

function qualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return ` WITHIN ${Number.isInteger(q.seconds) ? integer(q.seconds) : float(q.seconds)} SECONDS`;
    case 'repeats':
      return ` REPEATS ${integer(q.times)} TIMES`;
    case 'start-stop':
      return ` START t'${q.startTime.value}' STOP t'${q.stopTime.value}'`;
  }
}

const RANK = { 'followed-by': 0, 'observation-or': 1, 'observation-and': 2 } as const;

function observation(
  e: ObservationExpression,
  parent?: 'followed-by' | 'observation-or' | 'observation-and' | 'qualified',
): string {
  switch (e.type) {
    case 'observation':
      return `[${comparison(e.comparison)}]`;
    case 'qualified': {
      const text = `${observation(e.expression, 'qualified')}${e.qualifiers.map(qualifier).join('')}`;
      return parent === 'qualified' ? `(${text})` : text;
    }
    default: {
      const sep = e.type === 'followed-by' ? ' FOLLOWEDBY ' : e.type === 'observation-or' ? ' OR ' : ' AND ';
      const text = e.operands.map((o) => observation(o, e.type)).join(sep);
      const bare = parent === undefined || (parent !== 'qualified' && RANK[e.type] > RANK[parent]);
      return bare ? text : `(${text})`;
    }
  }
}

/**
 * Prints a pattern tree as canonical STIX pattern text: single spaces, `=` and `!=` (never `==` or `<>`),
 * parentheses only where the tree needs them, names quoted only where the grammar requires.
 * `parsePattern(formatPattern(p))` gives back the same tree (positions aside).
 *
 * @param pattern - A tree from {@link parsePattern}, or its `expression`.
 * @returns The pattern text.
 *
 * @example
 * ```ts
 * import { formatPattern, parsePattern } from '@vigil/matcher';
 *
 * formatPattern(parsePattern("[file:hashes.'SHA-256'=='ab' ]  WITHIN 5 SECONDS"));
 * // "[file:hashes.'SHA-256' = 'ab'] WITHIN 5 SECONDS"
 * ```
 */
export function formatPattern(pattern: Pattern | ObservationExpression): string {
  return observation(pattern.type === 'pattern' ? pattern.expression : pattern);
}
