/**
 * Bulk matching of a large buffer of lines, on one thread or on worker threads that share the index and
 * the input through `SharedArrayBuffer` (nothing is copied per line, no string is made for a line that
 * does not match). Node only: exported from `@vigil/matcher/node`.
 */

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { VigilError } from '@vigil/core';
import { scanLines } from './internal/bulk-scan.js';
import { matcherStates } from './internal/matcher-state.js';
import type { ArtifactType, IndicatorMatch, Matcher } from './matcher.js';
import { serializeMatcher } from './serialize.js';

/**
 * Options for {@link matchLines} and {@link BulkMatcher.match}.
 *
 * @example
 * ```ts
 * import type { BulkMatchOptions } from '@vigil/matcher/node';
 *
 * const options: BulkMatchOptions = { type: 'domain' };
 * ```
 */
export interface BulkMatchOptions {
  /**
   * What each line is. `url` and `domain` lines take the byte fast path; other types are decoded and
   * matched line by line.
   * @default 'url'
   */
  readonly type?: ArtifactType;
}

/**
 * Options for {@link createBulkMatcher}.
 *
 * @example
 * ```ts
 * import { createBulkMatcher } from '@vigil/matcher/node';
 *
 * const bulk = await createBulkMatcher(matcher, { workers: 2 });
 * ```
 */
export interface BulkMatcherOptions {
  /**
   * How many worker threads.
   * @default os.availableParallelism()
   */
  readonly workers?: number;
}

/**
 * One matching line of a bulk input.
 *
 * @example
 * ```ts
 * import type { BulkMatch } from '@vigil/matcher/node';
 *
 * const print = (m: BulkMatch) => console.log(m.line, m.value, m.matches.length);
 * ```
 */
export interface BulkMatch {
  /** 1-based line number. */
  readonly line: number;
  /** The line's text (without its line break). */
  readonly value: string;
  /** Every match, as `matcher.match()` returns them. */
  readonly matches: readonly IndicatorMatch[];
}

/**
 * A pool of worker threads sharing one matcher's index.
 *
 * @example
 * ```ts
 * import { createBulkMatcher } from '@vigil/matcher/node';
 *
 * const bulk = await createBulkMatcher(matcher);
 * try {
 *   const hits = await bulk.match(bytes, { type: 'url' });
 * } finally {
 *   await bulk.close();
 * }
 * ```
 */
export interface BulkMatcher {
  /** Number of worker threads. */
  readonly workers: number;
  /**
   * Matches every line of `input` (UTF-8, `\n` or `\r\n` line breaks). Pass bytes backed by a
   * `SharedArrayBuffer` to avoid one copy of the input.
   */
  match(input: Uint8Array, options?: BulkMatchOptions): Promise<BulkMatch[]>;
  /** Stops the workers. */
  close(): Promise<void>;
}

const decoder = new TextDecoder();

function stateOf(matcher: Matcher) {
  const state = matcherStates.get(matcher);
  if (state === undefined) {
    throw new VigilError(
      'INVALID_INPUT',
      'Bulk matching needs a matcher made by createMatcher or loadMatcher.',
    );
  }
  return state;
}

function collect(
  matcher: Matcher,
  bytes: Uint8Array,
  type: ArtifactType,
  lineBase: number,
  candidates: ArrayLike<number>,
  out: BulkMatch[],
): void {
  for (let k = 0; k < candidates.length; k += 3) {
    const value = decoder.decode(bytes.subarray(candidates[k + 1] as number, candidates[k + 2] as number));
    const matches = matcher.match({ type, value });
    if (matches.length > 0) out.push({ line: lineBase + (candidates[k] as number) + 1, value, matches });
  }
}

/**
 * Matches every line of a buffer on the calling thread, through the byte path: lines are scanned as
 * UTF-8 in place and only candidate lines become strings. Results equal calling `matcher.match()` on
 * each line.
 *
 * @param matcher - From `createMatcher` or `loadMatcher`.
 * @param input - UTF-8 lines.
 * @param options - {@link BulkMatchOptions}.
 * @returns The matching lines, in order.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { matchLines } from '@vigil/matcher/node';
 *
 * for (const hit of matchLines(matcher, readFileSync('history-urls.txt'))) console.log(hit.line, hit.value);
 * ```
 */
export function matchLines(matcher: Matcher, input: Uint8Array, options: BulkMatchOptions = {}): BulkMatch[] {
  const type = options.type ?? 'url';
  const state = stateOf(matcher);
  const fast = (type === 'url' || type === 'domain') && matcher.profile === 'default';
  const r = scanLines(state.data, input, 0, input.length, fast);
  const out: BulkMatch[] = [];
  collect(matcher, input, type, 0, r.candidates, out);
  return out;
}

function workerUrl(): { url: URL | string; eval: boolean } {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    // Running from source (tests, tsx): load the TypeScript worker through tsx.
    const target = new URL('./internal/bulk-worker.ts', self).href;
    return {
      url: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(target)}); });`,
      eval: true,
    };
  }
  return {
    url: new URL(self.endsWith('.cjs') ? './bulk-worker.cjs' : './bulk-worker.js', self),
    eval: false,
  };
}

interface WorkerReply {
  id: number;
  lines: number;
  candidates: Float64Array;
}

/**
 * Starts worker threads that share the matcher's index through a `SharedArrayBuffer`; each call splits
 * the input into byte ranges at line breaks, one per worker. Workers send back only candidate lines, so
 * there is no structured clone of strings. The workers do the scanning for `url` and `domain` lines in the
 * `default` profile; for other types, and in the `mvt` profile, every line is matched on the calling
 * thread (as {@link matchLines} would).
 *
 * @param matcher - From `createMatcher` or `loadMatcher`; its profile applies.
 * @param options - {@link BulkMatcherOptions}.
 * @returns A {@link BulkMatcher}; call `close()` when done.
 * @throws {@link @vigil/core!VigilError} `INVALID_INPUT` when `matcher` was not made by this package.
 *
 * @example
 * ```ts
 * import { createMatcher } from '@vigil/matcher';
 * import { createBulkMatcher } from '@vigil/matcher/node';
 *
 * const bulk = await createBulkMatcher(createMatcher(sets), { workers: 2 });
 * const hits = await bulk.match(new TextEncoder().encode('https://a.evil.example/\nhttps://ok.example/\n'));
 * await bulk.close();
 * ```
 */
export async function createBulkMatcher(
  matcher: Matcher,
  options: BulkMatcherOptions = {},
): Promise<BulkMatcher> {
  stateOf(matcher);
  const count = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const bytes = serializeMatcher(matcher);
  const index = new SharedArrayBuffer(bytes.length);
  new Uint8Array(index).set(bytes);
  const { url, eval: isEval } = workerUrl();
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let failure: unknown;
  let closed = false;
  for (let w = 0; w < count; w++) {
    const worker = new Worker(url, { eval: isEval, workerData: { index } });
    worker.on('message', (reply: WorkerReply) => {
      pending.get(reply.id)?.resolve(reply);
      pending.delete(reply.id);
    });
    worker.on('error', (e) => {
      failure = e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
    worker.on('exit', (code) => {
      if (closed) return;
      failure ??= new VigilError('INVALID_INPUT', `A bulk matching worker stopped (exit code ${code}).`);
      for (const p of pending.values()) p.reject(failure);
      pending.clear();
    });
    worker.unref();
    workers.push(worker);
  }

  function run(worker: Worker, job: Omit<WorkerReply, 'lines' | 'candidates'> & Record<string, unknown>) {
    return new Promise<WorkerReply>((resolve, reject) => {
      if (failure !== undefined) {
        reject(failure);
        return;
      }
      // Keep the process alive while a job runs; idle workers do not hold it open.
      worker.ref();
      pending.set(job.id, {
        resolve: (r) => {
          worker.unref();
          resolve(r);
        },
        reject: (e) => {
          worker.unref();
          reject(e);
        },
      });
      worker.postMessage(job);
    });
  }

  return {
    workers: count,
    async match(input: Uint8Array, matchOptions: BulkMatchOptions = {}): Promise<BulkMatch[]> {
      if (closed) throw new VigilError('INVALID_INPUT', 'This bulk matcher is closed.');
      const type = matchOptions.type ?? 'url';
      const fastPath = (type === 'url' || type === 'domain') && matcher.profile === 'default';
      let shared = input;
      if (!(input.buffer instanceof SharedArrayBuffer)) {
        const sab = new SharedArrayBuffer(input.length);
        shared = new Uint8Array(sab);
        shared.set(input);
      }
      const len = shared.length;
      const bounds: number[] = [0];
      for (let w = 1; w < count; w++) {
        let p = Math.max(bounds[w - 1] as number, Math.floor((len * w) / count));
        while (p < len && shared[p - 1] !== 10 && p > 0) p++;
        bounds.push(p);
      }
      bounds.push(len);
      const replies = await Promise.all(
        workers.map((worker, w) =>
          run(worker, {
            id: nextId++,
            input: shared.buffer as SharedArrayBuffer,
            from: shared.byteOffset + (bounds[w] as number),
            to: shared.byteOffset + (bounds[w + 1] as number),
            fastPath,
          }),
        ),
      );
      const out: BulkMatch[] = [];
      const whole = new Uint8Array(shared.buffer);
      let lineBase = 0;
      for (const r of replies) {
        collect(matcher, whole, type, lineBase, r.candidates, out);
        lineBase += r.lines;
      }
      return out;
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
