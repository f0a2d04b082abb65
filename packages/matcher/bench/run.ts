/**
 * `pnpm bench`: Vigil's fast path against @ghostery/adblocker, @gorhill/ubo-core, tldts + Set,
 * new URL() + Set and Set lower bounds, in one process with interleaved rounds. Writes bench/results.json.
 *
 * Environment: BENCH_URLS (URLs per comparison round, default 200000), BENCH_FULL_URLS (default 1000000),
 * BENCH_ROUNDS (default 5), BENCH_SIZES (default 1500,100000,1000000), BENCH_GHOSTERY_1M=1 to include
 * Ghostery at 1M rules (slow to build).
 */

import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { FiltersEngine, Request } from '@ghostery/adblocker';
import { StaticNetFilteringEngine } from '@gorhill/ubo-core';
import { getHostname } from 'tldts';
import { createBulkMatcher, matchLines } from '../src/bulk.js';
import type { Indicator } from '../src/indicator.js';
import { loadList } from '../src/load-list.js';
import { loadStix } from '../src/load-stix.js';
import { createMatcher, type Matcher } from '../src/matcher.js';
import { loadMatcher, serializeMatcher } from '../src/serialize.js';
import { generateIocs, generateUrls, rng, stixBundle, toIndicators, type UrlStream } from './data.js';

const COMPARE_URLS = Number(process.env.BENCH_URLS ?? 200_000);
const FULL_URLS = Number(process.env.BENCH_FULL_URLS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1500,100000,1000000').split(',').map(Number);
const GHOSTERY_1M = process.env.BENCH_GHOSTERY_1M === '1';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
const log = (...a: unknown[]): void => console.log(...a);
/**
 * The clock for single-thread measurements: this process's CPU time (user + system) by default, so time
 * spent descheduled on a busy machine is not counted; BENCH_CLOCK=wall uses wall-clock time instead.
 * The bulk (worker) measurements always use wall-clock time.
 */
const CLOCK = process.env.BENCH_CLOCK === 'wall' ? 'wall' : 'cpu';
const now = (): number => {
  if (CLOCK === 'wall') return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** A full GC before each timed run (`--expose-gc`), so one method's garbage is not collected on another's clock. */
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
/**
 * A full GC, then a pause so V8's background threads (concurrent sweeping after that GC) finish before
 * the clock starts: the CPU clock counts every thread of the process.
 */
const settle = async (): Promise<void> => {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 40));
};

// ---------------------------------------------------------------- helpers for the peers

function normaliseForAdblocker(u: string): string {
  if (/^https?:\/\//i.test(u)) return u;
  if (u.startsWith('//')) return `http:${u}`;
  return `http://${u}`;
}

function suffixWalk(set: Set<string>, host: string): boolean {
  if (set.has(host)) return true;
  let i = host.indexOf('.');
  while (i >= 0) {
    if (set.has(host.slice(i + 1))) return true;
    i = host.indexOf('.', i + 1);
  }
  return false;
}

function urlHost(u: string): string {
  let x: URL;
  try {
    x = new URL(u);
  } catch {
    try {
      x = new URL(`http://${u}`);
    } catch {
      return '';
    }
  }
  let h = x.hostname;
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.startsWith('[')) h = h.slice(1, -1);
  return h;
}

/** Fresh copies (V8 caches a string's hash in the string; lower bounds must pay for hashing). */
const fresh = (xs: string[]): string[] => JSON.parse(JSON.stringify(xs)) as string[];

interface Method {
  readonly name: string;
  /** Prepares per-round inputs outside timing. */
  readonly prepare?: () => void;
  readonly run: () => Uint8Array;
  /** Lower bounds are not expected to be correct. */
  readonly bound?: boolean;
}

interface Gate {
  fp: number;
  fn: number;
}

function gate(hits: Uint8Array, truth: Uint8Array): Gate {
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    if (hits[i] === 1 && truth[i] === 0) fp++;
    else if (hits[i] === 0 && truth[i] === 1) fn++;
  }
  return { fp, fn };
}

// ---------------------------------------------------------------- the URL comparison at one size

let snfe: Awaited<ReturnType<typeof StaticNetFilteringEngine.create>> | undefined;

async function compareAtSize(size: number, iocs: ReturnType<typeof generateIocs>) {
  log(`\n== ${size.toLocaleString('en')} indicators ==`);
  const indicators = toIndicators(iocs, size);
  const values = iocs.values.slice(0, size);
  const stream = generateUrls(FULL_URLS, iocs, size, 42);
  const n = Math.min(COMPARE_URLS, FULL_URLS);
  const urls = stream.urls.slice(0, n);
  const truth = stream.truth.subarray(0, n);
  const adUrls = fresh(urls.map(normaliseForAdblocker));
  const set = new Set(values);

  let t = now();
  const vigil = createMatcher(indicators);
  const vigilBuildMs = now() - t;
  log(`vigil build ${round(vigilBuildMs)} ms`);

  const rules = values.map((v) => `||${v}^`).join('\n');
  let ghostery: FiltersEngine | undefined;
  let ghosteryBuildMs: number | undefined;
  if (size < 1_000_000 || GHOSTERY_1M) {
    t = now();
    ghostery = FiltersEngine.parse(rules, { loadCosmeticFilters: false, debug: false });
    ghosteryBuildMs = now() - t;
    log(`ghostery build ${round(ghosteryBuildMs)} ms`);
  }
  t = now();
  snfe ??= await StaticNetFilteringEngine.create();
  await snfe.useLists([{ name: `iocs-${size}`, raw: rules }]);
  const uboBuildMs = now() - t;
  log(`ubo build ${round(uboBuildMs)} ms`);
  const ubo = snfe;

  // Hosts extracted beforehand (with Vigil's own extractor, checked equal to tldts's below).
  const hostsOnce = urls.map(urlHostForBound);
  let hosts = fresh(hostsOnce);

  const methods: Method[] = [
    {
      name: 'vigil',
      run: () => {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++)
          out[i] = vigil.match({ type: 'url', value: urls[i] as string }).length > 0 ? 1 : 0;
        return out;
      },
    },
    ...(ghostery === undefined
      ? []
      : [
          {
            name: 'ghostery',
            run: () => {
              const out = new Uint8Array(n);
              const g = ghostery as FiltersEngine;
              for (let i = 0; i < n; i++) {
                out[i] = g.match(Request.fromRawDetails({ url: adUrls[i] as string, type: 'script' })).match
                  ? 1
                  : 0;
              }
              return out;
            },
          },
        ]),
    {
      name: 'ubo',
      run: () => {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const u = adUrls[i] as string;
          out[i] = ubo.matchRequest({ originURL: u, url: u, type: 'script' }) !== 0 ? 1 : 0;
        }
        return out;
      },
    },
    {
      name: 'tldts+Set',
      run: () => {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          let h = getHostname(urls[i] as string) ?? '';
          if (h.endsWith('.')) h = h.slice(0, -1);
          out[i] = suffixWalk(set, h) ? 1 : 0;
        }
        return out;
      },
    },
    {
      name: 'URL+Set',
      run: () => {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = suffixWalk(set, urlHost(urls[i] as string)) ? 1 : 0;
        return out;
      },
    },
    {
      name: 'Set walk (hosts given)',
      prepare: () => {
        hosts = fresh(hostsOnce);
      },
      run: () => {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = suffixWalk(set, hosts[i] as string) ? 1 : 0;
        return out;
      },
    },
    {
      name: 'Set.has (hosts given)',
      bound: true,
      prepare: () => {
        hosts = fresh(hostsOnce);
      },
      run: () => {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = set.has(hosts[i] as string) ? 1 : 0;
        return out;
      },
    },
  ];

  // Correctness gate first.
  const correctness: Record<string, Gate> = {};
  for (const m of methods) {
    m.prepare?.();
    correctness[m.name] = gate(m.run(), truth);
  }
  log('correctness (FP/FN):', JSON.stringify(correctness));

  // Interleaved rounds, rotating the order.
  const times: Record<string, number[]> = Object.fromEntries(methods.map((m) => [m.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < methods.length; k++) {
      const m = methods[(k + r) % methods.length] as Method;
      m.prepare?.();
      await settle();
      const t0 = now();
      m.run();
      (times[m.name] as number[]).push(now() - t0);
    }
  }
  const result: Record<string, unknown> = {};
  const vt = times.vigil as number[];
  for (const m of methods) {
    const ts = times[m.name] as number[];
    const ratios = ts.map((x, r) => x / (vt[r] as number));
    result[m.name] = {
      urlsPerSecond: Math.round(n / (median(ts) / 1000)),
      nsPerUrl: round((median(ts) * 1e6) / n, 1),
      ratioVsVigil: round(median(ratios)),
      ratiosPerRound: ratios.map((x) => round(x)),
      ...(correctness[m.name] as Gate),
      ...(m.bound === true ? { lowerBound: true } : {}),
    };
    log(
      `${m.name.padEnd(24)} ${String(Math.round(n / (median(ts) / 1000))).padStart(10)} URL/s  ${String(round((median(ts) * 1e6) / n, 1)).padStart(7)} ns/URL  ×${round(median(ratios))} vs vigil`,
    );
  }

  // Vigil alone on the full URL stream.
  const full: number[] = [];
  let fullHits = 0;
  for (let r = 0; r < 3; r++) {
    await settle();
    const t0 = now();
    let hits = 0;
    for (const u of stream.urls) if (vigil.match({ type: 'url', value: u }).length > 0) hits++;
    full.push(now() - t0);
    fullHits = hits;
  }
  const fullGate = { fp: 0, fn: 0 };
  {
    let truthHits = 0;
    for (const x of stream.truth) truthHits += x;
    if (truthHits !== fullHits) fullGate.fn = Math.abs(truthHits - fullHits);
  }
  log(
    `vigil on ${FULL_URLS.toLocaleString('en')} URLs: ${Math.round(FULL_URLS / (median(full) / 1000))} URL/s`,
  );

  return {
    indicators: size,
    urlsPerRound: n,
    rounds: ROUNDS,
    buildMs: {
      vigil: round(vigilBuildMs),
      ...(ghosteryBuildMs === undefined ? {} : { ghostery: round(ghosteryBuildMs) }),
      ubo: round(uboBuildMs),
    },
    methods: result,
    vigilFullStream: {
      urls: FULL_URLS,
      urlsPerSecond: Math.round(FULL_URLS / (median(full) / 1000)),
      hits: fullHits,
      hitCountMatchesTruth: fullGate.fn === 0,
    },
    vigil,
    stream,
  };
}

function urlHostForBound(u: string): string {
  let h = getHostname(u) ?? '';
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

// ---------------------------------------------------------------- other measurements

async function buildAndLoad() {
  const out: Record<string, unknown> = {};
  for (const size of SIZES.filter((s) => s >= 100_000)) {
    // Its own indicators, so the heap holds only what this measurement needs.
    const iocs = generateIocs(size, 1);
    const list = `${iocs.values.join('\n')}\n`;
    const listTimes: number[] = [];
    const buildTimes: number[] = [];
    let matcher: Matcher | undefined;
    // Five rounds, each after a full GC (the previous round's index is garbage by then): the median, and
    // the first round (code not yet optimised by the JIT) reported beside it.
    for (let r = 0; r < 5; r++) {
      matcher = undefined;
      await settle();
      const t0 = now();
      const set = loadList(list, { file: 'bench.txt' });
      const t1 = now();
      matcher = createMatcher([set]);
      const t2 = now();
      listTimes.push(t2 - t0);
      buildTimes.push(t2 - t1);
      if (set.indicators.length !== size)
        throw new Error(`list loader kept ${set.indicators.length} of ${size}`);
    }
    const m = matcher as Matcher;
    const bytes = serializeMatcher(m);
    const loadTimes: number[] = [];
    for (let r = 0; r < 20; r++) {
      // The same bytes every time (loading does not modify them): copying 40 MB per round would let
      // external-memory GC pauses land inside the timed region.
      const t0 = now();
      const loaded = loadMatcher(bytes);
      const hit = loaded.match({ type: 'url', value: `https://x.${iocs.values[0]}/` });
      loadTimes.push(now() - t0);
      if (hit.length === 0) throw new Error('loaded matcher missed');
    }
    const per100k = 100_000 / size;
    out[String(size)] = {
      listToMatcherMsPer100k: round(median(listTimes) * per100k),
      listToMatcherFirstRoundMsPer100k: round((listTimes[0] as number) * per100k),
      createMatcherMsPer100k: round(median(buildTimes) * per100k),
      serializedBytes: bytes.length,
      serializedBytesPerIndicator: round(bytes.length / size, 1),
      loadToFirstMatchMs: round(median(loadTimes), 3),
    };
    log(`build/serialize at ${size}:`, JSON.stringify(out[String(size)]));
  }
  return out;
}

async function stixToIndex() {
  const size = 100_000;
  const text = stixBundle(generateIocs(size, 1), size);
  const times: number[] = [];
  const parseTimes: number[] = [];
  const loadTimes: number[] = [];
  const buildTimes: number[] = [];
  for (let r = 0; r < 5; r++) {
    // A full GC before each timed part: the bare parse leaves some 300 MB of garbage, whose collection
    // must not land on loadStix's clock (the CPU clock counts the GC's helper threads too).
    await settle();
    const t0 = now();
    JSON.parse(text);
    const parseMs = now() - t0;
    await settle();
    const t1 = now();
    const set = loadStix(text, { file: 'bench.stix2' });
    const t2 = now();
    const m = createMatcher([set]);
    const t3 = now();
    parseTimes.push(parseMs);
    loadTimes.push(t2 - t1);
    buildTimes.push(t3 - t2);
    times.push(t3 - t1);
    if (set.indicators.length !== size || m.diagnostics.length !== 0) {
      throw new Error(`STIX: ${set.indicators.length} indicators, ${set.diagnostics.length} diagnostics`);
    }
  }
  const r = {
    indicators: size,
    bundleBytes: text.length,
    ms: round(median(times)),
    loadStixMs: round(median(loadTimes)),
    createMatcherMs: round(median(buildTimes)),
    bareJsonParseMs: round(median(parseTimes)),
  };
  log('STIX bundle to index:', JSON.stringify(r));
  return r;
}

async function bulk(vigil: Matcher, stream: UrlStream) {
  const text = `${stream.urls.join('\n')}\n`;
  const plain = new TextEncoder().encode(text);
  const input = new Uint8Array(new SharedArrayBuffer(plain.length));
  input.set(plain);
  let truthHits = 0;
  for (const x of stream.truth) truthHits += x;
  const pool = await createBulkMatcher(vigil, { workers: 2 });
  const one: number[] = [];
  const two: number[] = [];
  const strings: number[] = [];
  // Process CPU time (all threads) of each: tells parallel work from a machine that gives this process
  // no more than one core's share however many threads it runs.
  const oneCpu: number[] = [];
  const twoCpu: number[] = [];
  let hitsOne = 0;
  let hitsTwo = 0;
  for (let r = 0; r < 5; r++) {
    await settle();
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    hitsOne = matchLines(vigil, input).length;
    one.push(performance.now() - t0);
    let c1 = process.cpuUsage(c0);
    oneCpu.push((c1.user + c1.system) / 1000);
    await settle();
    c0 = process.cpuUsage();
    t0 = performance.now();
    hitsTwo = (await pool.match(input)).length;
    two.push(performance.now() - t0);
    c1 = process.cpuUsage(c0);
    twoCpu.push((c1.user + c1.system) / 1000);
    await settle();
    t0 = performance.now();
    let h = 0;
    for (const u of stream.urls) if (vigil.match({ type: 'url', value: u }).length > 0) h++;
    strings.push(performance.now() - t0);
    if (h !== truthHits) throw new Error(`string path found ${h} hits, truth ${truthHits}`);
  }
  await pool.close();
  const ratios = one.map((x, r) => x / (two[r] as number));
  const r = {
    lines: stream.urls.length,
    bytes: input.length,
    oneThreadBytePathLinesPerSecond: Math.round(stream.urls.length / (median(one) / 1000)),
    twoWorkersLinesPerSecond: Math.round(stream.urls.length / (median(two) / 1000)),
    stringPathLinesPerSecond: Math.round(stream.urls.length / (median(strings) / 1000)),
    speedUp2Workers: round(median(ratios)),
    oneThreadCpuMs: round(median(oneCpu)),
    twoWorkersCpuMs: round(median(twoCpu)),
    twoWorkersCpuPerWallSecond: round(median(twoCpu.map((c, k) => c / (two[k] as number)))),
    speedUpPerRound: ratios.map((x) => round(x)),
    hitsMatchTruth: hitsOne === truthHits && hitsTwo === truthHits,
  };
  log('bulk:', JSON.stringify(r));
  return r;
}

async function otherTypes() {
  const size = 100_000;
  const probes = 1_000_000;
  const r = rng(7);
  const hex = (len: number) => {
    let s = '';
    for (let i = 0; i < len; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
    return s;
  };
  const word = () => `${Math.floor(r() * 36 ** 4).toString(36)}${Math.floor(r() * 36 ** 4).toString(36)}`;
  const source = { format: 'list', sha256: '0'.repeat(64) } as const;
  const mk = (type: Indicator['type'], value: string, i: number): Indicator => ({
    type,
    value,
    raw: value,
    provenance: { source, location: { line: i + 1 }, indicates: [], revoked: false },
  });
  type Case = {
    iocs: Indicator[];
    probes: { type: 'hash' | 'app-id' | 'email' | 'process-name'; value: string }[];
    expected: number;
  };
  // Each case is generated just before it is measured and dropped after, so the heap under each
  // measurement holds one case, not four (a larger heap keeps the GC busier on the CPU clock).
  const cases: Record<string, () => Case> = {};
  const build = (
    name: string,
    type: 'hash' | 'app-id' | 'email' | 'process-name',
    gen: (i: number) => string,
    observe: (v: string) => string,
    miss: () => string,
  ) => {
    cases[name] = () => {
      const values: string[] = [];
      for (let i = 0; i < size; i++) values.push(gen(i));
      const iocs = values.map((v, i) => mk(type, v, i));
      const ps: { type: typeof type; value: string }[] = [];
      let expected = 0;
      for (let i = 0; i < probes; i++) {
        if (i % 100 === 11) {
          ps.push({ type, value: observe(values[Math.floor(r() * size)] as string) });
          expected++;
        } else ps.push({ type, value: miss() });
      }
      return { iocs, probes: JSON.parse(JSON.stringify(ps)), expected };
    };
  };
  const lens = [32, 40, 64];
  const mixedCase = (v: string) => (r() < 0.5 ? v.toUpperCase() : v);
  build(
    'hash',
    'hash',
    () => hex(lens[Math.floor(r() * 3)] as number),
    mixedCase,
    () => mixedCase(hex(lens[Math.floor(r() * 3)] as number)),
  );
  build(
    'app-id',
    'app-id',
    () => `com.${word()}.${word()}`,
    mixedCase,
    () => `org.${word()}.${word()}`,
  );
  build(
    'email',
    'email',
    () => `${word()}@${word()}.example`,
    mixedCase,
    () => `${word()}@${word()}.test`,
  );
  // Process names: long names are observed truncated to 16 (iOS) or 15 (Android) bytes.
  build(
    'process-name',
    'process-name',
    () => `${word()}${r() < 0.3 ? `.${word()}.${word()}` : ''}`,
    (v) => (v.length > 16 ? v.slice(0, r() < 0.5 ? 16 : 15) : v),
    () => `Z${word()}`,
  );
  const out: Record<string, unknown> = {};
  // Two layouts of the same probes, both freshly parsed (V8 has no cached string hash for them):
  // - streamed: chunks of 10k objects parsed just before they are matched, as a reader of JSON lines or a
  //   database cursor hands them over; the chunk is in cache, as it would be. Only matching is timed.
  // - cold: all 1M objects parsed up front into one array (about 100 MB), so that most of the time is
  //   spent waiting for memory, for every method alike.
  const CHUNK = 10_000;
  for (const [name, make] of Object.entries(cases)) {
    const c = make();
    const m = createMatcher(c.iocs);
    // Baseline: a Set of the normalised values, probed with the observed value normalised the same way
    // (lower case, except process names; it knows nothing of truncated process names).
    const lower = name !== 'process-name';
    const set = new Set(c.iocs.map((i) => i.value));
    type Probe = (typeof c.probes)[number];
    const vigilRun = (ps: Probe[]): number => {
      let hits = 0;
      for (const p of ps) if (m.match(p).length > 0) hits++;
      return hits;
    };
    const setRun = (ps: Probe[]): number => {
      let hits = 0;
      for (const p of ps) if (set.has(lower ? p.value.toLowerCase() : p.value)) hits++;
      return hits;
    };
    const chunks: string[] = [];
    for (let i = 0; i < c.probes.length; i += CHUNK)
      chunks.push(JSON.stringify(c.probes.slice(i, i + CHUNK)));
    const streamed = (run: (ps: Probe[]) => number): { ms: number; hits: number } => {
      let ms = 0;
      let hits = 0;
      for (const chunk of chunks) {
        const ps = JSON.parse(chunk) as Probe[];
        const t0 = now();
        hits += run(ps);
        ms += now() - t0;
      }
      return { ms, hits };
    };
    const times: number[] = [];
    const baseTimes: number[] = [];
    const coldTimes: number[] = [];
    const coldBaseTimes: number[] = [];
    let hits = 0;
    for (let k = 0; k < 5; k++) {
      await settle();
      const v = streamed(vigilRun);
      times.push(v.ms);
      hits = v.hits;
      await settle();
      baseTimes.push(streamed(setRun).ms);
      let probesFresh = JSON.parse(JSON.stringify(c.probes)) as Probe[];
      await settle();
      let t0 = now();
      if (vigilRun(probesFresh) !== hits) throw new Error(`${name}: cold and streamed hits differ`);
      coldTimes.push(now() - t0);
      probesFresh = JSON.parse(JSON.stringify(c.probes)) as Probe[];
      await settle();
      t0 = now();
      setRun(probesFresh);
      coldBaseTimes.push(now() - t0);
    }
    const ratios = times.map((x, k) => (baseTimes[k] as number) / x);
    out[name] = {
      indicators: size,
      checks: probes,
      chunk: CHUNK,
      checksPerSecond: Math.round(probes / (median(times) / 1000)),
      setBaselineChecksPerSecond: Math.round(probes / (median(baseTimes) / 1000)),
      speedVsSetBaseline: round(median(ratios)),
      coldArrayChecksPerSecond: Math.round(probes / (median(coldTimes) / 1000)),
      coldArraySetBaselineChecksPerSecond: Math.round(probes / (median(coldBaseTimes) / 1000)),
      hits,
      expectedAtLeast: c.expected,
    };
    log(`${name}:`, JSON.stringify(out[name]));
  }
  return out;
}

// ---------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  const loadAtStart = loadavg().map((x) => round(x));
  log(
    `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), parallelism ${availableParallelism()}`,
  );
  log(
    `URLs per comparison round ${COMPARE_URLS}, full stream ${FULL_URLS}, rounds ${ROUNDS}, sizes ${SIZES.join(', ')}`,
  );
  // Building, loading and the other artifact types first, each with its own data in a small heap: the URL
  // sections keep 1M generated indicators and 1M-URL streams alive (over 1 GB), and every major GC then
  // marks all of it, on the CPU clock of whatever is being timed. A tool loading a list or checking
  // hashes does not carry such a heap.
  const types = await otherTypes();
  const build = await buildAndLoad();
  const stix = SIZES.includes(100_000) ? await stixToIndex() : undefined;
  const maxSize = Math.max(...SIZES);
  const iocs = generateIocs(maxSize, 1);
  const sizes: unknown[] = [];
  let bulkResult: unknown;
  for (const size of SIZES) {
    const r = await compareAtSize(size, iocs);
    const { vigil, stream, ...rest } = r;
    sizes.push(rest);
    if (size === 100_000) bulkResult = await bulk(vigil, stream);
  }
  const results = {
    generatedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      parallelism: availableParallelism(),
      // 1/5/15-minute load averages: other processes on the machine slow every method, and Vigil's
      // cache-bound probes more than most.
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg().map((x) => round(x)),
    },
    settings: {
      clock: CLOCK,
      compareUrls: COMPARE_URLS,
      fullUrls: FULL_URLS,
      rounds: ROUNDS,
      sizes: SIZES,
      ghostery1M: GHOSTERY_1M,
    },
    urlMatching: sizes,
    build,
    stixToIndex: stix,
    bulk: bulkResult,
    otherTypes: types,
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  log(`\nwrote bench/results.json in ${results.totalSeconds} s`);
}

await main();
