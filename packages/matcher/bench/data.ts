/**
 * Seeded generators for the benchmark: domain indicator sets and URL streams with a known ground truth.
 * Everything is synthetic (made-up labels); nothing is downloaded.
 */

import type { Indicator } from '../src/indicator.js';

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  'ka lo mi ne ru sa to vi ze qu ar el on ix ul ba de fi go hu ja ke li mo nu pa ri so tu vo wy xa yo zu'.split(
    ' ',
  );
// Shared dictionary tokens, as in real IOC sets (they make token-bucket engines degrade).
const WORDS =
  'secure login news cdn update cloud mail app track sync api web data static info service portal account verify media'.split(
    ' ',
  );
const TLDS = 'com net org info io xyz top ru de co biz online site club live'.split(' ');

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function label(r: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    parts.push(
      r() < 0.35
        ? pick(r, WORDS)
        : `${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}${r() < 0.5 ? pick(r, SYLLABLES) : ''}`,
    );
  }
  let s = parts.join(r() < 0.5 ? '-' : '');
  if (r() < 0.3) s += Math.floor(r() * 1000);
  return s;
}

export interface IocSet {
  /** Domain and IP values, normalised, unique. */
  readonly values: string[];
  /** Which values are IPs. */
  readonly isIp: boolean[];
  /** Every registrable domain under which an indicator lies (misses avoid these). */
  readonly registrables: Set<string>;
}

/** `n` indicators: 80% registrable domains, 20% FQDNs below them, 0.5% IPv4. */
export function generateIocs(n: number, seed: number): IocSet {
  const r = rng(seed);
  const values: string[] = [];
  const isIp: boolean[] = [];
  const seen = new Set<string>();
  const registrables = new Set<string>();
  while (values.length < n) {
    let v: string;
    let ip = false;
    const x = r();
    if (x < 0.005) {
      v = `${11 + Math.floor(r() * 89)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
      ip = true;
    } else {
      const reg = `${label(r)}.${pick(r, TLDS)}`;
      v = x < 0.2 ? `${r() < 0.5 ? pick(r, WORDS) : label(r)}.${reg}` : reg;
      if (seen.has(v)) continue;
      registrables.add(reg);
    }
    if (seen.has(v)) continue;
    seen.add(v);
    values.push(v);
    isIp.push(ip);
  }
  return { values, isIp, registrables };
}

const source = { format: 'list', sha256: '0'.repeat(64), file: 'bench.txt' } as const;

export function toIndicators(set: IocSet, count: number): Indicator[] {
  const out: Indicator[] = [];
  for (let i = 0; i < count; i++) {
    const value = set.values[i] as string;
    out.push({
      type: set.isIp[i] ? 'ip' : 'domain',
      value,
      raw: value,
      provenance: { source, location: { line: i + 1 }, indicates: [], revoked: false },
    });
  }
  return out;
}

export interface UrlStream {
  readonly urls: string[];
  /** Ground truth: 1 when the URL's host is an indicator or below one. */
  readonly truth: Uint8Array;
}

function path(r: () => number): string {
  let p = '';
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) p += `/${label(r)}`;
  if (r() < 0.3) p += `?id=${Math.floor(r() * 1e6)}&q=${pick(r, WORDS)}`;
  return p === '' ? '/' : p;
}

function decorate(r: () => number, host: string, isIp: boolean): string {
  const h = r() < 0.02 && !isIp ? host.toUpperCase() : host;
  const dot = r() < 0.005 && !isIp ? '.' : '';
  const x = r();
  if (x < 0.03) return `${h}${dot}${path(r)}`; // scheme-less
  if (x < 0.05) return `${h}${dot}:${8000 + Math.floor(r() * 100)}${path(r)}`; // scheme-less with a port
  const scheme = x < 0.25 ? 'http://' : 'https://';
  const user = r() < 0.01 ? 'user@' : '';
  const port = r() < 0.05 ? `:${8000 + Math.floor(r() * 100)}` : '';
  return `${scheme}${user}${h}${dot}${port}${path(r)}`;
}

/**
 * `n` URLs: about 1% true hits against the first `iocCount` indicators of `set` (half at the indicator's
 * own host, half at a subdomain), the rest on hosts whose registrable domain is no indicator's.
 * Misses are the same for every `iocCount` (same seed), so streams differ only in their hits.
 */
export function generateUrls(n: number, set: IocSet, iocCount: number, seed: number): UrlStream {
  const rm = rng(seed);
  const rh = rng(seed ^ 0x5bd1e995 ^ iocCount);
  const urls: string[] = new Array(n);
  const truth = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // Draw the miss first so the miss stream does not depend on the hits.
    let host: string;
    let ip = false;
    if (rm() < 0.005) {
      host = `${100 + Math.floor(rm() * 100)}.${Math.floor(rm() * 256)}.${Math.floor(rm() * 256)}.${Math.floor(rm() * 256)}`;
      ip = true;
    } else {
      let reg: string;
      do reg = `${label(rm)}.${pick(rm, TLDS)}`;
      while (set.registrables.has(reg));
      const sub = rm();
      host = sub < 0.4 ? `www.${reg}` : sub < 0.7 ? `${label(rm)}.${reg}` : reg;
    }
    if (i % 100 === 37) {
      const k = Math.floor(rh() * iocCount);
      const ioc = set.values[k] as string;
      ip = set.isIp[k] === true;
      host = ip || i % 200 === 37 ? ioc : `${rh() < 0.5 ? 'www' : label(rh)}.${ioc}`;
      truth[i] = 1;
    }
    urls[i] = decorate(rm, host, ip);
  }
  // Flat, independent strings, as from JSON.parse or a database row.
  return { urls: JSON.parse(JSON.stringify(urls)) as string[], truth };
}

/** A STIX 2.1 bundle in the shape of MVT-style files: 1 malware, N indicators, N `indicates` relationships. */
export function stixBundle(set: IocSet, count: number): string {
  const objects: unknown[] = [];
  const malware = 'malware--00000000-0000-4000-8000-000000000000';
  objects.push({
    type: 'malware',
    spec_version: '2.1',
    id: malware,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: 'Example spyware',
    is_family: false,
  });
  for (let i = 0; i < count; i++) {
    const id = `indicator--${hex8(i)}-0000-4000-8000-${hex8(i)}0000`;
    const v = set.values[i] as string;
    objects.push({
      type: 'indicator',
      spec_version: '2.1',
      id,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      indicator_types: ['malicious-activity'],
      pattern: set.isIp[i] ? `[ipv4-addr:value = '${v}']` : `[domain-name:value = '${v}']`,
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
    });
    objects.push({
      type: 'relationship',
      spec_version: '2.1',
      id: `relationship--${hex8(i)}-1111-4000-8000-${hex8(i)}0000`,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      relationship_type: 'indicates',
      source_ref: id,
      target_ref: malware,
    });
  }
  return JSON.stringify(
    { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects },
    null,
    2,
  );
}

function hex8(i: number): string {
  return i.toString(16).padStart(8, '0');
}
