/**
 * The compiled index behind `createMatcher`: every indicator's match key as UTF-8 bytes, and one
 * open-addressing hash table (a `Uint32Array` of indicator ids) over typed arrays. No JS object per
 * indicator is needed to match, so the index serialises to bytes and loads as zero-copy views.
 */

import {
  HOST_BRACKETS,
  HOST_SLOW,
  HOST_UPPER,
  hostSpan,
  scanHost,
  slowHostToAscii,
  stripTabsAndNewlines,
} from '../host.js';
import type { Diagnostic, Indicator, IndicatorType } from '../indicator.js';
import { formatIpBytes, parseCidr, parseHostIpv4, parseIpSpan } from '../ip.js';
import { normalizeIndicatorValue } from '../normalize.js';
import { utf8Length } from './utf8-length.js';

/** Kind codes stored per indicator (one byte). */
export const K_DOMAIN = 0;
export const K_URL = 1;
export const K_IP = 2;
export const K_EMAIL = 3;
export const K_PROCESS = 4;
export const K_FILE_NAME = 5;
export const K_FILE_PATH = 6;
export const K_HASH = 7;
export const K_APP_ID = 8;
export const K_APP_CERT = 9;
export const K_PROFILE = 10;
export const K_PROPERTY = 11;
export const K_NONE = 255;

/** Hash namespaces beyond the kinds: process-name prefixes of 15 and 16 bytes. */
export const NS_PROC15 = 20;
export const NS_PROC16 = 21;

const FNV_PRIME = 0x01000193;

export function seedOf(ns: number): number {
  return (0x811c9dc5 ^ Math.imul(ns + 1, 0x9e3779b1)) | 0;
}

export const SEED_DOMAIN = seedOf(K_DOMAIN);

export function step(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

export function fmix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashBytes(ns: number, b: Uint8Array, start: number, end: number): number {
  let h = seedOf(ns);
  for (let i = start; i < end; i++) h = step(h, b[i] as number);
  return fmix(h);
}

/**
 * Domain keys: each label is hashed forward (FNV-1a over lower-case bytes, from {@link LABEL_SEED}), and
 * the label hashes are combined right to left with {@link combineLabel}. One left-to-right pass over a
 * host therefore yields the key of every label suffix (`c`, `b.c`, `a.b.c`) in O(labels).
 */
export const LABEL_SEED = SEED_DOMAIN;

export function combineLabel(key: number, labelHash: number): number {
  return Math.imul(key ^ labelHash, 0x9e3779b1) ^ 0x7f4a7c15;
}

/** The (unmixed) key of the domain `b[start, end)`; apply {@link fmix} before probing. */
export function domainKeyBytes(b: Uint8Array, start: number, end: number): number {
  let key = SEED_DOMAIN;
  let labelEnd = end;
  for (let i = end - 1; i >= start - 1; i--) {
    if (i < start || b[i] === 46) {
      let h = LABEL_SEED;
      for (let j = i + 1; j < labelEnd; j++) h = step(h, b[j] as number);
      key = combineLabel(key, h);
      labelEnd = i;
    }
  }
  return key;
}

/**
 * Copies `v` into `b` at `at` if it is a plain ASCII domain (what {@link isPlainAsciiDomain} accepts),
 * writing each label's hash (as {@link domainKeyBytes} computes it) to `labelHashes`.
 *
 * @returns The number of labels, or 0 (having written nothing that counts) when `v` is not such a domain
 * or has more labels than `labelHashes` holds.
 */
function copyPlainDomain(v: string, b: Uint8Array, at: number, labelHashes: Int32Array): number {
  const n = v.length;
  if (n === 0 || n > 253) return 0;
  let labels = 0;
  let h = LABEL_SEED;
  let labelStart = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) {
      if (i === labelStart || labels + 1 >= labelHashes.length) return 0;
      labelHashes[labels++] = h;
      h = LABEL_SEED;
      labelStart = i + 1;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95) {
      h = step(h, c);
    } else return 0;
    b[at + i] = c;
  }
  const last = v.charCodeAt(n - 1);
  if (labels === 0 || labelStart === n || last < 97 || last > 122) return 0;
  labelHashes[labels++] = h;
  return labels;
}

/** What the index knows beyond its arrays. Serialised as JSON in the header. */
export interface IndexMeta {
  /** Fewest labels of any domain indicator: shorter host suffixes are not probed. */
  minDomainLabels: number;
  urlCount: number;
  /** Distinct CIDR prefix lengths present, per IP version. */
  ip4Prefixes: number[];
  ip6Prefixes: number[];
  /** Some file-path indicator is relative (matched at any `/` boundary, as a suffix). */
  relativePaths: boolean;
  /** Counts per kind code, for statistics. */
  kindCounts: number[];
  /** Bits of a table slot holding the indicator id + 1; the bits above hold a key fingerprint. */
  idBits: number;
  /**
   * Size in bits of the domain filter ({@link DomainFilter}); absent in an index that has none stored
   * (the matcher then builds one from the key text).
   */
  domainFilterBits?: number;
}

/** The mask of the id bits of a table slot. */
export function idMaskOf(idBits: number): number {
  return idBits >= 32 ? -1 : (1 << idBits) - 1;
}

/** The arrays of a compiled index. */
export interface IndexData {
  readonly count: number;
  /** Kind code per indicator; `K_NONE` when it could not be indexed. */
  readonly kinds: Uint8Array;
  /** `count + 1` offsets into `text`. */
  readonly textOffsets: Uint32Array;
  /** Match keys, UTF-8. */
  readonly text: Uint8Array;
  /** Open-addressing table: indicator id + 1, 0 for an empty slot. Size is a power of two. */
  readonly slots: Uint32Array;
  readonly meta: IndexMeta;
  /** The {@link DomainFilter}'s words, when stored or built with the index. */
  readonly domainFilter?: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The normalised value and match key of one indicator. */
interface Keyed {
  kind: number;
  /** The bytes the table compares with (the key text). */
  text: string;
  /** Hash inputs: [namespace, start, end] over the UTF-8 of `text`; ns -1 = reverse domain hash. */
  extra?: 'proc' | 'url';
  /** For URL indicators: byte length of the host at the start of `text`. */
  hostLength?: number;
  ipVersion?: 4 | 6;
  prefix?: number;
  relative?: boolean;
}

function isPlainAsciiDomain(v: string): boolean {
  if (v.length === 0 || v.length > 253) return false;
  let dot = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) {
      if (i === 0 || i === v.length - 1 || v.charCodeAt(i - 1) === 46) return false;
      dot = true;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95)) return false;
  }
  if (!dot) return false;
  const last = v.charCodeAt(v.length - 1);
  return last >= 97 && last <= 122;
}

/** @internal The URL match key: host (ASCII, lower case; IP canonical, IPv6 in brackets), port unless 80/443, path and query. */
export function urlKey(input: string): { key: string; hostLength: number } | undefined {
  const url = stripTabsAndNewlines(input);
  const flags = scanHost(url);
  if (flags < 0) return undefined;
  const start = hostSpan[0] as number;
  const end = hostSpan[1] as number;
  const authorityEnd = hostSpan[3] as number;
  let host: string;
  if ((flags & HOST_BRACKETS) !== 0) {
    const ip = parseIpSpan(url, start, end);
    if (ip === undefined) return undefined;
    host = `[${ip.text}]`;
  } else {
    host = url.slice(start, end);
    if ((flags & HOST_SLOW) !== 0) host = slowHostToAscii(host);
    else if ((flags & HOST_UPPER) !== 0) host = host.toLowerCase();
    const v4 = parseHostIpv4(host, 0, host.length);
    if (v4 === null) return undefined;
    if (v4 !== undefined) host = formatIpBytes(v4);
  }
  // Port: between the host (or ']') and the end of the authority.
  let port = '';
  const afterHost = (flags & HOST_BRACKETS) !== 0 ? end + 1 : end;
  let p = afterHost;
  if (url.charCodeAt(p) === 46) p++;
  if (url.charCodeAt(p) === 58) {
    port = url.slice(p + 1, authorityEnd).replace(/^0+(?=\d)/, '');
    if (port === '80' || port === '443') port = '';
  }
  let rest = url.slice(authorityEnd);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  rest = rest.trimEnd();
  if (!rest.startsWith('/')) rest = `/${rest}`;
  const hostPort = port === '' ? host : `${host}:${port}`;
  return { key: `${hostPort}${rest}`, hostLength: utf8Length(host) };
}

function keyOf(ind: Indicator, diagnostics: Diagnostic[]): Keyed | undefined {
  let type: IndicatorType = ind.type;
  let value = ind.value;
  if (!(type === 'domain' && isPlainAsciiDomain(value))) {
    const r = normalizeIndicatorValue(
      type,
      value,
      ind.hashAlgorithm === undefined ? {} : { hashAlgorithm: ind.hashAlgorithm },
    );
    if (!r.ok) {
      diagnostics.push({
        code: r.code,
        severity: 'error',
        message: `Not indexed: ${r.message}`,
        location: ind.provenance.location,
      });
      return undefined;
    }
    type = r.type;
    value = r.value;
  }
  switch (type) {
    case 'domain':
      return { kind: K_DOMAIN, text: value };
    case 'url': {
      const k = urlKey(value);
      if (k === undefined) {
        diagnostics.push({
          code: 'INVALID_URL',
          severity: 'error',
          message: `Not indexed: '${value}' has no host.`,
          location: ind.provenance.location,
        });
        return undefined;
      }
      return { kind: K_URL, text: k.key, hostLength: k.hostLength };
    }
    case 'ip':
    case 'cidr': {
      const r = parseCidr(value);
      if (r === undefined) {
        diagnostics.push({
          code: 'INVALID_IP',
          severity: 'error',
          message: `Not indexed: '${value}' is not an IP address or CIDR range.`,
          location: ind.provenance.location,
        });
        return undefined;
      }
      return { kind: K_IP, text: r.text, ipVersion: r.address.version, prefix: r.prefix };
    }
    case 'email':
      return { kind: K_EMAIL, text: value.toLowerCase() };
    case 'process-name':
      return { kind: K_PROCESS, text: value };
    case 'file-name':
      return { kind: K_FILE_NAME, text: value };
    case 'file-path': {
      let v = value;
      while (v.length > 1 && v.endsWith('/')) v = v.slice(0, -1);
      return { kind: K_FILE_PATH, text: v, relative: !v.startsWith('/') };
    }
    case 'hash':
      return { kind: K_HASH, text: value.toLowerCase() };
    case 'app-id':
      return { kind: K_APP_ID, text: value.toLowerCase() };
    case 'app-cert':
      return { kind: K_APP_CERT, text: value.toLowerCase() };
    case 'configuration-profile':
      return { kind: K_PROFILE, text: value.toLowerCase() };
    case 'android-property':
      return { kind: K_PROPERTY, text: value.toLowerCase() };
  }
}

function nextPow2(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}

/** Compiles indicators into an index. Indicators that cannot be indexed get `K_NONE` and a diagnostic. */
export function buildIndex(indicators: readonly Indicator[]): { data: IndexData; diagnostics: Diagnostic[] } {
  const n = indicators.length;
  const diagnostics: Diagnostic[] = [];
  const kinds = new Uint8Array(n);
  const textOffsets = new Uint32Array(n + 1);
  let textBuf = new Uint8Array(Math.max(1024, n * 24));
  let pos = 0;
  // Table keys and their indicator ids (an indicator has up to three keys: process names).
  let keyHash = new Uint32Array(n + 16);
  let keyId = new Uint32Array(n + 16);
  let keys = 0;
  const addKey = (hash: number, id: number): void => {
    if (keys === keyHash.length) {
      const h = new Uint32Array(keys * 2);
      h.set(keyHash);
      keyHash = h;
      const ids = new Uint32Array(keys * 2);
      ids.set(keyId);
      keyId = ids;
    }
    keyHash[keys] = hash;
    keyId[keys] = id;
    keys++;
  };
  const labelHashes = new Int32Array(128);
  const meta: IndexMeta = {
    minDomainLabels: 255,
    urlCount: 0,
    ip4Prefixes: [],
    ip6Prefixes: [],
    relativePaths: false,
    kindCounts: new Array<number>(12).fill(0),
    idBits: 32,
  };
  const p4 = new Set<number>();
  const p6 = new Set<number>();
  for (let id = 0; id < n; id++) {
    textOffsets[id] = pos;
    const indicator = indicators[id] as Indicator;
    if (indicator.type === 'domain') {
      // Nearly every indicator: a plain ASCII domain, checked, copied and hashed in one pass.
      const v = indicator.value;
      if (pos + v.length > textBuf.length) {
        const bigger = new Uint8Array(Math.max(textBuf.length * 2, pos + v.length + 1024));
        bigger.set(textBuf.subarray(0, pos));
        textBuf = bigger;
      }
      const labels = copyPlainDomain(v, textBuf, pos, labelHashes);
      if (labels > 0) {
        kinds[id] = K_DOMAIN;
        (meta.kindCounts as number[])[K_DOMAIN] = ((meta.kindCounts as number[])[K_DOMAIN] ?? 0) + 1;
        if (labels < meta.minDomainLabels) meta.minDomainLabels = labels;
        let key = SEED_DOMAIN;
        for (let l = labels - 1; l >= 0; l--) key = combineLabel(key, labelHashes[l] as number);
        addKey(fmix(key), id);
        pos += v.length;
        continue;
      }
    }
    const k = keyOf(indicator, diagnostics);
    if (k === undefined) {
      kinds[id] = K_NONE;
      continue;
    }
    kinds[id] = k.kind;
    (meta.kindCounts as number[])[k.kind] = ((meta.kindCounts as number[])[k.kind] ?? 0) + 1;
    const t = k.text;
    if (pos + t.length * 3 > textBuf.length) {
      const bigger = new Uint8Array(Math.max(textBuf.length * 2, pos + t.length * 3 + 1024));
      bigger.set(textBuf.subarray(0, pos));
      textBuf = bigger;
    }
    const start = pos;
    let ascii = true;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      textBuf[start + i] = c;
    }
    pos = ascii ? start + t.length : start + encoder.encodeInto(t, textBuf.subarray(start)).written;
    const end = pos;
    switch (k.kind) {
      case K_DOMAIN: {
        let labels = 1;
        for (let i = start; i < end; i++) if (textBuf[i] === 46) labels++;
        if (labels < meta.minDomainLabels) meta.minDomainLabels = labels;
        addKey(fmix(domainKeyBytes(textBuf, start, end)), id);
        break;
      }
      case K_URL:
        meta.urlCount++;
        addKey(hashBytes(K_URL, textBuf, start, start + (k.hostLength ?? 0)), id);
        break;
      case K_IP:
        (k.ipVersion === 4 ? p4 : p6).add(k.prefix ?? 0);
        addKey(hashBytes(K_IP, textBuf, start, end), id);
        break;
      case K_PROCESS:
        addKey(hashBytes(K_PROCESS, textBuf, start, end), id);
        if (end - start > 15) {
          addKey(hashBytes(NS_PROC15, textBuf, start, start + 15), id);
        }
        if (end - start > 16) {
          addKey(hashBytes(NS_PROC16, textBuf, start, start + 16), id);
        }
        break;
      case K_FILE_PATH:
        if (k.relative === true) meta.relativePaths = true;
        addKey(hashBytes(K_FILE_PATH, textBuf, start, end), id);
        break;
      default:
        addKey(hashBytes(k.kind, textBuf, start, end), id);
    }
  }
  textOffsets[n] = pos;
  if (meta.minDomainLabels === 255) meta.minDomainLabels = 1;
  meta.ip4Prefixes = [...p4].sort((a, b) => b - a);
  meta.ip6Prefixes = [...p6].sort((a, b) => b - a);
  if (n >= 2 ** 28) throw new RangeError(`Too many indicators for one index (${n}); the limit is 2^28 - 1.`);
  let idBits = 1;
  while (2 ** idBits <= n + 1) idBits++;
  meta.idBits = idBits;
  const idMask = idMaskOf(idBits);
  const cap = nextPow2(keys * 2);
  const mask = cap - 1;
  const slots = new Uint32Array(cap);
  for (let j = 0; j < keys; j++) {
    const h = keyHash[j] as number;
    let s = h & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    // Low bits: indicator id + 1. High bits: the key's own high bits, a fingerprint checked before any lookup.
    slots[s] = ((h & ~idMask) | ((keyId[j] as number) + 1)) >>> 0;
  }
  return {
    data: {
      count: n,
      kinds,
      textOffsets,
      text: textBuf.slice(0, pos),
      slots,
      meta,
      domainFilter: filterFromKeys(meta, kinds, keyHash, keyId, keys),
    },
    diagnostics,
  };
}

/** @internal The key text of indicator `id`, as a string (for the rare paths that need one). */
export function keyText(data: IndexData, id: number): string {
  return decoder.decode(data.text.subarray(data.textOffsets[id], data.textOffsets[id + 1]));
}

/**
 * A one-hash Bloom filter over the table keys of the domain indicators: 4 bits per key in a large index
 * (about 22% false positives), 16 in a small one (6%). A URL's host suffixes are tested against it before the table is probed: nearly every URL
 * matches nothing, and the filter, 16 times smaller than the table, stays in cache where the table does not
 * (at 1M indicators the table is 8 MB). Built with the index and stored in the serialised index (half a
 * byte per domain indicator), so a loaded matcher does not rebuild it. A key `h` (after {@link fmix}) tests
 * bit {@link filterBit}`(h, bits)`, a multiply-shift range reduction that reads mostly the key's high bits
 * (the table slot uses its low bits).
 */
export interface DomainFilter {
  readonly words: Uint32Array;
  readonly bits: number;
}

/**
 * Bits of the filter for `domains` domain keys: 16 per key up to 16k keys (at most 32 KB, so fewer table
 * probes where the size does not matter), 4 per key beyond (half a byte per indicator in the index).
 */
function filterSize(domains: number): number {
  return Math.max(64, domains <= 16_384 ? domains * 16 : domains * 4);
}

/**
 * The filter bit of the mixed key `h` (an unsigned 32-bit value) in a filter of `bits` bits: the high 32
 * bits of `h * bits`. Multiplying by 2^-32 is exact and, unlike dividing by 2^32, costs no division.
 */
export function filterBit(h: number, bits: number): number {
  return (h * bits * 2.3283064365386963e-10) | 0;
}

function setBit(words: Uint32Array, bit: number): void {
  words[bit >>> 5] = (words[bit >>> 5] as number) | (1 << (bit & 31));
}

/** The filter of a freshly built index, from its key hashes. */
function filterFromKeys(
  meta: IndexMeta,
  kinds: Uint8Array,
  keyHash: Uint32Array,
  keyId: Uint32Array,
  keys: number,
): Uint32Array {
  const bits = filterSize(meta.kindCounts[K_DOMAIN] ?? 0);
  meta.domainFilterBits = bits;
  const words = new Uint32Array(Math.ceil(bits / 32));
  for (let j = 0; j < keys; j++) {
    if (kinds[keyId[j] as number] === K_DOMAIN) setBit(words, filterBit(keyHash[j] as number, bits));
  }
  return words;
}

/**
 * The {@link DomainFilter} of an index: the stored one, or one built from the key text (for an index
 * serialised without it).
 */
export function domainFilterOf(data: IndexData): DomainFilter {
  const stored = data.domainFilter;
  const storedBits = data.meta.domainFilterBits;
  if (stored !== undefined && storedBits !== undefined) return { words: stored, bits: storedBits };
  const { kinds, textOffsets: offs, text } = data;
  const bits = filterSize(data.meta.kindCounts[K_DOMAIN] ?? 0);
  const words = new Uint32Array(Math.ceil(bits / 32));
  for (let id = 0; id < data.count; id++) {
    if (kinds[id] !== K_DOMAIN) continue;
    setBit(words, filterBit(fmix(domainKeyBytes(text, offs[id] as number, offs[id + 1] as number)), bits));
  }
  return { words, bits };
}
