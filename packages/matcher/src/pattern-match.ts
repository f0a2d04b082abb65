/**
 * Evaluator for STIX 2.1 patterns over observed-data (STIX 2.1 section 9; where the specification is silent it
 * follows the OASIS reference matcher, see docs/patterning.md). Plain ECMAScript: runs in browsers.
 */
import { VigilError } from '@vigil/core';
import { compileStixRegex, MAX_REGEX_WORK } from './internal/pattern-regex.js';
import {
  compareBindings,
  forEachCombination,
  type RepeatGroup,
  repeatWindowStarts,
} from './internal/pattern-repeats.js';
import {
  compareInstants,
  compareOctets,
  compareStrings,
  decodeBase64,
  decodeHex,
  type Instant,
  type IpRange,
  ipRangeWithin,
  likeMatch,
  octetsToLatin1,
  parseIpRange,
  parseTimestamp,
  stringToOctets,
} from './internal/pattern-values.js';
import type {
  ComparisonExpression,
  ObjectPath,
  ObservationExpression,
  ObservationNode,
  Pattern,
  PrimitiveLiteral,
  Qualifier,
} from './pattern-ast.js';
import { type ParsePatternOptions, parsePattern } from './pattern-parse.js';
import { checkPattern, isSdoOrSroType, type PatternIssue } from './pattern-validate.js';

/**
 * A STIX object as parsed JSON.
 *
 * @example
 * ```ts
 * import type { StixObjectLike } from '@vigil/matcher';
 *
 * const sco: StixObjectLike = { type: 'domain-name', id: 'domain-name--1', value: 'evil.test' };
 * ```
 */
export type StixObjectLike = Readonly<Record<string, unknown>>;

/**
 * Options of {@link matchPattern}.
 *
 * @example
 * ```ts
 * import { matchPattern } from '@vigil/matcher';
 *
 * matchPattern('[a:b = 1] REPEATS 5 TIMES', [], { maxBindings: 1_000, maxSteps: 100_000 });
 * ```
 */
export interface MatchPatternOptions extends ParsePatternOptions {
  /**
   * Most candidate bindings kept at any step of the search (and returned). When the search is cut there,
   * a match that was found is still reported (`complete: false`); if none was found, a
   * {@link PatternMatchError} `PATTERN_MATCH_LIMIT` is thrown rather than answering "no match" unsure.
   *
   * @default 10_000
   */
  readonly maxBindings?: number;
  /**
   * Most elementary steps (binding pairs tried, combinations built) before the search is cut, as above.
   *
   * @default 2_000_000
   */
  readonly maxSteps?: number;
}

/**
 * One observation bound to one observation expression (`[…]`) of the pattern.
 *
 * @example
 * ```ts
 * import { matchPattern } from '@vigil/matcher';
 *
 * const observed = [
 *   { type: 'observed-data', id: 'observed-data--1', number_observed: 2,
 *     first_observed: '2026-01-01T10:00:00Z', last_observed: '2026-01-01T10:05:00Z', object_refs: ['domain-name--1'] },
 *   { type: 'domain-name', id: 'domain-name--1', value: 'evil.test' },
 * ];
 * const slot = matchPattern("[domain-name:value = 'evil.test']", observed).bindings[0]?.slots[0];
 * // { index: 0, copy: 0, objectIds: ['domain-name--1'], observation: …, observedData: observed[0] }
 * ```
 */
export interface PatternBindingSlot {
  /** The observation expression this slot is for. */
  readonly observation: ObservationNode;
  /** Index of the observed-data object in the input array (after bundles are flattened). */
  readonly index: number;
  /** The observed-data object. */
  readonly observedData: StixObjectLike;
  /** Which of its `number_observed` observations (0-based). */
  readonly copy: number;
  /** Keys (in `objects`) or ids (in `object_refs`) of the objects that satisfied the comparisons. */
  readonly objectIds: readonly string[];
}

/**
 * One way the pattern matched: a slot for each observation expression, in pattern order (a `REPEATS n`
 * expression gives n slots); `null` where an `OR` left that side unbound.
 *
 * @example
 * ```ts
 * import { matchPattern } from '@vigil/matcher';
 *
 * const observed = [
 *   { type: 'observed-data', id: 'observed-data--1', number_observed: 2,
 *     first_observed: '2026-01-01T10:00:00Z', last_observed: '2026-01-01T10:05:00Z', object_refs: ['domain-name--1'] },
 *   { type: 'domain-name', id: 'domain-name--1', value: 'evil.test' },
 * ];
 * const [binding] = matchPattern("[domain-name:value = 'evil.test'] REPEATS 2 TIMES", observed).bindings;
 * binding?.slots.map((s) => s?.copy); // [0, 1]: both observations of the one observed-data
 * ```
 */
export interface PatternBinding {
  readonly slots: readonly (PatternBindingSlot | null)[];
  /** The distinct observed-data objects used, in input order. */
  readonly observedData: readonly StixObjectLike[];
}

/**
 * Codes of {@link PatternDataDiagnostic}.
 *
 * @example
 * ```ts
 * import { matchPattern, type PatternDataDiagnosticCode } from '@vigil/matcher';
 *
 * const codes: PatternDataDiagnosticCode[] = matchPattern('[a:b = 1]', [42]).diagnostics.map((d) => d.code);
 * // ['NOT_AN_OBJECT']
 * ```
 */
export type PatternDataDiagnosticCode =
  | 'NOT_AN_OBJECT'
  | 'INVALID_TIMESTAMP'
  | 'LAST_BEFORE_FIRST'
  | 'INVALID_NUMBER_OBSERVED'
  | 'NO_OBJECTS'
  | 'OBJECTS_AND_OBJECT_REFS'
  | 'UNRESOLVED_OBJECT_REF';

/**
 * A problem in the observed data: the object is skipped (or the reference ignored) and this says why.
 *
 * @example
 * ```ts
 * import { matchPattern } from '@vigil/matcher';
 *
 * matchPattern('[a:b = 1]', [{ type: 'observed-data', id: 'observed-data--1', number_observed: 0,
 *   first_observed: '2026-01-01T00:00:00Z', last_observed: '2026-01-01T00:00:00Z', object_refs: [] }]).diagnostics;
 * // [{ code: 'INVALID_NUMBER_OBSERVED', index: 0, path: ['number_observed'], message: … }]
 * ```
 */
export interface PatternDataDiagnostic {
  readonly code: PatternDataDiagnosticCode;
  readonly message: string;
  /** Index in the input array (after bundles are flattened). */
  readonly index: number;
  /** JSON path inside that object. */
  readonly path: readonly (string | number)[];
}

/**
 * The answer of {@link matchPattern}.
 *
 * @example
 * ```ts
 * import { matchPattern, type PatternMatchResult } from '@vigil/matcher';
 *
 * const r: PatternMatchResult = matchPattern("[domain-name:value = 'evil.test']", []);
 * r.matched; // false
 * ```
 */
export interface PatternMatchResult {
  readonly matched: boolean;
  /**
   * Every binding found (at most `maxBindings`). `REPEATS n TIMES` over one observation expression is
   * answered by counting and lists at most 200 000 slots (n × bindings), with `complete: false` if more exist.
   */
  readonly bindings: readonly PatternBinding[];
  /** `false` when the search was cut at a limit; `matched` is still right (it is `true`). */
  readonly complete: boolean;
  /** Warnings about the pattern (parts that can never match). */
  readonly warnings: readonly PatternIssue[];
  /** Observed data that was skipped or partly ignored, and why. */
  readonly diagnostics: readonly PatternDataDiagnostic[];
}

/**
 * Codes of {@link PatternMatchError}.
 *
 * @example
 * ```ts
 * import { isPatternMatchError, matchPattern, type PatternMatchErrorCode } from '@vigil/matcher';
 *
 * let code: PatternMatchErrorCode | undefined;
 * try { matchPattern('[a:b = 1] REPEATS 0 TIMES', []); } catch (e) { if (isPatternMatchError(e)) code = e.code; }
 * // code === 'PATTERN_INVALID'
 * ```
 */
export type PatternMatchErrorCode = 'PATTERN_INVALID' | 'PATTERN_MATCH_LIMIT';

/**
 * Thrown by {@link matchPattern} when the pattern parses but breaks a rule of the specification
 * (`PATTERN_INVALID`, with the issues), or when the search hit a limit before finding any match
 * (`PATTERN_MATCH_LIMIT`).
 *
 * @example
 * ```ts
 * import { matchPattern, isPatternMatchError } from '@vigil/matcher';
 *
 * try {
 *   matchPattern("[file:name MATCHES '(a)\\\\1']", []);
 * } catch (e) {
 *   if (isPatternMatchError(e)) console.log(e.code, e.issues[0]?.code); // PATTERN_INVALID UNSUPPORTED_REGEX
 * }
 * ```
 */
export class PatternMatchError extends VigilError {
  override name = 'PatternMatchError';
  declare readonly code: PatternMatchErrorCode;
  /** For `PATTERN_INVALID`: the errors found. */
  readonly issues: readonly PatternIssue[];

  /**
   * @param code - What went wrong.
   * @param message - Said for people.
   * @param issues - The pattern's errors, if any.
   */
  constructor(code: PatternMatchErrorCode, message: string, issues: readonly PatternIssue[] = []) {
    super(code, message);
    this.issues = issues;
  }
}

/**
 * Whether `e` is a {@link PatternMatchError} (by brand and code).
 *
 * @example
 * ```ts
 * import { isPatternMatchError } from '@vigil/matcher';
 *
 * isPatternMatchError(new Error('x')); // false
 * ```
 */
export function isPatternMatchError(e: unknown): e is PatternMatchError {
  const x = e as { isVigilError?: unknown; code?: unknown } | null;
  return x?.isVigilError === true && (x.code === 'PATTERN_INVALID' || x.code === 'PATTERN_MATCH_LIMIT');
}

// ---------------------------------------------------------------------------------------------------------
// Observations

interface Root {
  readonly id: string;
  readonly object: Record<string, unknown>;
}

interface Sdo {
  readonly index: number;
  readonly object: StixObjectLike;
  readonly first: Instant;
  readonly last: Instant;
  readonly roots: readonly Root[];
  /** The objects references may resolve to: `objects` keys, or the ids listed in `object_refs`. */
  readonly lookup: ReadonlyMap<string, Record<string, unknown>>;
  readonly copies: number;
}

interface Observation {
  readonly sdo: Sdo;
  readonly copy: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

const describeValue = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;

function collect(
  input: readonly unknown[],
  maxCopies: number,
  diagnostics: PatternDataDiagnostic[],
): { sdos: Sdo[]; observations: Observation[] } {
  const flat: unknown[] = [];
  for (const item of input) {
    if (isRecord(item) && item.type === 'bundle' && Array.isArray(item.objects)) {
      for (const o of item.objects) flat.push(o);
    } else flat.push(item);
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const item of flat) {
    if (isRecord(item) && typeof item.id === 'string' && item.type !== 'observed-data')
      byId.set(item.id, item);
  }
  const sdos: Sdo[] = [];
  const times = new Map<string, Instant | null>();
  for (let index = 0; index < flat.length; index++) {
    const item = flat[index];
    const sdo = readObservedData(item, index, byId, maxCopies, diagnostics, times);
    if (sdo !== undefined) sdos.push(sdo);
  }
  const observations: Observation[] = [];
  for (const sdo of sdos) for (let c = 0; c < sdo.copies; c++) observations.push({ sdo, copy: c });
  return { sdos, observations };
}

function readObservedData(
  item: unknown,
  index: number,
  byId: ReadonlyMap<string, Record<string, unknown>>,
  maxCopies: number,
  diagnostics: PatternDataDiagnostic[],
  times: Map<string, Instant | null>,
): Sdo | undefined {
  const diag = (
    code: PatternDataDiagnosticCode,
    message: string,
    path: (string | number)[] = [],
  ): undefined => {
    diagnostics.push({ code, message, index, path });
    return undefined;
  };
  const time = (v: unknown): Instant | undefined => {
    if (typeof v !== 'string') return undefined;
    let t = times.get(v);
    if (t === undefined) {
      t = parseTimestamp(v) ?? null;
      if (times.size > 100_000) times.clear();
      times.set(v, t);
    }
    return t ?? undefined;
  };
  if (!isRecord(item)) {
    return diag('NOT_AN_OBJECT', `input[${index}] is ${describeValue(item)}, not a STIX object`);
  }
  if (item.type !== 'observed-data') return undefined;
  const first = time(item.first_observed);
  if (first === undefined) {
    return diag(
      'INVALID_TIMESTAMP',
      'first_observed is missing or not a STIX timestamp; observed-data skipped',
      ['first_observed'],
    );
  }
  const last = time(item.last_observed);
  if (last === undefined) {
    return diag(
      'INVALID_TIMESTAMP',
      'last_observed is missing or not a STIX timestamp; observed-data skipped',
      ['last_observed'],
    );
  }
  if (compareInstants(last, first) < 0) {
    return diag('LAST_BEFORE_FIRST', 'last_observed is earlier than first_observed; observed-data skipped', [
      'last_observed',
    ]);
  }
  const n = item.number_observed;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    return diag(
      'INVALID_NUMBER_OBSERVED',
      'number_observed must be a whole number ≥ 1; observed-data skipped',
      ['number_observed'],
    );
  }
  const refs = Array.isArray(item.object_refs) ? item.object_refs : undefined;
  const map = isRecord(item.objects) ? item.objects : undefined;
  const useRefs = refs !== undefined && (refs.length > 0 || map === undefined);
  if (useRefs && map !== undefined && Object.keys(map).length > 0) {
    diag(
      'OBJECTS_AND_OBJECT_REFS',
      'observed-data has both object_refs and the deprecated objects map; object_refs is used and objects ignored',
      ['objects'],
    );
  }
  const lookup = new Map<string, Record<string, unknown>>();
  if (useRefs) {
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      const o = typeof ref === 'string' ? byId.get(ref) : undefined;
      if (o === undefined) {
        diag(
          'UNRESOLVED_OBJECT_REF',
          `object_refs[${i}] (${typeof ref === 'string' ? ref : describeValue(ref)}) is not among the objects given; it is ignored`,
          ['object_refs', i],
        );
      } else lookup.set(ref as string, o);
    }
  } else if (map !== undefined) {
    for (const id of Object.keys(map)) {
      const o = map[id];
      if (isRecord(o)) lookup.set(id, o);
    }
  } else {
    return diag('NO_OBJECTS', 'observed-data has neither objects nor object_refs; skipped');
  }
  const roots: Root[] = [];
  for (const [id, object] of lookup) {
    if (typeof object.type === 'string' && !isSdoOrSroType(object.type)) roots.push({ id, object });
  }
  return { index, object: item, first, last, roots, lookup, copies: Math.min(n, maxCopies) };
}

// ---------------------------------------------------------------------------------------------------------
// Comparisons

type Value = unknown;

function suffixed(key: string, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (key.endsWith('_hex')) return decodeHex(v);
  if (key.endsWith('_bin')) return decodeBase64(v);
  return v;
}

function select(path: ObjectPath, root: Record<string, unknown>, sdo: Sdo): Value[] {
  if (root.type !== path.objectType) return [];
  let cur: Value[] = [root];
  for (const step of path.steps) {
    const next: Value[] = [];
    if (step.kind === 'key') {
      const key = step.key;
      for (const v of cur) {
        if (!isRecord(v) || !Object.hasOwn(v, key)) continue;
        const val = suffixed(key, v[key]);
        if (val === undefined) continue;
        if (key.endsWith('_ref')) {
          const r = typeof val === 'string' ? sdo.lookup.get(val) : undefined;
          if (r !== undefined) next.push(r);
        } else if (key.endsWith('_refs')) {
          if (!Array.isArray(val)) continue;
          const list: Value[] = [];
          for (const id of val) {
            const r = typeof id === 'string' ? sdo.lookup.get(id) : undefined;
            if (r !== undefined) list.push(r);
          }
          next.push(list);
        } else next.push(val);
      }
    } else if (step.kind === 'index') {
      for (const v of cur)
        if (Array.isArray(v) && step.index >= 0 && step.index < v.length) next.push(v[step.index]);
    } else {
      for (const v of cur) if (Array.isArray(v)) for (const e of v) next.push(e);
    }
    cur = next;
    if (cur.length === 0) break;
  }
  return cur;
}

type Lit =
  | { readonly kind: 'string'; readonly v: string }
  | { readonly kind: 'number'; readonly v: number }
  | { readonly kind: 'boolean'; readonly v: boolean }
  | { readonly kind: 'bytes'; readonly v: Uint8Array }
  | { readonly kind: 'timestamp'; readonly v: Instant };

function toLit(l: PrimitiveLiteral): Lit {
  switch (l.type) {
    case 'string':
      return { kind: 'string', v: l.value };
    case 'integer':
    case 'float':
      return { kind: 'number', v: l.value };
    case 'boolean':
      return { kind: 'boolean', v: l.value };
    case 'hex':
      return { kind: 'bytes', v: decodeHex(l.value) ?? new Uint8Array() };
    case 'binary':
      return { kind: 'bytes', v: decodeBase64(l.value) ?? new Uint8Array() };
    case 'timestamp':
      return { kind: 'timestamp', v: parseTimestamp(l.value) as Instant };
  }
}

/** Compares a value with a literal: sign, or `undefined` when the types cannot be compared. */
function compare(value: Value, lit: Lit): number | undefined {
  switch (lit.kind) {
    case 'number':
      return typeof value === 'number'
        ? value < lit.v
          ? -1
          : value > lit.v
            ? 1
            : value === lit.v
              ? 0
              : undefined
        : undefined;
    case 'string':
      if (typeof value === 'string') return compareStrings(value, lit.v);
      if (value instanceof Uint8Array) {
        const b = stringToOctets(lit.v);
        return b === undefined ? Number.NaN : compareOctets(value, b);
      }
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value === lit.v ? 0 : value ? 1 : -1) : undefined;
    case 'bytes':
      if (value instanceof Uint8Array) return compareOctets(value, lit.v);
      if (typeof value === 'string') {
        const b = stringToOctets(value);
        return b === undefined ? Number.NaN : compareOctets(b, lit.v);
      }
      return undefined;
    case 'timestamp': {
      if (typeof value !== 'string') return undefined;
      const t = parseTimestamp(value);
      return t === undefined ? undefined : compareInstants(t, lit.v);
    }
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function utf8(b: Uint8Array): string | undefined {
  try {
    return UTF8.decode(b);
  } catch {
    return undefined;
  }
}

/**
 * `a = 'x' OR a = 'y' OR …` on one path (as in indicator lists) becomes one selection and a set lookup, so
 * an OR of thousands of values costs one comparison per value in the data, not thousands.
 */
function compileOr(operands: readonly ComparisonExpression[], budget: Budget): Test {
  const groups = new Map<string, { path: ObjectPath; strings: Set<string>; numbers: Set<number> }>();
  const rest: ComparisonExpression[] = [];
  for (const o of operands) {
    const groupable =
      o.type === 'comparison' &&
      o.operator === '=' &&
      !o.negated &&
      (o.value.type === 'string' || o.value.type === 'integer' || o.value.type === 'float') &&
      !o.path.steps.some((st) => st.kind === 'key' && (st.key.endsWith('_hex') || st.key.endsWith('_bin')));
    if (!groupable) {
      rest.push(o);
      continue;
    }
    const key = JSON.stringify([o.path.objectType, o.path.steps]);
    let g = groups.get(key);
    if (g === undefined) {
      g = { path: o.path, strings: new Set(), numbers: new Set() };
      groups.set(key, g);
    }
    if (o.value.type === 'string') g.strings.add(o.value.value);
    else if (o.value.type === 'integer' || o.value.type === 'float') g.numbers.add(o.value.value);
  }
  const parts: Test[] = rest.map((o) => compileComparison(o, budget));
  for (const g of groups.values()) {
    const { path, strings, numbers } = g;
    parts.push((r, s) => {
      if (r.type !== path.objectType) return false;
      for (const v of select(path, r, s)) {
        if (typeof v === 'string' ? strings.has(v) : typeof v === 'number' && numbers.has(v)) return true;
      }
      return false;
    });
  }
  return (r, s) => parts.some((p) => p(r, s));
}

type Test = (root: Record<string, unknown>, sdo: Sdo) => boolean;

function compileComparison(expr: ComparisonExpression, budget: Budget): Test {
  switch (expr.type) {
    case 'comparison-and': {
      const parts = expr.operands.map((o) => compileComparison(o, budget));
      return (r, s) => parts.every((p) => p(r, s));
    }
    case 'comparison-or':
      return compileOr(expr.operands, budget);
    case 'exists': {
      const { path, negated } = expr;
      return (r, s) => {
        if (r.type !== path.objectType) return false;
        return select(path, r, s).length > 0 !== negated;
      };
    }
    case 'comparison':
      break;
  }
  const { path, negated, operator, value } = expr;
  // pred returns true/false, then NOT flips it; `null` means "false whatever NOT says" (the reference matcher's
  // rule for <, <=, >, >= on types that cannot be ordered).
  let pred: (v: Value) => boolean | null;
  switch (operator) {
    case '=':
    case '!=': {
      const lit = toLit(value as PrimitiveLiteral);
      pred = (v) => {
        const c = compare(v, lit);
        const eq = c === 0;
        return operator === '=' ? eq : !eq;
      };
      break;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const lit = toLit(value as PrimitiveLiteral);
      pred = (v) => {
        const c = compare(v, lit);
        if (c === undefined) return null;
        if (Number.isNaN(c)) return false;
        return operator === '<' ? c < 0 : operator === '<=' ? c <= 0 : operator === '>' ? c > 0 : c >= 0;
      };
      break;
    }
    case 'IN': {
      const lits = value.type === 'set' ? value.values.map(toLit) : [];
      pred = (v) => lits.some((l) => compare(v, l) === 0);
      break;
    }
    case 'LIKE': {
      const pattern = Array.from((value as { value: string }).value.normalize('NFC'));
      const latin1 = pattern.every((c) => (c.codePointAt(0) ?? 0) < 256);
      pred = (v) => {
        let text: string | undefined;
        if (typeof v === 'string') text = v;
        else if (v instanceof Uint8Array && latin1) text = utf8(v);
        if (text === undefined) return false;
        // LIKE with several % is O(value × pattern) at worst: same work limit as MATCHES.
        if (pattern.includes('%') && text.length * pattern.length > MAX_REGEX_WORK) {
          budget.truncated = true;
          budget.regexLimited = true;
          return null;
        }
        return likeMatch(text.normalize('NFC'), pattern);
      };
      break;
    }
    case 'MATCHES': {
      const source = (value as { value: string }).value;
      const compiled = compileStixRegex(source.normalize('NFC'));
      if (!compiled.ok) throw new PatternMatchError('PATTERN_INVALID', compiled.message);
      const re = compiled.regex;
      const tooCostly = (length: number): boolean => length * compiled.size > MAX_REGEX_WORK;
      // A value too long for this expression's work limit is unknown: false whatever NOT says, and the
      // search is marked incomplete (a match found elsewhere still stands; "no match" becomes an error).
      const test = (text: string): boolean | null => {
        if (tooCostly(text.length)) {
          budget.truncated = true;
          budget.regexLimited = true;
          return null;
        }
        return re.test(text);
      };
      let binaryOk = true;
      for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) > 255) binaryOk = false;
      pred = (v) => {
        if (typeof v === 'string') return test(v.normalize('NFC'));
        if (v instanceof Uint8Array) return binaryOk ? test(octetsToLatin1(v)) : false;
        return false;
      };
      break;
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const operand = parseIpRange((value as { value: string }).value) as IpRange;
      pred = (v) => {
        const r = typeof v === 'string' ? parseIpRange(v) : undefined;
        if (r === undefined) return false;
        return operator === 'ISSUBSET' ? ipRangeWithin(r, operand) : ipRangeWithin(operand, r);
      };
      break;
    }
  }
  return (r, s) => {
    if (r.type !== path.objectType) return false;
    for (const v of select(path, r, s)) {
      const p = pred(v);
      if (p === null) continue;
      if (p !== negated) return true;
    }
    return false;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Observation expressions: bindings are arrays of observation numbers (-1 = unbound), as in the reference.

type Binding = readonly number[];

interface Budget {
  readonly maxBindings: number;
  /** A MATCHES value was skipped for exceeding the regular-expression work limit. */
  regexLimited: boolean;
  steps: number;
  readonly maxSteps: number;
  truncated: boolean;
}

function slotCount(expr: ObservationExpression): number {
  switch (expr.type) {
    case 'observation':
      return 1;
    case 'qualified': {
      let n = slotCount(expr.expression);
      for (const q of expr.qualifiers) if (q.kind === 'repeats') n *= q.times;
      return n;
    }
    default:
      return expr.operands.reduce((a, o) => a + slotCount(o), 0);
  }
}

function disjoint(a: Binding, b: Binding): boolean {
  for (const x of a) if (x >= 0 && b.includes(x)) return false;
  return true;
}

interface Context {
  readonly observations: readonly Observation[];
  readonly budget: Budget;
  /** For each observation leaf, the matching root ids per sdo index. */
  readonly leafRoots: Map<ObservationNode, Map<number, string[]>>;
  /** For each observation leaf, every observation that satisfies it (ascending observation numbers). */
  readonly leafCandidates: Map<ObservationNode, number[]>;
  /** Leaves whose candidate list may miss observations (a value hit the MATCHES / LIKE work limit). */
  readonly leafUnsure: Set<ObservationNode>;
  /** What the pre-pass learnt about each observation expression. */
  readonly facts: Map<ObservationExpression, Facts>;
}

/**
 * Necessary conditions for an observation expression, known before the search: the observations any of
 * its bindings may use (`null` when unknown), how many distinct observations every binding needs, and
 * whether a binding is possible at all (`false` is certain).
 */
interface Facts {
  readonly candidates: ReadonlySet<number> | null;
  readonly need: number;
  readonly possible: boolean;
}

function union(parts: readonly Facts[]): Set<number> | null {
  const out = new Set<number>();
  for (const p of parts) {
    if (p.candidates === null) return null;
    for (const x of p.candidates) out.add(x);
  }
  return out;
}

/** Tests every leaf once against every observed-data; records candidates and whether they are sure. */
function prepareLeaves(expr: ObservationExpression, ctx: Context): void {
  switch (expr.type) {
    case 'observation': {
      const { budget } = ctx;
      const saved = { truncated: budget.truncated, regexLimited: budget.regexLimited };
      budget.truncated = false;
      budget.regexLimited = false;
      const test = compileComparison(expr.comparison, budget);
      const rootsBySdo = new Map<number, string[]>();
      ctx.leafRoots.set(expr, rootsBySdo);
      const candidates: number[] = [];
      const tested = new Map<Sdo, boolean>();
      ctx.observations.forEach((o, i) => {
        let ok = tested.get(o.sdo);
        if (ok === undefined) {
          const ids: string[] = [];
          for (const r of o.sdo.roots) if (test(r.object, o.sdo)) ids.push(r.id);
          ok = ids.length > 0;
          tested.set(o.sdo, ok);
          if (ok) rootsBySdo.set(o.sdo.index, ids);
        }
        if (ok) candidates.push(i);
      });
      ctx.leafCandidates.set(expr, candidates);
      if (budget.regexLimited) ctx.leafUnsure.add(expr);
      budget.truncated = saved.truncated;
      budget.regexLimited = saved.regexLimited;
      return;
    }
    case 'qualified':
      prepareLeaves(expr.expression, ctx);
      return;
    default:
      for (const o of expr.operands) prepareLeaves(o, ctx);
  }
}

/** Computes {@link Facts} bottom-up (candidate sets, distinct observations needed, possible). */
function analyze(expr: ObservationExpression, ctx: Context): Facts {
  let facts: Facts;
  switch (expr.type) {
    case 'observation': {
      const unsure = ctx.leafUnsure.has(expr);
      const list = ctx.leafCandidates.get(expr) ?? [];
      facts = { candidates: unsure ? null : new Set(list), need: 1, possible: unsure || list.length > 0 };
      break;
    }
    case 'observation-or': {
      const parts = expr.operands.map((o) => analyze(o, ctx)).filter((f) => f.possible);
      facts =
        parts.length === 0
          ? { candidates: new Set(), need: 1, possible: false }
          : { candidates: union(parts), need: Math.min(...parts.map((p) => p.need)), possible: true };
      break;
    }
    case 'observation-and':
    case 'followed-by': {
      const parts = expr.operands.map((o) => analyze(o, ctx));
      const candidates = union(parts);
      const need = parts.reduce((a, p) => a + p.need, 0);
      const possible = parts.every((p) => p.possible) && (candidates === null || candidates.size >= need);
      facts = { candidates, need, possible };
      break;
    }
    case 'qualified': {
      const inner = analyze(expr.expression, ctx);
      const candidates = inner.candidates === null ? null : new Set(inner.candidates);
      let need = inner.need;
      for (const q of expr.qualifiers) {
        if (q.kind === 'repeats') need *= q.times;
        else if (q.kind === 'start-stop' && candidates !== null) {
          // every observation of a binding must meet [start, stop)
          const start = parseTimestamp(q.startTime.value) as Instant;
          const stop = parseTimestamp(q.stopTime.value) as Instant;
          for (const x of [...candidates]) {
            const sdo = (ctx.observations[x] as Observation).sdo;
            if (!(compareInstants(sdo.last, start) >= 0 && compareInstants(sdo.first, stop) < 0))
              candidates.delete(x);
          }
        }
      }
      facts = {
        candidates,
        need,
        possible: inner.possible && (candidates === null || candidates.size >= need),
      };
      break;
    }
  }
  ctx.facts.set(expr, facts);
  return facts;
}

function tick(ctx: Context, n = 1): boolean {
  ctx.budget.steps += n;
  if (ctx.budget.steps > ctx.budget.maxSteps) {
    ctx.budget.truncated = true;
    return false;
  }
  return true;
}

function push(ctx: Context, out: Binding[], b: Binding): boolean {
  if (out.length >= ctx.budget.maxBindings) {
    ctx.budget.truncated = true;
    return false;
  }
  out.push(b);
  return true;
}

function evalObservation(expr: ObservationExpression, ctx: Context): Binding[] {
  if (ctx.facts.get(expr)?.possible === false) return [];
  switch (expr.type) {
    case 'observation': {
      // A value skipped for the MATCHES / LIKE work limit makes this leaf (and so the answer) unsure.
      if (ctx.leafUnsure.has(expr)) {
        ctx.budget.truncated = true;
        ctx.budget.regexLimited = true;
      }
      const out: Binding[] = [];
      for (const i of ctx.leafCandidates.get(expr) ?? []) if (!push(ctx, out, [i])) break;
      return out;
    }
    case 'observation-or': {
      const parts = expr.operands.map((o) => ({ bindings: evalObservation(o, ctx), size: slotCount(o) }));
      const total = parts.reduce((a, p) => a + p.size, 0);
      const out: Binding[] = [];
      let offset = 0;
      for (const p of parts) {
        for (const b of p.bindings) {
          const full = new Array<number>(total).fill(-1);
          for (let k = 0; k < b.length; k++) full[offset + k] = b[k] as number;
          if (!push(ctx, out, full)) break;
        }
        offset += p.size;
      }
      return out;
    }
    case 'observation-and':
    case 'followed-by':
      return evalJoin(expr.type === 'followed-by', expr.operands, ctx);
    case 'qualified': {
      const counted = countRepeats(expr, ctx);
      if (counted !== undefined) return counted;
      let bindings = evalObservation(expr.expression, ctx);
      for (const q of expr.qualifiers) bindings = applyQualifier(q, bindings, ctx);
      return bindings;
    }
  }
}

/** Latest `first_observed` among the bound observations (undefined when none is bound). */
function latestFirst(b: Binding, ctx: Context): Instant | undefined {
  let out: Instant | undefined;
  for (const x of b) {
    if (x < 0) continue;
    const f = (ctx.observations[x] as Observation).sdo.first;
    if (out === undefined || compareInstants(f, out) > 0) out = f;
  }
  return out;
}

/**
 * `AND` / `FOLLOWEDBY` chains. Every operand is evaluated first: one that certainly has no binding makes
 * the whole chain empty, for sure, whatever limit another operand hit. The join then keeps only prefixes
 * that the remaining operands can still complete: enough distinct candidates left for them, and (for
 * `FOLLOWEDBY`) no observation starting after the latest `last_observed` any later operand can offer.
 */
function evalJoin(followedBy: boolean, operands: readonly ObservationExpression[], ctx: Context): Binding[] {
  const { budget } = ctx;
  const before = { truncated: budget.truncated, regexLimited: budget.regexLimited };
  const certainlyEmpty = (): Binding[] => {
    budget.truncated = before.truncated;
    budget.regexLimited = before.regexLimited;
    return [];
  };
  const lists: Binding[][] = [];
  /** Whether the bindings of operand k may be incomplete (a limit was hit while listing them). */
  const cuts: boolean[] = [];
  for (const o of operands) {
    budget.truncated = false;
    const list = evalObservation(o, ctx);
    if (list.length === 0 && !budget.truncated) return certainlyEmpty();
    cuts.push(budget.truncated);
    lists.push(list);
  }
  // from here on, budget.truncated says whether the join itself was cut
  budget.truncated = false;

  const facts = operands.map((o) => ctx.facts.get(o));
  const count = operands.length;
  // For the prefix through operand k: candidates and distinct observations the later operands need,
  // and (FOLLOWEDBY) the latest allowed `first_observed` of the prefix.
  const restCandidates: (ReadonlySet<number> | null)[] = new Array(count).fill(null);
  const restNeed: number[] = new Array(count).fill(0);
  const deadline: (Instant | undefined)[] = new Array(count).fill(undefined);
  {
    // (the candidate count check copies a set per operand: only for chains of reasonable length)
    let cands: Set<number> | null = count <= MAX_COUNTED_OPERANDS ? new Set() : null;
    let need = 0;
    let dl: Instant | undefined;
    for (let k = count - 1; k >= 0; k--) {
      restCandidates[k] = cands === null ? null : new Set(cands);
      restNeed[k] = need;
      deadline[k] = dl;
      const f = facts[k];
      if (f === undefined || f.candidates === null) cands = null;
      else if (cands !== null) for (const x of f.candidates) cands.add(x);
      need += f?.need ?? 1;
      if (followedBy && f !== undefined && f.candidates !== null) {
        let maxLast: Instant | undefined;
        for (const x of f.candidates) {
          const t = (ctx.observations[x] as Observation).sdo.last;
          if (maxLast === undefined || compareInstants(t, maxLast) > 0) maxLast = t;
        }
        if (maxLast !== undefined && (dl === undefined || compareInstants(maxLast, dl) < 0)) dl = maxLast;
      }
    }
  }
  const viable = (b: Binding, k: number): boolean => {
    const rc = restCandidates[k];
    if (rc !== undefined && rc !== null) {
      let left = rc.size;
      for (const x of b) if (x >= 0 && rc.has(x)) left--;
      if (left < (restNeed[k] as number)) return false;
    }
    const dl = deadline[k];
    if (dl !== undefined) {
      const lf = latestFirst(b, ctx);
      if (lf !== undefined && compareInstants(lf, dl) > 0) return false;
    }
    return true;
  };

  let acc = (lists[0] as Binding[]).filter((b) => viable(b, 0));
  // An empty prefix whose operands were listed in full (and whose join was not cut) ends the chain for sure.
  let prefixCut = cuts[0] === true;
  if (acc.length === 0 && !prefixCut) return certainlyEmpty();
  for (let k = 1; k < count; k++) {
    const right = lists[k] as Binding[];
    const out: Binding[] = [];
    outer: for (const l of acc) {
      const lf = followedBy ? latestFirst(l, ctx) : undefined;
      for (const r of right) {
        if (!tick(ctx)) break outer;
        if (!disjoint(l, r)) continue;
        if (lf !== undefined) {
          let earliestLast: Instant | undefined;
          for (const x of r) {
            if (x < 0) continue;
            const t = (ctx.observations[x] as Observation).sdo.last;
            if (earliestLast === undefined || compareInstants(t, earliestLast) < 0) earliestLast = t;
          }
          if (earliestLast !== undefined && compareInstants(lf, earliestLast) > 0) continue;
        }
        const joined = [...l, ...r];
        if (k < count - 1 && !viable(joined, k)) continue;
        if (!push(ctx, out, joined)) break outer;
      }
    }
    acc = out;
    prefixCut ||= cuts[k] === true;
    if (acc.length === 0 && !prefixCut && !budget.truncated) return certainlyEmpty();
  }
  budget.truncated ||= before.truncated || cuts.some((c) => c);
  return acc;
}

/** Longest AND / FOLLOWEDBY chain whose join checks the candidates left for the remaining operands. */
const MAX_COUNTED_OPERANDS = 64;

/** Most observation numbers listed in the bindings of one counted `REPEATS` (bindings × n). */
const MAX_REPEATS_SLOTS = 200_000;

/**
 * `REPEATS n TIMES` (n > 1) over a single observation expression, with any `START … STOP` and `WITHIN`
 * around it, is a counting question: n distinct candidate observations, all touching one window. It is
 * answered by counting (sorting by time for `WITHIN`), then a bounded number of bindings is listed.
 * Returns undefined for other shapes (nested `REPEATS`, or a compound expression inside).
 */
function countRepeats(expr: ObservationExpression, ctx: Context): Binding[] | undefined {
  const qualifiers: Qualifier[] = [];
  let e = expr;
  while (e.type === 'qualified') {
    qualifiers.unshift(...e.qualifiers);
    e = e.expression;
  }
  if (e.type !== 'observation') return undefined;
  let n = 1;
  let windowMs = Number.POSITIVE_INFINITY;
  const windows: [Instant, Instant][] = [];
  for (const q of qualifiers) {
    if (q.kind === 'repeats') {
      if (q.times === 1) continue;
      if (n > 1) return undefined;
      n = q.times;
    } else if (q.kind === 'within') {
      // WITHIN on one observation always holds; after REPEATS it bounds the whole set
      if (n > 1) windowMs = Math.min(windowMs, q.seconds * 1000);
    } else {
      windows.push([
        parseTimestamp(q.startTime.value) as Instant,
        parseTimestamp(q.stopTime.value) as Instant,
      ]);
    }
  }
  if (n === 1) return undefined;
  const { budget } = ctx;
  if (ctx.leafUnsure.has(e)) {
    budget.truncated = true;
    budget.regexLimited = true;
  }
  const groups: RepeatGroup[] = [];
  let current: { sdo: Sdo; members: number[] } | undefined;
  const flush = (): void => {
    if (current !== undefined)
      groups.push({ first: current.sdo.first.ms, last: current.sdo.last.ms, members: current.members });
  };
  let outside: Sdo | undefined;
  for (const x of ctx.leafCandidates.get(e) ?? []) {
    const sdo = (ctx.observations[x] as Observation).sdo;
    if (sdo === outside) continue;
    if (current?.sdo !== sdo) {
      const inside = windows.every(
        ([start, stop]) => compareInstants(sdo.last, start) >= 0 && compareInstants(sdo.first, stop) < 0,
      );
      if (!inside) {
        outside = sdo;
        continue;
      }
      flush();
      current = { sdo, members: [] };
    }
    current.members.push(x);
  }
  flush();

  const cap = Math.min(budget.maxBindings, Math.max(1, Math.floor(MAX_REPEATS_SLOTS / n)));
  const out: Binding[] = [];
  const emit = (combination: number[]): boolean => {
    // the first binding does not count against maxSteps: counting proved it exists
    if (out.length >= cap || (out.length > 0 && !tick(ctx, n))) {
      budget.truncated = true;
      return false;
    }
    out.push(combination);
    return true;
  };
  if (windowMs === Number.POSITIVE_INFINITY) {
    const all = groups.flatMap((g) => g.members);
    if (all.length < n) return [];
    forEachCombination(all, n, all.length, emit);
    return out;
  }
  const starts = repeatWindowStarts(groups, windowMs, n);
  let stopped = false;
  for (const t of starts) {
    // the bindings whose earliest last_observed is t: at least one observation ending at t, all touching
    // [t, t + window]
    const head: number[] = [];
    const rest: number[] = [];
    for (const g of groups) {
      if (g.last < t || g.first > t + windowMs) continue;
      (g.last === t ? head : rest).push(...g.members);
    }
    tick(ctx, groups.length);
    const ok = forEachCombination([...head, ...rest], n, head.length, (c) => emit(c.sort((a, b) => a - b)));
    if (!ok) {
      stopped = true;
      break;
    }
  }
  if (!stopped) out.sort(compareBindings);
  return out;
}

function intervals(b: Binding, ctx: Context): { first: Instant; last: Instant }[] {
  const out: { first: Instant; last: Instant }[] = [];
  for (const x of b) if (x >= 0) out.push((ctx.observations[x] as Observation).sdo);
  return out;
}

function applyQualifier(q: Qualifier, bindings: Binding[], ctx: Context): Binding[] {
  switch (q.kind) {
    case 'within': {
      const ms = q.seconds * 1000;
      return bindings.filter((b) => {
        const iv = intervals(b, ctx);
        if (iv.length === 0) return true;
        // Is there a window of `ms` touching every [first, last]? Try the one starting at the earliest `last`.
        let start = Number.POSITIVE_INFINITY;
        for (const i of iv) start = Math.min(start, i.last.ms);
        const end = start + ms;
        return iv.every((i) => i.first.ms <= end && i.last.ms >= start);
      });
    }
    case 'start-stop': {
      const start = parseTimestamp(q.startTime.value) as Instant;
      const stop = parseTimestamp(q.stopTime.value) as Instant;
      if (compareInstants(start, stop) >= 0) return [];
      return bindings.filter((b) =>
        intervals(b, ctx).every(
          (i) => compareInstants(i.last, start) >= 0 && compareInstants(i.first, stop) < 0,
        ),
      );
    }
    case 'repeats': {
      const n = q.times;
      if (n <= 1) return bindings;
      if (bindings.length < n) return [];
      const out: Binding[] = [];
      let stopped = false;
      // Combinations (in list order) of n pairwise-disjoint bindings, depth-first with an explicit stack.
      const chosen: number[] = [];
      const stack: number[] = [0];
      while (stack.length > 0) {
        if (!tick(ctx)) break;
        const start = stack[stack.length - 1] as number;
        if (chosen.length === n) {
          const flat: number[] = [];
          for (const c of chosen) flat.push(...(bindings[c] as Binding));
          if (!push(ctx, out, flat)) break;
          stack.pop();
          chosen.pop();
          continue;
        }
        let found = -1;
        for (let i = start; i <= bindings.length - (n - chosen.length); i++) {
          if (!tick(ctx)) {
            stopped = true;
            break;
          }
          const cand = bindings[i] as Binding;
          if (chosen.every((c) => disjoint(bindings[c] as Binding, cand))) {
            found = i;
            break;
          }
        }
        if (stopped) break;
        if (found < 0) {
          stack.pop();
          chosen.pop();
          continue;
        }
        stack[stack.length - 1] = found + 1;
        chosen.push(found);
        stack.push(found + 1);
      }
      return out;
    }
  }
}

/**
 * Matches a STIX 2.1 pattern against observed data, following the specification's semantics: each
 * observation expression `[…]` binds a different observation (an observed-data object with
 * `number_observed: n` counts as n observations at unknown times between `first_observed` and
 * `last_observed`), all comparisons of one `[…]` hold for one object, `FOLLOWEDBY` orders observations in
 * time, and `WITHIN`, `START … STOP` and `REPEATS` qualify them. Objects come from the deprecated `objects`
 * map or from `object_refs` resolved against the SCOs given in the same array; bundles in the array are
 * opened. `*_ref(s)` properties are followed to the referenced objects.
 *
 * @param pattern - Pattern text or a {@link Pattern} from {@link parsePattern}.
 * @param observedData - Observed-data objects and the SCOs they refer to (or bundles holding them).
 * @param options - Limits; see {@link MatchPatternOptions}.
 * @returns Whether it matched, every binding found, pattern warnings and data diagnostics.
 * @throws {@link PatternSyntaxError} if the text does not parse; {@link PatternMatchError} `PATTERN_INVALID`
 * if it breaks a rule of the specification, `PATTERN_MATCH_LIMIT` if the search was cut before any match.
 *
 * @example
 * ```ts
 * import { matchPattern } from '@vigil/matcher';
 *
 * const observed = {
 *   type: 'observed-data', id: 'observed-data--1', number_observed: 1,
 *   first_observed: '2026-01-01T10:00:00Z', last_observed: '2026-01-01T10:00:00Z',
 *   object_refs: ['domain-name--1'],
 * };
 * const sco = { type: 'domain-name', id: 'domain-name--1', value: 'evil.test' };
 * matchPattern("[domain-name:value = 'evil.test']", [observed, sco]).matched; // true
 * ```
 */
export function matchPattern(
  pattern: string | Pattern,
  observedData: readonly unknown[],
  options: MatchPatternOptions = {},
): PatternMatchResult {
  const parsed = typeof pattern === 'string' ? parsePattern(pattern, options) : pattern;
  const issues = checkPattern(parsed);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new PatternMatchError(
      'PATTERN_INVALID',
      `pattern is not valid: ${errors.map((e) => `${e.message} (column ${e.column})`).join('; ')}`,
      errors,
    );
  }
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (!Array.isArray(observedData)) {
    throw new PatternMatchError('PATTERN_INVALID', 'observedData must be an array of STIX objects');
  }
  const budget: Budget = {
    maxBindings: options.maxBindings ?? 10_000,
    maxSteps: options.maxSteps ?? 2_000_000,
    steps: 0,
    truncated: false,
    regexLimited: false,
  };
  const diagnostics: PatternDataDiagnostic[] = [];
  const slots = slotCount(parsed.expression);
  const { observations } = collect(observedData, Math.max(1, Math.min(slots, 100_000)), diagnostics);
  const ctx: Context = {
    observations,
    budget,
    leafRoots: new Map(),
    leafCandidates: new Map(),
    leafUnsure: new Set(),
    facts: new Map(),
  };
  prepareLeaves(parsed.expression, ctx);
  // Candidates first: an expression that needs more distinct observations than it has candidates (or an
  // AND / FOLLOWEDBY operand with none) is certainly unmatched, without any search.
  if (!analyze(parsed.expression, ctx).possible) {
    return { matched: false, bindings: [], complete: true, warnings, diagnostics };
  }
  const found = evalObservation(parsed.expression, ctx);
  if (found.length === 0 && budget.truncated) {
    throw new PatternMatchError(
      'PATTERN_MATCH_LIMIT',
      budget.regexLimited
        ? `no match found, but some values were too long for a MATCHES or LIKE operand of this size (work limit ${MAX_REGEX_WORK} = value length × compiled size), so the answer is unknown; use a smaller regular expression or LIKE pattern`
        : `the search stopped at its limit (${budget.maxBindings} bindings or ${budget.maxSteps} steps) before finding a match; raise maxBindings / maxSteps or give less data`,
    );
  }
  const leafOrder = slotLeaves(parsed.expression);
  const bindings = found.map((b): PatternBinding => {
    const used = new Set<StixObjectLike>();
    const slotsOut = b.map((x, k): PatternBindingSlot | null => {
      if (x < 0) return null;
      const o = observations[x] as Observation;
      const leaf = leafOrder[k] as ObservationNode;
      used.add(o.sdo.object);
      return {
        observation: leaf,
        index: o.sdo.index,
        observedData: o.sdo.object,
        copy: o.copy,
        objectIds: ctx.leafRoots.get(leaf)?.get(o.sdo.index) ?? [],
      };
    });
    const inOrder = [...new Set(b.filter((x) => x >= 0).map((x) => (observations[x] as Observation).sdo))]
      .sort((p, q) => p.index - q.index)
      .map((s) => s.object);
    return { slots: slotsOut, observedData: inOrder };
  });
  return { matched: bindings.length > 0, bindings, complete: !budget.truncated, warnings, diagnostics };
}

/** The observation leaf behind each binding slot, in slot order. */
function slotLeaves(expr: ObservationExpression): ObservationNode[] {
  switch (expr.type) {
    case 'observation':
      return [expr];
    case 'qualified': {
      let leaves = slotLeaves(expr.expression);
      for (const q of expr.qualifiers) {
        if (q.kind === 'repeats') leaves = Array.from({ length: q.times }, () => leaves).flat();
      }
      return leaves;
    }
    default:
      return expr.operands.flatMap(slotLeaves);
  }
}
