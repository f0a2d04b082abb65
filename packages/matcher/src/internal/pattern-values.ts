/**
 * Value helpers for the STIX pattern evaluator: timestamps, octets, string ordering, IP addresses and CIDR
 * ranges, and SQL-style LIKE. Plain ECMAScript only (runs in browsers).
 */

/** A point in time: `key` sorts lexicographically (nanosecond precision), `ms` is for arithmetic. */
export interface Instant {
  readonly key: string;
  readonly ms: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Reads `n` ASCII digits at `at`; -1 if any is not a digit. */
function digits(text: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Parses an RFC 3339 UTC timestamp (`Z`, optional fraction); `undefined` if it is not one or not a real date. */
export function parseTimestamp(text: string): Instant | undefined {
  const len = text.length;
  if (len < 20 || len > 64) return undefined;
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(len - 1) !== 90
  ) {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined;
  }
  if (second < 0 || second > 60) return undefined;
  let frac = '';
  if (len > 20) {
    if (text.charCodeAt(19) !== 46 || len === 21) return undefined;
    frac = text.slice(20, len - 1);
    if (digits(frac, 0, frac.length) < 0) return undefined;
  }
  const dim = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > dim) return undefined;
  const fraction = frac === '' ? 0 : Number(`0.${frac}`) * 1000;
  const ms =
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    fraction;
  const nanos = frac.length >= 9 ? frac.slice(0, 9) : `${frac}000000000`.slice(0, 9);
  return { key: `${text.slice(0, 19)}.${nanos}`, ms };
}

/** Compares two instants: negative, zero or positive. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Decodes lower- or upper-case hex; `undefined` if malformed. */
export function decodeHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Decodes standard padded base64; `undefined` if malformed. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = text[i + k] as string;
      const last = i + 4 === text.length;
      if (ch === '=' && last && k >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = B64_INDEX.get(ch);
      if (v === undefined) return undefined;
      n = (n << 6) | v;
    }
    const bytes = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    for (const b of bytes) if (o < out.length) out[o++] = b;
  }
  return out;
}

/** A string as octets when every code point is below U+0100 (the spec's rule), else `undefined`. */
export function stringToOctets(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return undefined;
    out[i] = c;
  }
  return out;
}

/** Octets as a Latin-1 string (one character per byte), for regular expressions over binary values. */
export function octetsToLatin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

/** Unsigned lexicographic comparison of octets; a longer array with an equal prefix is greater. */
export function compareOctets(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Compares strings by Unicode code point (not UTF-16 unit); a longer string with an equal prefix is greater. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const cx = a.codePointAt(i) as number;
      const cy = b.codePointAt(i) as number;
      // A low surrogate here means the high surrogates before were equal: compare the units.
      const px = x >= 0xdc00 && x <= 0xdfff ? x : cx;
      const py = y >= 0xdc00 && y <= 0xdfff ? y : cy;
      return px < py ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}

/** An IP address or CIDR range. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly bits: bigint;
  readonly prefix: number;
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIpv6(s: string): bigint | undefined {
  if (s.length > 45 || s.length < 2) return undefined;
  let text = s;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    const head = text.slice(0, lastColon + 1);
    text = head.endsWith('::') ? head : head.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (g: string): bigint | undefined =>
    /^[0-9a-fA-F]{1,4}$/.test(g) ? BigInt(`0x${g}`) : undefined;
  const side = (h: string | undefined): bigint[] | undefined => {
    if (h === undefined || h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      const v = group(g);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  };
  const left = side(halves[0]);
  const right = side(halves[1]);
  if (left === undefined || right === undefined) return undefined;
  const all = halves.length === 2 ? [...left, ...right, ...tail] : [...left, ...tail];
  let groups: bigint[];
  if (halves.length === 2) {
    const missing = 8 - left.length - right.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...left, ...new Array<bigint>(missing).fill(0n), ...right, ...tail];
  } else {
    if (all.length !== 8) return undefined;
    groups = all;
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | g;
  return v;
}

/** Parses `1.2.3.4`, `10.0.0.0/8`, `2001:db8::1` or `2001:db8::/32`; `undefined` if it is none of these. */
export function parseIpRange(text: string): IpRange | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  if (prefixText !== undefined && !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  if (addr.includes(':')) {
    const bits = parseIpv6(addr);
    if (bits === undefined) return undefined;
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    return prefix > 128 ? undefined : { family: 6, bits, prefix };
  }
  const bits = parseIpv4(addr);
  if (bits === undefined) return undefined;
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  return prefix > 32 ? undefined : { family: 4, bits, prefix };
}

/** Whether `inner` lies wholly inside `outer` (same family; identical ranges count). */
export function ipRangeWithin(inner: IpRange, outer: IpRange): boolean {
  if (inner.family !== outer.family || outer.prefix > inner.prefix) return false;
  const width = BigInt(inner.family === 4 ? 32 : 128);
  const shift = width - BigInt(outer.prefix);
  return inner.bits >> shift === outer.bits >> shift;
}

/**
 * SQL LIKE over code points: `%` matches any run (including none), `_` exactly one code point, everything else
 * itself (case-sensitive). Both sides are compared as given (the caller normalises).
 */
export function likeMatch(value: string, pattern: readonly string[]): boolean {
  const v = Array.from(value);
  let vi = 0;
  let pi = 0;
  let starP = -1;
  let starV = 0;
  while (vi < v.length) {
    const p = pattern[pi];
    if (p !== undefined && p !== '%' && (p === '_' || p === v[vi])) {
      vi++;
      pi++;
    } else if (p === '%') {
      starP = pi++;
      starV = vi;
    } else if (starP >= 0) {
      pi = starP + 1;
      vi = ++starV;
    } else return false;
  }
  while (pattern[pi] === '%') pi++;
  return pi === pattern.length;
}
