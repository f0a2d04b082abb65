/**
 * IPv4 and IPv6 literals and CIDR ranges: strict parsing and canonical text.
 */

/**
 * An IP address parsed from text.
 *
 * @example
 * ```ts
 * import { type IpAddress, parseIp } from '@vigil/matcher';
 *
 * const ip: IpAddress | undefined = parseIp('192.0.2.1'); // { version: 4, bytes: Uint8Array [192, 0, 2, 1], text: '192.0.2.1' }
 * ```
 */
export interface IpAddress {
  /** 4 for IPv4, 6 for IPv6. */
  readonly version: 4 | 6;
  /** 4 bytes (IPv4) or 16 bytes (IPv6), network order. */
  readonly bytes: Uint8Array;
  /**
   * Canonical text: dotted decimal for IPv4; RFC 5952 for IPv6 (lower case, longest run of zero groups
   * compressed), the form WHATWG URL serialises. No brackets.
   */
  readonly text: string;
}

/**
 * A CIDR range: a network address and a prefix length.
 *
 * @example
 * ```ts
 * import { type IpRange, parseCidr } from '@vigil/matcher';
 *
 * const range: IpRange | undefined = parseCidr('2001:db8::/32'); // prefix 32, text '2001:db8::/32'
 * ```
 */
export interface IpRange {
  /** The network address, host bits cleared. */
  readonly address: IpAddress;
  /** Prefix length, 0 to 32 (IPv4) or 0 to 128 (IPv6). */
  readonly prefix: number;
  /** Canonical text, e.g. `192.0.2.0/24` or `2001:db8::/32`. */
  readonly text: string;
}

function parseIpv4Bytes(s: string, start: number, end: number, out: Uint8Array, at: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || part > 3) return false;
      out[at + part] = value;
      part++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // A leading zero would be octal for inet_aton and WHATWG: refuse rather than guess.
      if (digits === 1 && value === 0) return false;
      value = value * 10 + (c - 48);
      digits++;
      if (value > 255) return false;
    } else {
      return false;
    }
  }
  return part === 4;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

function parseIpv6Bytes(s: string, start: number, end: number, out: Uint8Array): boolean {
  const groups: number[] = [];
  let compressAt = -1;
  let i = start;
  if (end - start < 2) return false;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    compressAt = 0;
    i += 2;
    if (i === end) {
      out.fill(0);
      return true;
    }
  }
  while (i < end) {
    if (groups.length >= 8) return false;
    // An embedded IPv4 tail, e.g. ::ffff:192.0.2.1
    let j = i;
    let sawDot = false;
    while (j < end && s.charCodeAt(j) !== 58) {
      if (s.charCodeAt(j) === 46) sawDot = true;
      j++;
    }
    if (sawDot) {
      if (j !== end || groups.length > 6) return false;
      const v4 = new Uint8Array(4);
      if (!parseIpv4Bytes(s, i, end, v4, 0)) return false;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      i = end;
      break;
    }
    if (j === i || j - i > 4) return false;
    let g = 0;
    for (let k = i; k < j; k++) {
      const h = hexValue(s.charCodeAt(k));
      if (h < 0) return false;
      g = (g << 4) | h;
    }
    groups.push(g);
    i = j;
    if (i === end) break;
    // s[i] is ':'
    i++;
    if (i === end) return false;
    if (s.charCodeAt(i) === 58) {
      if (compressAt >= 0) return false;
      compressAt = groups.length;
      i++;
    }
  }
  if (compressAt < 0 ? groups.length !== 8 : groups.length > 7) return false;
  const full = new Array<number>(8).fill(0);
  if (compressAt < 0) {
    for (let k = 0; k < 8; k++) full[k] = groups[k] ?? 0;
  } else {
    const tail = groups.length - compressAt;
    for (let k = 0; k < compressAt; k++) full[k] = groups[k] ?? 0;
    for (let k = 0; k < tail; k++) full[8 - tail + k] = groups[compressAt + k] ?? 0;
  }
  for (let k = 0; k < 8; k++) {
    const g = full[k] ?? 0;
    out[2 * k] = g >>> 8;
    out[2 * k + 1] = g & 255;
  }
  return true;
}

/** @internal Canonical text of 4 or 16 address bytes. */
export function formatIpBytes(bytes: Uint8Array): string {
  if (bytes.length === 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
  const groups: number[] = [];
  for (let k = 0; k < 8; k++) groups.push(((bytes[2 * k] ?? 0) << 8) | (bytes[2 * k + 1] ?? 0));
  // Longest run of at least two zero groups, the first one on a tie (RFC 5952 §4.2).
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < 8; ) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && groups[e] === 0) e++;
    if (e - k > bestLen) {
      bestStart = k;
      bestLen = e - k;
    }
    k = e;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** @internal Parses `s[start, end)` as an IP literal (no brackets), or returns `undefined`. */
export function parseIpSpan(s: string, start: number, end: number): IpAddress | undefined {
  let colon = false;
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) === 58) {
      colon = true;
      break;
    }
  }
  if (!colon) {
    const bytes = new Uint8Array(4);
    if (!parseIpv4Bytes(s, start, end, bytes, 0)) return undefined;
    return { version: 4, bytes, text: formatIpBytes(bytes) };
  }
  const bytes = new Uint8Array(16);
  if (!parseIpv6Bytes(s, start, end, bytes)) return undefined;
  return { version: 6, bytes, text: formatIpBytes(bytes) };
}

/**
 * Parses an IPv4 or IPv6 literal. IPv6 may be written in brackets. Strict: IPv4 needs four decimal parts
 * without leading zeros (`010.0.0.1` is refused, since inet_aton and WHATWG would read it as octal).
 *
 * @param value - The literal, e.g. `192.0.2.1`, `2001:DB8::1` or `[2001:db8::1]`.
 * @returns The address with its canonical text, or `undefined` when `value` is not an IP literal.
 *
 * @example
 * ```ts
 * import { parseIp } from '@vigil/matcher';
 *
 * parseIp('2001:DB8:0:0::1')?.text; // '2001:db8::1'
 * parseIp('evil.example'); // undefined
 * ```
 */
export function parseIp(value: string): IpAddress | undefined {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 32) start++;
  while (end > start && value.charCodeAt(end - 1) <= 32) end--;
  if (value.charCodeAt(start) === 91) {
    if (value.charCodeAt(end - 1) !== 93) return undefined;
    const ip = parseIpSpan(value, start + 1, end - 1);
    return ip?.version === 6 ? ip : undefined;
  }
  return parseIpSpan(value, start, end);
}

function whatwgNumber(s: string, start: number, end: number): number {
  let radix = 10;
  let i = start;
  if (end - i >= 2 && s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120) {
    radix = 16;
    i += 2;
    if (i === end) return 0;
  } else if (end - i >= 2 && s.charCodeAt(i) === 48) {
    radix = 8;
    i += 1;
  }
  if (i === end) return radix === 10 ? -1 : 0;
  let v = 0;
  for (; i < end; i++) {
    const d = hexValue(s.charCodeAt(i));
    if (d < 0 || d >= radix) return -1;
    v = v * radix + d;
    if (v > 0xffffffff) return -2;
  }
  return v;
}

/**
 * @internal The WHATWG URL host rule for IPv4: a host whose last label is a number (`1`, `0x7f`, `017`)
 * is an IPv4 address written in any of inet_aton's forms (`127.1`, `0x7f.0.0.1`, `2130706433`, octal
 * parts) or an invalid host. Returns the 4 bytes; `null` for an invalid host that ends in a number;
 * `undefined` when the host does not end in a number (a domain name).
 */
export function parseHostIpv4(s: string, start: number, end: number): Uint8Array | null | undefined {
  // The last label (a trailing dot was already removed by the caller).
  let ls = end;
  while (ls > start && s.charCodeAt(ls - 1) !== 46) ls--;
  if (ls === end) return undefined;
  let numeric = true;
  for (let i = ls; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      numeric = false;
      break;
    }
  }
  if (!numeric) {
    // `0x` followed by hex digits also counts as a number.
    if (!(end - ls >= 2 && s.charCodeAt(ls) === 48 && (s.charCodeAt(ls + 1) | 32) === 120)) return undefined;
    for (let i = ls + 2; i < end; i++) if (hexValue(s.charCodeAt(i)) < 0) return undefined;
  }
  const parts: number[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || s.charCodeAt(i) === 46) {
      if (i === from) return null;
      const v = whatwgNumber(s, from, i);
      if (v < 0) return null;
      parts.push(v);
      if (parts.length > 4) return null;
      from = i + 1;
    }
  }
  const last = parts[parts.length - 1] as number;
  for (let k = 0; k < parts.length - 1; k++) if ((parts[k] as number) > 255) return null;
  if (last >= 256 ** (5 - parts.length)) return null;
  let v = last;
  for (let k = 0; k < parts.length - 1; k++) v += (parts[k] as number) * 256 ** (3 - k);
  return Uint8Array.of(Math.floor(v / 2 ** 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

/** @internal Clears the host bits of `bytes` beyond `prefix`, returning a copy. */
export function maskIpBytes(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let k = 0; k < bytes.length; k++) {
    const bits = prefix - 8 * k;
    const b = bytes[k] ?? 0;
    out[k] = bits >= 8 ? b : bits <= 0 ? 0 : b & (0xff << (8 - bits)) & 0xff;
  }
  return out;
}

/**
 * Parses a CIDR range such as `192.0.2.0/24` or `2001:db8::/32`. A bare address is a range of one
 * (`/32` or `/128`). Host bits set beyond the prefix are cleared (`192.0.2.7/24` is `192.0.2.0/24`).
 *
 * @param value - The range.
 * @returns The range, or `undefined` when `value` is not a valid address or prefix length.
 *
 * @example
 * ```ts
 * import { parseCidr } from '@vigil/matcher';
 *
 * parseCidr('192.0.2.7/24')?.text; // '192.0.2.0/24'
 * ```
 */
export function parseCidr(value: string): IpRange | undefined {
  const slash = value.indexOf('/');
  const addressText = slash < 0 ? value : value.slice(0, slash);
  const ip = parseIp(addressText);
  if (ip === undefined) return undefined;
  const max = ip.version === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = value.slice(slash + 1).trim();
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > max) return undefined;
  }
  const bytes = maskIpBytes(ip.bytes, prefix);
  const address: IpAddress = { version: ip.version, bytes, text: formatIpBytes(bytes) };
  return { address, prefix, text: `${address.text}/${prefix}` };
}
