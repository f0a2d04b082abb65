/**
 * Punycode (RFC 3492) and the label-wise IDNA ToASCII / ToUnicode steps Vigil needs for host names, shared by
 * the matcher (indicators and artifacts) and the reports (shown as punycode). Written from the RFC; no
 * Node-only API, so it runs in browsers.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_INT = 0x7fffffff;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitToChar(d: number): string {
  // 0..25 -> a..z, 26..35 -> 0..9
  return String.fromCharCode(d < 26 ? d + 97 : d + 22);
}

function charToDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 22; // 0-9
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 97; // a-z
  return BASE;
}

/**
 * Encodes a string of Unicode code points as Punycode (RFC 3492), without the `xn--` prefix.
 *
 * @throws RangeError on overflow.
 *
 * @example
 * ```ts
 * import { punycodeEncode } from '@vigil/core';
 *
 * punycodeEncode('bücher'); // 'bcher-kva'
 * ```
 */
export function punycodeEncode(input: string): string {
  const codePoints = Array.from(input, (ch) => ch.codePointAt(0) as number);
  let output = '';
  for (const cp of codePoints) if (cp < 0x80) output += String.fromCharCode(cp);
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    let m = MAX_INT;
    for (const cp of codePoints) if (cp >= n && cp < m) m = cp;
    if (m - n > Math.floor((MAX_INT - delta) / (handled + 1))) throw new RangeError('punycode overflow');
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of codePoints) {
      if (cp < n) {
        delta++;
        if (delta > MAX_INT) throw new RangeError('punycode overflow');
      }
      if (cp === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          output += digitToChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digitToChar(q);
        bias = adapt(delta, handled + 1, handled === basicLength);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/**
 * Decodes Punycode (without the `xn--` prefix) to a Unicode string.
 * @throws RangeError on invalid input or overflow.
 *
 * @example
 * ```ts
 * import { punycodeDecode } from '@vigil/core';
 *
 * punycodeDecode('bcher-kva'); // 'bücher'
 * ```
 */
export function punycodeDecode(input: string): string {
  const output: number[] = [];
  const lastDelimiter = input.lastIndexOf('-');
  const basicEnd = Math.max(lastDelimiter, 0);
  for (let j = 0; j < basicEnd; j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) throw new RangeError('punycode: non-basic code point before the delimiter');
    output.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let pos = basicEnd > 0 ? basicEnd + 1 : 0; pos < input.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) throw new RangeError('punycode: truncated input');
      const digit = charToDigit(input.charCodeAt(pos++));
      if (digit >= BASE) throw new RangeError('punycode: invalid digit');
      if (digit > Math.floor((MAX_INT - i) / w)) throw new RangeError('punycode overflow');
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) throw new RangeError('punycode overflow');
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldI, length, oldI === 0);
    if (Math.floor(i / length) > MAX_INT - n) throw new RangeError('punycode overflow');
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) throw new RangeError('punycode: invalid code point');
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * Converts each non-ASCII label of a host name to `xn--` Punycode. The caller has already lower-cased
 * and NFC-normalised the name and split off any trailing dot (see {@link domainToAscii} for the whole step).
 *
 * @example
 * ```ts
 * import { hostToAscii } from '@vigil/core';
 *
 * hostToAscii('bücher.example'); // 'xn--bcher-kva.example'
 * ```
 */
export function hostToAscii(host: string): string {
  if (isAscii(host)) return host;
  return host
    .split('.')
    .map((label) => (isAscii(label) ? label : `xn--${punycodeEncode(label)}`))
    .join('.');
}

/**
 * Converts `xn--` labels back to Unicode, for display; labels that do not decode are left as they are.
 *
 * @example
 * ```ts
 * import { hostToUnicode } from '@vigil/core';
 *
 * hostToUnicode('xn--bcher-kva.example'); // 'bücher.example'
 * ```
 */
export function hostToUnicode(host: string): string {
  if (!host.includes('xn--')) return host;
  return host
    .split('.')
    .map((label) => {
      if (!label.startsWith('xn--')) return label;
      try {
        return punycodeDecode(label.slice(4));
      } catch {
        return label;
      }
    })
    .join('.');
}

/**
 * A domain as Vigil compares and shows it: NFKC, lower case, the ideographic and full-width dots read as
 * dots, and each non-ASCII label as `xn--` Punycode.
 *
 * @example
 * ```ts
 * import { domainToAscii } from '@vigil/core';
 *
 * domainToAscii('Bücher。Example'); // 'xn--bcher-kva.example'
 * ```
 */
export function domainToAscii(domain: string): string {
  return hostToAscii(
    domain
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u3002\uff0e\uff61]/g, '.'),
  );
}
