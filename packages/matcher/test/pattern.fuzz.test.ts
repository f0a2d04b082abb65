/**
 * Fuzzing the STIX patterning parser, validator and evaluator (fast-check). Complements the property
 * tests beside the sources (round trip of generated trees, random text): here the input is generated from
 * the grammar and then mutated (characters cut, swapped, inserted), the evaluator runs on random observed
 * data, and a slow reference evaluator decides a subset of the language independently.
 *
 * `FUZZ_RUNS` sets the number of runs of each property (default 200; see docs/fuzzing.md for long runs).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPattern,
  isPatternMatchError,
  isPatternSyntaxError,
  matchPattern,
  type Pattern,
  parsePattern,
  validatePattern,
} from '../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };
const opts = { numRuns: RUNS, ...SEED };

// --- A generator of pattern text from the grammar (valid and nearly valid) ---------------------------------

const objectType = fc.constantFrom(
  'file',
  'domain-name',
  'url',
  'ipv4-addr',
  'x-custom-thing',
  'process',
  'a',
);
const propName = fc.constantFrom(
  'name',
  'value',
  'size',
  'hashes.MD5',
  "hashes.'SHA-256'",
  'x_a',
  'refs[*]',
  'refs[0]',
  'parent_ref.name',
  "extensions.'x-ext'.k",
);
const stringLit = fc
  .string({
    unit: fc.constantFrom('a', 'B', ' ', "\\'", '\\\\', '%', '_', 'é', '\u0000', '\n', '.', '*'),
    maxLength: 8,
  })
  .map((s) => `'${s}'`);
const literal = fc.oneof(
  stringLit,
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((d) => String(d)),
  fc.constantFrom(
    'true',
    'false',
    "h'4d5a'",
    "b'TVo='",
    "t'2026-01-01T00:00:00Z'",
    "t'2026-13-01T00:00:00Z'",
    "h'4'",
  ),
);
const setLit = fc.array(literal, { minLength: 1, maxLength: 3 }).map((xs) => `(${xs.join(', ')})`);
const op = fc.constantFrom(
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'LIKE',
  'MATCHES',
  'NOT =',
  'NOT LIKE',
  'ISSUBSET',
  'ISSUPERSET',
);
const comparison = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(objectType, propName, op, literal).map(([t, p, o, v]) => `${t}:${p} ${o} ${v}`),
  },
  { weight: 1, arbitrary: fc.tuple(objectType, propName, setLit).map(([t, p, s]) => `${t}:${p} IN ${s}`) },
  { weight: 1, arbitrary: fc.tuple(objectType, propName).map(([t, p]) => `EXISTS ${t}:${p}`) },
);
const { obs: observation } = fc.letrec((tie) => ({
  cmp: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.tuple(tie('cmp'), fc.constantFrom(' AND ', ' OR '), tie('cmp')).map(([a, j, b]) => `${a}${j}${b}`),
    tie('cmp').map((c) => `(${c})`),
  ),
  obs: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('cmp').map((c) => `[${c}]`),
    fc
      .tuple(tie('obs'), fc.constantFrom(' AND ', ' OR ', ' FOLLOWEDBY '), tie('obs'))
      .map(([a, j, b]) => `${a}${j}${b}`),
    tie('obs').map((o) => `(${o})`),
    fc
      .tuple(
        tie('obs'),
        fc.constantFrom(
          ' WITHIN 5 SECONDS',
          ' WITHIN 0.5 SECONDS',
          ' REPEATS 2 TIMES',
          ' REPEATS 0 TIMES',
          " START t'2026-01-01T00:00:00Z' STOP t'2026-01-02T00:00:00Z'",
          " START t'2026-01-02T00:00:00Z' STOP t'2026-01-01T00:00:00Z'",
        ),
      )
      .map(([o, q]) => `${o}${q}`),
  ),
}));

/** Mutations of a valid-looking text: cut, duplicate, insert a token, swap two characters. */
const mutated = observation.chain((text) =>
  fc
    .tuple(
      fc.nat(text.length),
      fc.nat(text.length),
      fc.constantFrom(
        '',
        '[',
        ']',
        '(',
        ')',
        "'",
        '\\',
        ':',
        ' AND',
        ' OR ',
        'NOT ',
        '*',
        '\ud800',
        '/*',
        '//',
        '\u2028',
      ),
      fc.constantFrom('cut', 'insert', 'swap', 'dup'),
    )
    .map(([a, b, token, how]) => {
      const [i, j] = a <= b ? [a, b] : [b, a];
      if (how === 'cut') return text.slice(0, i) + text.slice(j);
      if (how === 'insert') return text.slice(0, i) + token + text.slice(i);
      if (how === 'dup') return text + text.slice(i, j);
      return text.slice(0, i) + (text[j] ?? '') + text.slice(i + 1, j) + (text[i] ?? '') + text.slice(j + 1);
    }),
);
const patternText = fc.oneof({ weight: 2, arbitrary: observation }, { weight: 3, arbitrary: mutated });

// --- Random observed data -------------------------------------------------------------------------------

const scoValue = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('MD5', 'SHA-256', 'k'), fc.string({ maxLength: 4 })),
);
const sco = fc
  .tuple(
    fc.constantFrom('file', 'domain-name', 'url', 'x-custom-thing', 'process'),
    fc.dictionary(fc.constantFrom('name', 'value', 'size', 'x_a', 'hashes', 'refs', 'parent_ref'), scoValue),
  )
  .map(([type, props]) => ({ ...props, type, id: `${type}--0` }));
const timestamp = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
let serial = 0;
const observedData = fc.oneof(
  // well-formed 2.1 observed-data with object_refs
  fc
    .tuple(fc.array(sco, { minLength: 1, maxLength: 3 }), timestamp, fc.integer({ min: 0, max: 4 }))
    .map(([scos, t, n]) => {
      const ids = scos.map((s, k) => ({ ...s, id: `${s.type}--${t}-${k}-${serial++}` }));
      return [
        {
          type: 'observed-data',
          id: `observed-data--${t}-${serial++}`,
          first_observed: t,
          last_observed: t,
          number_observed: n,
          object_refs: ids.map((s) => s.id),
        },
        ...ids,
      ];
    }),
  // anything at all
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 2 }),
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('parsePattern / validatePattern (fuzz)', () => {
  it('parsePattern throws only PatternSyntaxError, with an offset inside the text; what parses round-trips', () => {
    fc.assert(
      fc.property(patternText, (text) => {
        let p: Pattern;
        try {
          p = parsePattern(text);
        } catch (e) {
          if (!isPatternSyntaxError(e)) throw e;
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(text.length);
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
          return;
        }
        const printed = formatPattern(p);
        expect(formatPattern(parsePattern(printed, { maxDepth: 1000 }))).toBe(printed);
      }),
      opts,
    );
  });

  it('validatePattern never throws, agrees with parsePattern, and positions every issue inside the text', () => {
    fc.assert(
      fc.property(patternText, (text) => {
        const v = validatePattern(text);
        let parses = true;
        try {
          parsePattern(text);
        } catch {
          parses = false;
        }
        if (!parses) expect(v.valid).toBe(false);
        if (v.valid) expect(v.issues.every((i) => i.severity === 'warning')).toBe(true);
        else expect(v.issues.some((i) => i.severity === 'error')).toBe(true);
        for (const issue of v.issues) {
          expect(issue.code).toMatch(/^[A-Z_0-9]+$/);
          expect(issue.offset).toBeGreaterThanOrEqual(0);
          expect(issue.offset).toBeLessThanOrEqual(text.length);
          expect(issue.end).toBeGreaterThanOrEqual(issue.offset);
        }
        // Validating the parsed tree gives the same verdict as validating the text.
        if (parses) expect(validatePattern(parsePattern(text)).valid).toBe(v.valid);
      }),
      opts,
    );
  });

  it('refuses deep nesting and huge input with a typed error, not a stack overflow', () => {
    const depth = fc.integer({ min: 1_000, max: 60_000 });
    fc.assert(
      fc.property(depth, fc.constantFrom('(', '[(', '[', '(['), (n, open) => {
        const text = `${open.repeat(n)}[a:b = 1]`;
        try {
          parsePattern(text);
        } catch (e) {
          expect(isPatternSyntaxError(e), String(e)).toBe(true);
        }
        expect(validatePattern(text).valid).toBe(false);
      }),
      { ...opts, numRuns: Math.min(RUNS, 20) },
    );
  });
});

describe('matchPattern (fuzz)', () => {
  it('on random patterns and random observed data: only typed errors, never mutates its input, same result from text and tree', () => {
    fc.assert(
      fc.property(patternText, observedData, (text, data) => {
        const frozen = deepFreeze(structuredCloneSafe(data));
        const before = JSON.stringify(frozen);
        let fromText: ReturnType<typeof matchPattern> | undefined;
        try {
          fromText = matchPattern(text, frozen, { maxSteps: 50_000, maxBindings: 100 });
        } catch (e) {
          if (!isPatternSyntaxError(e) && !isPatternMatchError(e)) throw e;
        }
        expect(JSON.stringify(frozen)).toBe(before);
        if (fromText !== undefined) {
          const fromTree = matchPattern(parsePattern(text), frozen, { maxSteps: 50_000, maxBindings: 100 });
          expect(fromTree.matched).toBe(fromText.matched);
          expect(fromTree.bindings.length).toBe(fromText.bindings.length);
          if (fromText.bindings.length > 0) expect(fromText.matched).toBe(true);
        }
      }),
      opts,
    );
  });
});

/** `structuredClone` refuses functions and symbols that fc.anything may produce; those inputs are kept as is. */
function structuredCloneSafe<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

// --- A slow reference evaluator for a subset: one object type, string properties, =, !=, IN, LIKE, AND/OR
// inside an observation, AND/OR/FOLLOWEDBY between observations (each observation expression binds a different
// observation) ------------------------------------------------------------------------------------------

type Cmp = { prop: 'name' | 'x_a' | 'x_b'; op: '=' | '!=' | 'IN' | 'LIKE'; value: string | string[] };
type CmpTree = Cmp | { j: 'AND' | 'OR'; a: CmpTree; b: CmpTree };
type ObsTree = { cmp: CmpTree } | { j: 'AND' | 'OR' | 'FOLLOWEDBY'; a: ObsTree; b: ObsTree };

const word = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 3 });
const likeWord = fc.string({ unit: fc.constantFrom('a', 'b', '%', '_'), maxLength: 3 });
const refCmp: fc.Arbitrary<Cmp> = fc.oneof(
  fc.record({
    prop: fc.constantFrom('name', 'x_a', 'x_b'),
    op: fc.constantFrom('=', '!='),
    value: word,
  }) as fc.Arbitrary<Cmp>,
  fc.record({
    prop: fc.constantFrom('name', 'x_a', 'x_b'),
    op: fc.constant('IN'),
    value: fc.array(word, { minLength: 1, maxLength: 3 }),
  }) as fc.Arbitrary<Cmp>,
  fc.record({
    prop: fc.constantFrom('name', 'x_a', 'x_b'),
    op: fc.constant('LIKE'),
    value: likeWord,
  }) as fc.Arbitrary<Cmp>,
);
const { tree: refCmpTree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    refCmp,
    fc.record({ j: fc.constantFrom('AND', 'OR'), a: tie('tree'), b: tie('tree') }),
  ) as fc.Arbitrary<CmpTree>,
}));
const refObs: fc.Arbitrary<ObsTree> = fc.oneof(
  refCmpTree.map((cmp) => ({ cmp })),
  fc.record({
    j: fc.constantFrom('AND', 'OR', 'FOLLOWEDBY') as fc.Arbitrary<'AND' | 'OR' | 'FOLLOWEDBY'>,
    a: refCmpTree.map((cmp) => ({ cmp })),
    b: refCmpTree.map((cmp) => ({ cmp })),
  }),
);

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
function printCmp(t: CmpTree): string {
  if ('j' in t) return `(${printCmp(t.a)} ${t.j} ${printCmp(t.b)})`;
  const v = Array.isArray(t.value) ? `(${t.value.map(quote).join(', ')})` : quote(t.value);
  return `file:${t.prop} ${t.op} ${v}`;
}
function printObs(t: ObsTree): string {
  if ('cmp' in t) return `[${printCmp(t.cmp)}]`;
  return `${printObs(t.a)} ${t.j} ${printObs(t.b)}`;
}

function like(text: string, pattern: string): boolean {
  // Written independently of the matcher: SQL LIKE by dynamic programming over code points.
  const s = Array.from(text);
  const p = Array.from(pattern);
  const dp: boolean[][] = Array.from({ length: p.length + 1 }, () =>
    new Array<boolean>(s.length + 1).fill(false),
  );
  (dp[0] as boolean[])[0] = true;
  for (let i = 1; i <= p.length; i++) {
    const row = dp[i] as boolean[];
    const prev = dp[i - 1] as boolean[];
    row[0] = p[i - 1] === '%' && (prev[0] as boolean);
    for (let k = 1; k <= s.length; k++) {
      const c = p[i - 1];
      row[k] =
        c === '%'
          ? (prev[k] as boolean) || (row[k - 1] as boolean)
          : (prev[k - 1] as boolean) && (c === '_' || c === s[k - 1]);
    }
  }
  return (dp[p.length] as boolean[])[s.length] as boolean;
}

function evalCmp(t: CmpTree, obj: Record<Cmp['prop'], string>): boolean {
  if ('j' in t)
    return t.j === 'AND' ? evalCmp(t.a, obj) && evalCmp(t.b, obj) : evalCmp(t.a, obj) || evalCmp(t.b, obj);
  const v = obj[t.prop] as string;
  if (t.op === '=') return v === t.value;
  if (t.op === '!=') return v !== t.value;
  if (t.op === 'IN') return (t.value as string[]).includes(v);
  return like(v, t.value as string);
}

type Observed = Record<Cmp['prop'], string> & { t: number };

/**
 * Whether the pattern matches: observation AND needs two different observations; FOLLOWEDBY also needs the
 * left one at the same time as or before the right one.
 */
function reference(t: ObsTree, objects: Observed[]): boolean {
  if ('cmp' in t) return objects.some((o) => evalCmp(t.cmp, o));
  if (t.j === 'OR') return reference(t.a, objects) || reference(t.b, objects);
  const a = t.a as { cmp: CmpTree };
  const b = t.b as { cmp: CmpTree };
  return objects.some(
    (o, i) =>
      evalCmp(a.cmp, o) &&
      objects.some((p, k) => k !== i && evalCmp(b.cmp, p) && (t.j === 'AND' || o.t <= p.t)),
  );
}

describe('matchPattern against a slow reference evaluator', () => {
  it('gives the same answer on every generated pattern and data set (subset of the language)', () => {
    // Observations at a few instants, so that equal and reversed times both occur.
    const file = fc.record({ name: word, x_a: word, x_b: word, t: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(refObs, fc.array(file, { maxLength: 4 }), (tree, files) => {
        const text = printObs(tree);
        const data = files.flatMap(({ t, ...f }, i) => [
          {
            type: 'observed-data',
            id: `observed-data--${i}`,
            spec_version: '2.1',
            first_observed: `2026-01-01T00:00:0${t}Z`,
            last_observed: `2026-01-01T00:00:0${t}Z`,
            number_observed: 1,
            object_refs: [`file--${i}`],
          },
          { type: 'file', id: `file--${i}`, ...f },
        ]);
        expect(matchPattern(text, data).matched, text).toBe(reference(tree, files));
      }),
      { ...opts, numRuns: RUNS * 5 },
    );
  });
});
