/**
 * `REPEATS n TIMES` over a single observation expression is a counting question: are there n distinct
 * candidate observations (within one `WITHIN` window, if any)? These helpers answer it by counting and
 * then list a bounded number of the bindings, instead of enumerating combinations blindly.
 */

/** One observed-data that satisfies the observation expression: its interval and its observation numbers. */
export interface RepeatGroup {
  /** `first_observed` in milliseconds. */
  readonly first: number;
  /** `last_observed` in milliseconds. */
  readonly last: number;
  /** Observation numbers (one per copy), ascending. */
  readonly members: readonly number[];
}

/** Index of the first element of ascending `xs` that is greater than `v` (binary search). */
function upperBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of ascending `xs` that is at least `v`. */
function lowerBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The window starts (ascending) at which a window of `windowMs` touches the intervals of at least `n`
 * observations. A set of observations fits in one window iff (latest first) − (earliest last) ≤ windowMs,
 * so it is enough to try windows starting at some observation's `last`: the count there is
 * (observations with last ≥ t) − (observations with first > t + windowMs), since first ≤ last.
 * O(g log g) for g groups.
 */
export function repeatWindowStarts(groups: readonly RepeatGroup[], windowMs: number, n: number): number[] {
  const byLast = [...groups].sort((a, b) => a.last - b.last);
  const lasts = byLast.map((g) => g.last);
  const byFirst = [...groups].sort((a, b) => a.first - b.first);
  const firsts = byFirst.map((g) => g.first);
  // suffix sums of copies
  const lastSuffix = new Array<number>(byLast.length + 1).fill(0);
  for (let i = byLast.length - 1; i >= 0; i--)
    lastSuffix[i] = (lastSuffix[i + 1] as number) + (byLast[i] as RepeatGroup).members.length;
  const firstSuffix = new Array<number>(byFirst.length + 1).fill(0);
  for (let i = byFirst.length - 1; i >= 0; i--)
    firstSuffix[i] = (firstSuffix[i + 1] as number) + (byFirst[i] as RepeatGroup).members.length;
  const out: number[] = [];
  for (let i = 0; i < lasts.length; i++) {
    const t = lasts[i] as number;
    if (i > 0 && lasts[i - 1] === t) continue;
    const withLastAtLeast = lastSuffix[lowerBound(lasts, t)] as number;
    const startingAfter = firstSuffix[upperBound(firsts, t + windowMs)] as number;
    if (withLastAtLeast - startingAfter >= n) out.push(t);
  }
  return out;
}

/**
 * Calls `emit` with the n-element combinations (in lexicographic order of positions) of `list` whose first
 * element lies in `list[0 .. headCount)`, until `emit` returns false. Returns false if it was stopped.
 */
export function forEachCombination(
  list: readonly number[],
  n: number,
  headCount: number,
  emit: (combination: number[]) => boolean,
): boolean {
  const k = list.length;
  if (n < 1 || n > k || headCount < 1) return true;
  const idx = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    if ((idx[0] as number) >= headCount) return true;
    if (!emit(idx.map((i) => list[i] as number))) return false;
    let i = n - 1;
    while (i >= 0 && (idx[i] as number) === k - n + i) i--;
    if (i < 0) return true;
    idx[i] = (idx[i] as number) + 1;
    for (let j = i + 1; j < n; j++) idx[j] = (idx[j - 1] as number) + 1;
  }
}

/** Lexicographic order of bindings (arrays of observation numbers). */
export function compareBindings(a: readonly number[], b: readonly number[]): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
