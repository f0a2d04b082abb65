/**
 * Takes the host out of a raw URL, fast and without `new URL()`: one pass of `charCodeAt`, no allocation
 * for ASCII hosts.
 */

import { hostToAscii } from '@vigil/core';
import { formatIpBytes, parseHostIpv4, parseIpSpan } from './ip.js';

/** @internal Flag: the host has upper-case ASCII letters. */
export const HOST_UPPER = 1;
/** @internal Flag: the host has non-ASCII or percent-encoded characters (needs the IDNA slow path). */
export const HOST_SLOW = 2;
/** @internal Flag: the host was written in brackets (an IPv6 literal). */
export const HOST_BRACKETS = 4;

/**
 * @internal Where {@link scanHost} found the host: `[start, end, flags, authorityEnd]`. One shared
 * buffer, overwritten by every call, so scanning allocates nothing.
 */
export const hostSpan: Int32Array = new Int32Array(4);

const TAB_OR_NEWLINE = /[\t\n\r]/;
const TABS_AND_NEWLINES = /[\t\n\r]/g;

/**
 * @internal WHATWG URL parsing removes ASCII tab, LF and CR anywhere in the input (after trimming), so
 * `http://ev\nil.example/` is evil.example; returns `s` without them (the same string when it has none).
 */
export function stripTabsAndNewlines(s: string): string {
  return TAB_OR_NEWLINE.test(s) ? s.trim().replace(TABS_AND_NEWLINES, '') : s;
}

function isSpecialScheme(s: string, start: number, end: number): boolean {
  const len = end - start;
  if (len < 2 || len > 5) return false;
  const a = s.charCodeAt(start) | 32;
  const b = s.charCodeAt(start + 1) | 32;
  if (a === 104) {
    // http, https
    return (
      b === 116 &&
      (s.charCodeAt(start + 2) | 32) === 116 &&
      (s.charCodeAt(start + 3) | 32) === 112 &&
      (len === 4 || (len === 5 && (s.charCodeAt(start + 4) | 32) === 115))
    );
  }
  if (a === 119 && b === 115) return len === 2 || (len === 3 && (s.charCodeAt(start + 2) | 32) === 115);
  if (a === 102 && b === 116) return len === 3 && (s.charCodeAt(start + 2) | 32) === 112;
  return false;
}

function isSchemeChar(c: number): boolean {
  const l = c | 32;
  return (l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

/**
 * @internal Finds the host of `s` and writes it to {@link hostSpan}. Accepts `scheme://`, the special
 * schemes without slashes (`http:host`), `//host` and scheme-less `host[:port][/path]`; skips `user:pass@`
 * (up to the last `@` of the authority), the `:port`, one trailing dot, and stops at `/ ? # \` or white
 * space. Brackets of an IPv6 literal are excluded from the span.
 *
 * @returns The flags, or -1 when there is no host.
 */
export function scanHost(s: string): number {
  const n = s.length;
  let i = 0;
  while (i < n && s.charCodeAt(i) <= 32) i++;
  // Scheme.
  let k = i;
  const c0 = s.charCodeAt(i) | 32;
  if (c0 >= 97 && c0 <= 122) {
    k = i + 1;
    while (k < n && isSchemeChar(s.charCodeAt(k))) k++;
    if (k < n && s.charCodeAt(k) === 58) {
      const afterColon = k + 1;
      if (isSpecialScheme(s, i, k)) {
        i = afterColon;
        while (i < n) {
          const c = s.charCodeAt(i);
          if (c !== 47 && c !== 92) break;
          i++;
        }
      } else if (s.charCodeAt(afterColon) === 47 && s.charCodeAt(afterColon + 1) === 47) {
        i = afterColon + 2;
      }
      // else: `host:port` without a scheme; the host starts at i.
    }
  } else if (s.charCodeAt(i) === 47 && s.charCodeAt(i + 1) === 47) {
    i += 2;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c !== 47 && c !== 92) break;
      i++;
    }
  }
  // Authority.
  let hs = i;
  let colon = -1;
  let flags = 0;
  let j = i;
  for (; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c === 47 || c === 63 || c === 35 || c === 92 || c <= 32) break;
    if (c === 64) {
      hs = j + 1;
      colon = -1;
      flags = 0;
    } else if (c === 58) {
      if (colon < 0) colon = j;
    } else if (colon < 0) {
      if (c >= 65 && c <= 90) flags |= HOST_UPPER;
      else if (c >= 128 || c === 37) flags |= HOST_SLOW;
    }
  }
  const authorityEnd = j;
  let he = colon < 0 ? authorityEnd : colon;
  if (hs < authorityEnd && s.charCodeAt(hs) === 91) {
    let close = hs + 1;
    while (close < authorityEnd && s.charCodeAt(close) !== 93) close++;
    if (close >= authorityEnd) return -1;
    flags = HOST_BRACKETS;
    for (let m = hs + 1; m < close; m++) {
      const c = s.charCodeAt(m);
      if (c >= 65 && c <= 90) flags |= HOST_UPPER;
    }
    hostSpan[0] = hs + 1;
    hostSpan[1] = close;
    hostSpan[2] = flags;
    hostSpan[3] = authorityEnd;
    return flags;
  }
  if (he > hs && s.charCodeAt(he - 1) === 46) he--;
  if (he <= hs) return -1;
  hostSpan[0] = hs;
  hostSpan[1] = he;
  hostSpan[2] = flags;
  hostSpan[3] = authorityEnd;
  return flags;
}

/** White space, controls and the characters that end or split a URL authority. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const HOST_DELIMITER = /[\u0000-\u0020/?#\\@:[\]%]/;

/**
 * @internal Converts a host with non-ASCII or percent-encoded characters to its ASCII (punycode) form,
 * lower case, without a trailing dot: percent-decoding, NFKC, lower case, NFC, IDN full stops to `.`, then
 * Punycode label by label (the loaders' rule, so both sides compare equal). Only reached for such hosts.
 */
export function slowHostToAscii(host: string): string {
  let h = host;
  // Percent-decoding and NFKC are skipped when they would put white space or a URL delimiter in the host
  // (`%40` is `@`, `%2F` is `/`; NFKC makes `´` a space and a combining accent, `﹕` a colon): browsers
  // refuse such hosts, and a host must never hold a delimiter. NFKC maps full-width and compatibility forms
  // to ASCII as browsers do (ｅｘａｍｐｌｅ.test is example.test) and as the loaders do.
  if (h.includes('%')) {
    try {
      const decoded = decodeURIComponent(h);
      if (!HOST_DELIMITER.test(decoded)) h = decoded;
    } catch {
      // keep it as written
    }
  }
  const compatible = h.normalize('NFKC');
  if (!HOST_DELIMITER.test(compatible)) h = compatible;
  h = h
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\u3002\uff0e\uff61]/g, '.');
  if (h.endsWith('.')) h = h.slice(0, -1);
  try {
    return hostToAscii(h);
  } catch {
    return h;
  }
}

/**
 * Takes the host out of a raw URL without `new URL()`. Accepts scheme-less input (`evil.example/a`,
 * `evil.example:8080`), `//host`, user info (`user:pass@host`), ports, a trailing dot, IPv6 in brackets,
 * upper case and internationalised names (returned in punycode).
 *
 * @param input - A URL, or a bare host name. ASCII tab and line breaks inside it are ignored, as browsers do.
 * @returns The host in lower case, ASCII (punycode), without port, brackets or trailing dot; IP literals
 * in canonical form, including IPv4 written as WHATWG URL reads it (`0x7f.1` and `2130706433` are
 * `127.0.0.1`). `undefined` when the input has no host (`file:///x`, empty input) or a host that ends in a
 * number without being an IPv4 address (`1.2.3.4.5`).
 *
 * @example
 * ```ts
 * import { extractHost } from '@vigil/matcher';
 *
 * extractHost('HTTPS://user:pw@WWW.Evil.Example.:8443/path?q#f'); // 'www.evil.example'
 * extractHost('bücher.example/x'); // 'xn--bcher-kva.example'
 * extractHost('http://[2001:DB8::1]/'); // '2001:db8::1'
 * ```
 */
export function extractHost(input: string): string | undefined {
  const url = stripTabsAndNewlines(input);
  const flags = scanHost(url);
  if (flags < 0) return undefined;
  const start = hostSpan[0] ?? 0;
  const end = hostSpan[1] ?? 0;
  if ((flags & HOST_BRACKETS) !== 0) {
    const ip = parseIpSpan(url, start, end);
    return ip?.version === 6 ? ip.text : url.slice(start, end).toLowerCase();
  }
  const raw = url.slice(start, end);
  let host: string;
  if ((flags & HOST_SLOW) !== 0) {
    // Compatibility forms can reduce a host to nothing (`․` is a full stop, removed as a trailing dot).
    host = slowHostToAscii(raw);
    if (host === '') return undefined;
  } else host = (flags & HOST_UPPER) !== 0 ? raw.toLowerCase() : raw;
  // A host ending in a number is an IPv4 address in one of inet_aton's forms, or no valid host at all.
  const v4 = parseHostIpv4(host, 0, host.length);
  if (v4 === null) return undefined;
  return v4 === undefined ? host : formatIpBytes(v4);
}
