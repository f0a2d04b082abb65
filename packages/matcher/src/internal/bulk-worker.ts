/**
 * Worker side of `createBulkMatcher`: loads the index from shared memory once, then scans byte ranges of
 * shared input and posts back only the candidate lines.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { loadMatcher } from '../serialize.js';
import { scanLines } from './bulk-scan.js';
import { matcherStates } from './matcher-state.js';

interface Job {
  readonly id: number;
  readonly input: SharedArrayBuffer | ArrayBuffer;
  readonly from: number;
  readonly to: number;
  readonly fastPath: boolean;
}

const { index } = workerData as { index: SharedArrayBuffer };
const matcher = loadMatcher(new Uint8Array(index));
const state = matcherStates.get(matcher);

parentPort?.on('message', (job: Job) => {
  if (state === undefined) return;
  const bytes = new Uint8Array(job.input);
  const r = scanLines(state.data, bytes, job.from, job.to, job.fastPath);
  parentPort?.postMessage({ id: job.id, lines: r.lines, candidates: Float64Array.from(r.candidates) });
});
