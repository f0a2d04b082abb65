import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareBindings,
  forEachCombination,
  type RepeatGroup,
  repeatWindowStarts,
} from './pattern-repeats.js';

const groupArb = fc
  .record({
    first: fc.integer({ min: 0, max: 30 }),
    len: fc.integer({ min: 0, max: 10 }),
    copies: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ first, len, copies }) => ({ first, last: first + len, copies }));

describe('repeatWindowStarts', () => {
  it('finds exactly the window starts (at some last) where at least n observations touch the window', () => {
    fc.assert(
      fc.property(
        fc.array(groupArb, { maxLength: 8 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (gs, w, n) => {
          let next = 0;
          const groups: RepeatGroup[] = gs.map((g) => ({
            first: g.first,
            last: g.last,
            members: Array.from({ length: g.copies }, () => next++),
          }));
          const expected = [...new Set(groups.map((g) => g.last))]
            .sort((a, b) => a - b)
            .filter(
              (t) =>
                groups
                  .filter((g) => g.last >= t && g.first <= t + w)
                  .reduce((a, g) => a + g.members.length, 0) >= n,
            );
          expect(repeatWindowStarts(groups, w, n)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('forEachCombination', () => {
  it('lists the n-combinations in lexicographic order, only those starting in the head, and stops when told', () => {
    const all: number[][] = [];
    forEachCombination([10, 20, 30, 40], 2, 2, (c) => {
      all.push(c);
      return true;
    });
    expect(all).toEqual([
      [10, 20],
      [10, 30],
      [10, 40],
      [20, 30],
      [20, 40],
    ]);
    const some: number[][] = [];
    expect(forEachCombination([1, 2, 3, 4, 5], 3, 5, (c) => some.push(c) < 2)).toBe(false);
    expect(some).toEqual([
      [1, 2, 3],
      [1, 2, 4],
    ]);
    expect(forEachCombination([1, 2], 3, 2, () => expect.unreachable())).toBe(true);
    expect(
      [
        [1, 3],
        [1, 2, 9],
        [0, 5],
      ].sort(compareBindings),
    ).toEqual([
      [0, 5],
      [1, 2, 9],
      [1, 3],
    ]);
  });
});
