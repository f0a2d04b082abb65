/**
 * Regressions found by fuzzing the evaluator: a certain "no match" that used to throw
 * `PATTERN_MATCH_LIMIT` (candidate sets are now computed first and the join is pruned), and `REPEATS` over
 * one observation expression, which is now counted instead of enumerated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchPattern, type PatternBinding } from './pattern-match.js';

type Obj = Record<string, unknown>;
let counter = 0;

const T = (s: number): string =>
  new Date(Date.UTC(2026, 0, 1, 10, 0, 0) + s * 1000).toISOString().replace('.000Z', 'Z');

/** One observed-data (object_refs) with one `file` SCO named `name`, observed `n` times in [first, last]. */
function file(name: string, first: number, n = 1, last = first): Obj[] {
  counter++;
  const id = `file--r${counter}`;
  return [
    {
      type: 'observed-data',
      id: `observed-data--r${counter}`,
      spec_version: '2.1',
      first_observed: T(first),
      last_observed: T(last),
      number_observed: n,
      object_refs: [id],
    },
    { type: 'file', id, name },
  ];
}

const A = "[file:name = 'a']";
const B = "[file:name = 'b']";
const C = "[file:name = 'c']";
const as = (count: number, from = 0, n = 1): Obj[] =>
  Array.from({ length: count }, (_, i) => file('a', from + i, n)).flat();

/** `index/copy` of every bound slot. */
const used = (b: PatternBinding): string[] =>
  b.slots.filter((s) => s !== null).map((s) => `${s.index}/${s.copy}`);

describe('a required operand without candidates is a certain "no match"', () => {
  it('[a] AND [a] AND [a] AND [b] with no b: matched false, complete, no PATTERN_MATCH_LIMIT', () => {
    const data = as(200);
    const r = matchPattern(`${A} AND ${A} AND ${A} AND ${B}`, data);
    expect(r).toMatchObject({ matched: false, complete: true, bindings: [] });
    // however the operands are grouped, and with FOLLOWEDBY too
    expect(matchPattern(`(${A} AND ${A} AND ${A}) AND ${B}`, data)).toMatchObject({
      matched: false,
      complete: true,
    });
    expect(matchPattern(`${A} FOLLOWEDBY ${A} FOLLOWEDBY ${A} FOLLOWEDBY ${B}`, data)).toMatchObject({
      matched: false,
      complete: true,
    });
    // even with tiny limits
    expect(
      matchPattern(`${A} AND ${A} AND ${A} AND ${B}`, data, { maxBindings: 5, maxSteps: 10 }),
    ).toMatchObject({ matched: false, complete: true });
    // OR needs only one side: a certain-empty side does not sink the other
    expect(matchPattern(`(${A} AND ${B}) OR ${A}`, data).matched).toBe(true);
  });

  it('fewer distinct candidates than slots: matched false at once', () => {
    // three observations, each both an `a` and a `b` candidate; the pattern needs four distinct ones
    const ab = "[file:name IN ('a', 'b')]";
    const data = [...file('a', 0), ...file('b', 1), ...file('a', 2)];
    // (with room for only two partial bindings, so no search could have decided it)
    expect(matchPattern(`${A} AND ${ab} AND ${ab} AND ${ab}`, data, { maxBindings: 2 })).toMatchObject({
      matched: false,
      complete: true,
    });
    expect(matchPattern(`${A} AND ${ab} AND ${ab}`, data).matched).toBe(true);
    // REPEATS counts as that many slots
    expect(matchPattern(`${ab} REPEATS 4 TIMES`, data)).toMatchObject({ matched: false, complete: true });
    // START/STOP removes candidates before counting
    expect(matchPattern(`(${ab} AND ${ab}) START t'${T(1)}' STOP t'${T(2)}'`, data)).toMatchObject({
      matched: false,
      complete: true,
    });
  });

  it('prunes FOLLOWEDBY prefixes no later operand can follow', () => {
    // every `a` starts after the only `b` ended: the `a` chain can never be followed by it
    const data = [...file('b', 0), ...as(200, 10)];
    expect(matchPattern(`${A} FOLLOWEDBY ${A} FOLLOWEDBY ${A} FOLLOWEDBY ${B}`, data)).toMatchObject({
      matched: false,
      complete: true,
    });
    // with a `b` after two of the `a`s there are bindings, all in order
    const later = [...data, ...file('b', 11)];
    const r = matchPattern(`${A} FOLLOWEDBY ${A} FOLLOWEDBY ${B}`, later);
    expect(r).toMatchObject({ matched: true, complete: true });
    expect(r.bindings).toHaveLength(1);
    expect(r.bindings[0]?.slots.map((s) => s?.index)).toEqual([2, 4, 402]);
  });

  it('an operand certainly empty after a search (not from candidates alone) still ends the join for sure', () => {
    // `b` and `c` both exist, but `c` is before `b`; the left operand alone outgrows maxBindings
    const data = [...file('b', 500), ...file('c', 400), ...as(200)];
    const p = `(${A} AND ${A} AND ${A}) AND (${B} FOLLOWEDBY ${C})`;
    expect(matchPattern(p, data)).toMatchObject({ matched: false, complete: true });
    expect(matchPattern(`${p} OR ${C}`, data)).toMatchObject({ matched: true, complete: true });
  });

  it('a join prefix that is empty for sure ends the chain, even when a later operand hit a limit', () => {
    // one observation holds both an `a` and a `b` file: each side has a candidate, but not two distinct
    // observations; the `c` side alone outgrows maxBindings
    const both = file('a', 0);
    (both[0] as Obj).object_refs = [(both[1] as Obj).id, 'file--both-b'];
    both.push({ type: 'file', id: 'file--both-b', name: 'b' });
    const cs = Array.from({ length: 40 }, (_, i) => file('c', i + 1)).flat();
    const p = `${A} AND ${B} AND (${C} AND ${C} AND ${C} AND ${C})`;
    expect(matchPattern(p, [...both, ...cs])).toMatchObject({ matched: false, complete: true });
    expect(matchPattern(p, [...both, ...cs, ...file('b', 50)])).toMatchObject({
      matched: true,
      complete: false,
    });
  });

  it('still throws PATTERN_MATCH_LIMIT when the search is genuinely combinatorial and finds nothing', () => {
    const data = as(40);
    expect(() =>
      matchPattern(`(${A} AND ${A} AND ${A} AND ${A} AND ${A}) WITHIN 1 SECONDS`, data, { maxBindings: 50 }),
    ).toThrow(expect.objectContaining({ code: 'PATTERN_MATCH_LIMIT' }));
  });

  it('a value skipped for the MATCHES work limit is unknown, not a certain "no"', () => {
    const long = [
      { ...(file('x', 0)[0] as Obj), object_refs: ['x--long'] },
      { type: 'x', id: 'x--long', v: 'ab'.repeat(60_000) },
    ];
    const big = "[x:v MATCHES 'a.{1000}c.{1000}d.{1000}e']";
    expect(() => matchPattern(`${big} REPEATS 2 TIMES`, long)).toThrow(
      expect.objectContaining({ code: 'PATTERN_MATCH_LIMIT' }),
    );
    expect(() => matchPattern(`${big} AND ${big}`, [...long, ...as(3)])).toThrow(
      expect.objectContaining({ code: 'PATTERN_MATCH_LIMIT' }),
    );
    // but an AND whose other operand has no candidate at all is certainly unmatched
    expect(matchPattern(`${big} AND ${B}`, long)).toMatchObject({ matched: false, complete: true });
  });
});

describe('REPEATS over one observation expression is counted', () => {
  it('[a] REPEATS 1000 TIMES over 200 observed-data × number_observed 1000: a match with bounded bindings', () => {
    const data = as(200, 0, 1000);
    const r = matchPattern(`${A} REPEATS 1000 TIMES`, data);
    expect(r.matched).toBe(true);
    expect(r.complete).toBe(false); // far more than the bindings listed exist
    expect(r.bindings.length).toBeGreaterThan(0);
    expect(r.bindings.length * 1000).toBeLessThanOrEqual(200_000);
    for (const b of r.bindings) {
      expect(b.slots).toHaveLength(1000);
      expect(new Set(used(b)).size).toBe(1000);
    }
    // the first binding, as before: the first 1000 observations in input order
    const first = r.bindings[0] as PatternBinding;
    expect(first.slots.map((s) => s?.copy)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(first.observedData).toEqual([data[0]]);
    // maxBindings still bounds the list
    expect(matchPattern(`${A} REPEATS 1000 TIMES`, data, { maxBindings: 3 }).bindings).toHaveLength(3);
    // one observation short: a certain no
    expect(matchPattern(`${A} REPEATS 1000 TIMES`, as(999))).toMatchObject({
      matched: false,
      complete: true,
    });
  });

  it('WITHIN: slides a window over the observations sorted by time (boundary included)', () => {
    const data = as(20, 0, 1000); // one observed-data per second, 1000 observations each
    // a 4-second window touches 5 observed-data: 5000 observations, exactly one way per window
    const r = matchPattern(`${A} REPEATS 5000 TIMES WITHIN 4 SECONDS`, data);
    expect(r).toMatchObject({ matched: true, complete: true });
    expect(r.bindings).toHaveLength(16);
    for (const b of r.bindings) {
      const secs = b.slots.map((s) => Date.parse(String(s?.observedData.first_observed)) / 1000);
      expect(Math.max(...secs) - Math.min(...secs)).toBeLessThanOrEqual(4);
    }
    expect(matchPattern(`${A} REPEATS 5001 TIMES WITHIN 4 SECONDS`, data)).toMatchObject({
      matched: false,
      complete: true,
    });
    expect(matchPattern(`(${A} REPEATS 5000 TIMES) WITHIN 3.999 SECONDS`, data).matched).toBe(false);
    // START/STOP around it narrows the candidates first
    expect(matchPattern(`${A} REPEATS 3000 TIMES START t'${T(10)}' STOP t'${T(13)}'`, data).matched).toBe(
      true,
    );
    expect(matchPattern(`${A} REPEATS 3001 TIMES START t'${T(10)}' STOP t'${T(13)}'`, data).matched).toBe(
      false,
    );
  });

  it('agrees with brute force (copies, WITHIN, START/STOP) and lists every binding when complete', () => {
    const group = fc.record({
      name: fc.constantFrom('a', 'a', 'b'),
      first: fc.integer({ min: 0, max: 20 }),
      len: fc.integer({ min: 0, max: 6 }),
      copies: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(group, { maxLength: 5 }),
        fc.integer({ min: 2, max: 4 }),
        fc.option(fc.integer({ min: 1, max: 10 })),
        fc.option(fc.record({ a: fc.integer({ min: 0, max: 25 }), d: fc.integer({ min: 1, max: 15 }) })),
        fc.boolean(),
        (groups, n, within, window, startStopFirst) => {
          const data = groups.flatMap((g) => file(g.name, g.first, g.copies, g.first + g.len));
          const ss = window === null ? '' : ` START t'${T(window.a)}' STOP t'${T(window.a + window.d)}'`;
          const w = within === null ? '' : ` WITHIN ${within} SECONDS`;
          const text = startStopFirst
            ? `(${A}${ss}) REPEATS ${n} TIMES${w}`
            : `${A} REPEATS ${n} TIMES${w}${ss}`;
          // brute force: copies are interchangeable, and at most n of them are used (documented)
          const obs = groups.flatMap((g, i) =>
            g.name !== 'a' ||
            (window !== null && !(g.first + g.len >= window.a && g.first < window.a + window.d))
              ? []
              : Array.from({ length: Math.min(g.copies, n) }, (_, c) => ({ g, key: `${2 * i}/${c}` })),
          );
          const expected: string[] = [];
          const pick = (from: number, chosen: typeof obs): void => {
            if (chosen.length === n) {
              const maxFirst = Math.max(...chosen.map((o) => o.g.first));
              const minLast = Math.min(...chosen.map((o) => o.g.first + o.g.len));
              if (within === null || maxFirst - minLast <= within)
                expected.push(JSON.stringify(chosen.map((o) => o.key)));
              return;
            }
            for (let i = from; i < obs.length; i++) pick(i + 1, [...chosen, obs[i] as (typeof obs)[number]]);
          };
          pick(0, []);
          const r = matchPattern(text, data);
          expect(r.matched).toBe(expected.length > 0);
          expect(r.complete).toBe(true);
          const mine = r.bindings.map((b) => JSON.stringify(used(b)));
          expect([...mine].sort()).toEqual([...expected].sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});
