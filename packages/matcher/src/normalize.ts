import { hostToAscii, punycodeDecode } from '@vigil/core';
import type { HashAlgorithm, IndicatorType } from './indicator.js';
import { parseCidr, parseIp } from './ip.js';
import type { LoadDiagnosticCode } from './load-diagnostic-code.js';

/**
 * What {@link normalizeIndicatorValue} returns: the normalised value, or why the value cannot be used.
 * An `ok` result may carry a `warning` (for example `CIDR_HOST_BITS`) that loaders report as a warning
 * diagnostic while still keeping the indicator.
 *
 * @example
 * ```ts
 * import { normalizeIndicatorValue } from '@vigil/matcher';
 *
 * const result = normalizeIndicatorValue('domain', 'Evil.TEST.');
 * if (result.ok) console.log(result.value); // 'evil.test'
 * else console.log(result.code, result.message);
 * ```
 */
export type NormalizeResult =
  | {
      readonly ok: true;
      /** The type after normalisation: a `domain` that is an IP literal comes back as `ip`, and so on. */
      readonly type: IndicatorType;
      readonly value: string;
      readonly hashAlgorithm?: HashAlgorithm;
      readonly warning?: { readonly code: LoadDiagnosticCode; readonly message: string };
    }
  | { readonly ok: false; readonly code: LoadDiagnosticCode; readonly message: string };

/**
 * Options for {@link normalizeIndicatorValue}.
 *
 * @example
 * ```ts
 * import { normalizeIndicatorValue } from '@vigil/matcher';
 *
 * normalizeIndicatorValue('hash', 'D41D8CD98F00B204E9800998ECF8427E', { hashAlgorithm: 'md5' });
 * ```
 */
export interface NormalizeOptions {
  /**
   * For `hash` and `app-cert`: the algorithm the source named (e.g. from `file:hashes.'SHA-256'`). A value
   * whose length does not fit it is rejected with `HASH_LENGTH_MISMATCH`.
   * @default undefined (the algorithm is taken from the length: 32 md5, 40 sha1, 64 sha256)
   */
  readonly hashAlgorithm?: HashAlgorithm;
  /**
   * Longest value accepted, in UTF-16 code units.
   * @default 8192
   */
  readonly maxLength?: number;
}

const HASH_LENGTHS: Readonly<Record<HashAlgorithm, number>> = { md5: 32, sha1: 40, sha256: 64 };
const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  http: '80',
  https: '443',
  ws: '80',
  wss: '443',
  ftp: '21',
};
const HEX = /^[0-9a-fA-F]+$/;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

function fail(code: LoadDiagnosticCode, message: string): NormalizeResult {
  return { ok: false, code, message };
}

function isBidiOrInvisible(c: number): boolean {
  return (
    c === 0x061c ||
    c === 0x200b ||
    c === 0x200c ||
    c === 0x200d ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    c === 0x2060 ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/**
 * @internal Finds the first character no indicator may contain. Returns a failure, or `undefined` when the
 * text is clean. Columns in messages are 1-based.
 */
export function checkCharacters(text: string): NormalizeResult | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const at = `at character ${i + 1}`;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) {
      const name = c === 0 ? 'NUL' : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
      return fail('CONTROL_CHARACTER', `Control character ${name} ${at}.`);
    }
    if (isBidiOrInvisible(c)) {
      return fail(
        'BIDI_CHARACTER',
        `Invisible or bidirectional control U+${c.toString(16).toUpperCase().padStart(4, '0')} ${at}: it can make a value display differently from what is matched.`,
      );
    }
    if (c === 0xfffd) {
      return fail(
        'INVALID_UTF8',
        `Replacement character U+FFFD ${at}: the source bytes were not valid UTF-8.`,
      );
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return fail('INVALID_UTF8', `Lone surrogate ${at}: the text is not valid Unicode.`);
    }
  }
  return undefined;
}

function isIpv4(text: string): boolean {
  return parseIp(text)?.version === 4;
}

function isIpv6(text: string): boolean {
  return text.includes(':') && parseIp(text)?.version === 6;
}

function normalizeIp(text: string): NormalizeResult {
  let t = text;
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (t.includes('/')) return normalizeCidr(t);
  const ip = parseIp(t);
  if (ip !== undefined) return { ok: true, type: 'ip', value: ip.text };
  if (/^[\d.]+$/.test(t)) {
    return fail(
      'INVALID_IP',
      `'${text}' is not a dotted-quad IPv4 address (four numbers 0-255, no leading zeros).`,
    );
  }
  return fail('INVALID_IP', `'${text}' is not an IPv4 or IPv6 address.`);
}

function normalizeCidr(text: string): NormalizeResult {
  const slash = text.indexOf('/');
  const address = parseIp(text.slice(0, slash));
  if (address === undefined) {
    return fail('INVALID_CIDR', `'${text}': '${text.slice(0, slash)}' is not an IPv4 or IPv6 address.`);
  }
  const range = parseCidr(text);
  if (range === undefined) {
    return fail(
      'INVALID_CIDR',
      `'${text}': the prefix length must be a number from 0 to ${address.version === 4 ? 32 : 128}, without leading zeros.`,
    );
  }
  if (range.address.text !== address.text) {
    return {
      ok: true,
      type: 'cidr',
      value: range.text,
      warning: { code: 'CIDR_HOST_BITS', message: `'${text}' has host bits set; read as ${range.text}.` },
    };
  }
  return { ok: true, type: 'cidr', value: range.text };
}

/**
 * Normalises a host name: NFKC, lower case, ideographic full stops to `.`, one trailing dot removed, IDN
 * labels to `xn--` Punycode. Returns the ASCII host or a failure.
 */
function normalizeHost(text: string, what: string): NormalizeResult {
  let host = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\u3002\uff0e\uff61]/g, '.');
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return fail('INVALID_DOMAIN', `The ${what} is empty.`);
  if (host.startsWith('*.')) {
    return fail(
      'WILDCARD_DOMAIN',
      `'${text}': wildcards are not domain names. A domain indicator already matches every subdomain; write '${host.slice(2)}'.`,
    );
  }
  if (/[/?#]/.test(host)) {
    return fail(
      'INVALID_DOMAIN',
      `'${text}' is not a domain name: it contains '/', '?' or '#' (a URL without a scheme?).`,
    );
  }
  if (/[\s@:[\]\\]/.test(host)) {
    return fail(
      'INVALID_DOMAIN',
      `'${text}' is not a domain name: it contains a space, '@', ':', '\\' or brackets.`,
    );
  }
  if (host.startsWith('.') || host.includes('..')) {
    return fail('INVALID_DOMAIN', `'${text}' is not a domain name: it has an empty label.`);
  }
  let ascii: string;
  try {
    ascii = hostToAscii(host);
  } catch {
    return fail('INVALID_DOMAIN', `'${text}' cannot be converted to Punycode.`);
  }
  if (ascii.length > 253) return fail('INVALID_DOMAIN', `'${text}' is longer than 253 characters.`);
  const labels = ascii.split('.');
  for (const label of labels) {
    if (!LABEL.test(label)) {
      return fail(
        'INVALID_DOMAIN',
        `'${text}' is not a domain name: label '${label}' must be 1-63 letters, digits, '-' or '_', not starting or ending with '-'.`,
      );
    }
    if (label.startsWith('xn--')) {
      try {
        punycodeDecode(label.slice(4));
      } catch {
        return fail('INVALID_DOMAIN', `'${text}': label '${label}' is not valid Punycode.`);
      }
    }
  }
  if (labels.length < 2) {
    return fail(
      'DOMAIN_WITHOUT_DOT',
      `'${text}' has no dot: a single label is not a registrable domain and would match too much.`,
    );
  }
  const tld = labels[labels.length - 1] as string;
  if (/^(?:\d+|0x[0-9a-f]*)$/.test(tld)) {
    return fail('INVALID_DOMAIN', `'${text}' ends in a numeric label but is not a valid IPv4 address.`);
  }
  return { ok: true, type: 'domain', value: ascii };
}

function normalizeDomain(text: string): NormalizeResult {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIpv4(unbracketed) || isIpv6(unbracketed)) {
    return normalizeIp(unbracketed);
  }
  return normalizeHost(text, 'domain');
}

function normalizeHash(
  type: 'hash' | 'app-cert',
  text: string,
  expected: HashAlgorithm | undefined,
): NormalizeResult {
  let hex = text;
  if (type === 'app-cert' && /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2})+$/.test(hex)) hex = hex.replaceAll(':', '');
  if (!HEX.test(hex)) return fail('INVALID_HASH', `'${text}' is not hexadecimal.`);
  const algorithm = (Object.keys(HASH_LENGTHS) as HashAlgorithm[]).find(
    (a) => HASH_LENGTHS[a] === hex.length,
  );
  if (expected !== undefined && algorithm !== expected) {
    return fail(
      'HASH_LENGTH_MISMATCH',
      `'${text}' has ${hex.length} hex digits; a ${expected} has ${HASH_LENGTHS[expected]}.`,
    );
  }
  if (algorithm === undefined) {
    if (hex.length === 128)
      return fail('UNSUPPORTED_HASH', `'${text}' looks like SHA-512, which is not supported.`);
    return fail(
      'INVALID_HASH',
      `'${text}' has ${hex.length} hex digits; expected 32 (md5), 40 (sha1) or 64 (sha256).`,
    );
  }
  return { ok: true, type, value: hex.toLowerCase(), hashAlgorithm: algorithm };
}

function normalizeEmail(text: string): NormalizeResult {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) {
    return fail('INVALID_EMAIL', `'${text}' is not an e-mail address (local-part@domain).`);
  }
  const local = text.slice(0, at);
  if (local.length > 64 || /[\s@<>()[\],;:"\\]/.test(local)) {
    return fail('INVALID_EMAIL', `'${text}': the part before '@' is not a plain address local part.`);
  }
  const domain = normalizeHost(text.slice(at + 1), 'e-mail domain');
  if (!domain.ok) return fail('INVALID_EMAIL', `'${text}': ${domain.message}`);
  return { ok: true, type: 'email', value: `${local.toLowerCase()}@${domain.value}` };
}

function normalizeUrl(text: string): NormalizeResult {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text);
  if (scheme === null) {
    return fail('INVALID_URL', `'${text}' has no scheme ('https://...'); for a bare host use type 'domain'.`);
  }
  const schemeName = (scheme[1] as string).toLowerCase();
  const afterScheme = text.slice(scheme[0].length);
  const authorityEnd = afterScheme.search(/[/?#]/);
  const authority = authorityEnd < 0 ? afterScheme : afterScheme.slice(0, authorityEnd);
  let rest = authorityEnd < 0 ? '' : afterScheme.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? '' : authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  let host: string;
  let port = '';
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return fail('INVALID_URL', `'${text}': unclosed '[' in the host.`);
    const v6 = parseIp(hostPort.slice(1, close));
    if (v6?.version !== 6)
      return fail('INVALID_URL', `'${text}': the bracketed host is not an IPv6 address.`);
    host = `[${v6.text}]`;
    port = hostPort.slice(close + 1);
    if (port !== '' && !port.startsWith(':'))
      return fail('INVALID_URL', `'${text}': junk after the IPv6 host.`);
    port = port.slice(1);
  } else {
    const colon = hostPort.lastIndexOf(':');
    const hostText = colon < 0 ? hostPort : hostPort.slice(0, colon);
    port = colon < 0 ? '' : hostPort.slice(colon + 1);
    if (isIpv4(hostText)) host = hostText;
    else {
      const h = normalizeHost(hostText, 'URL host');
      if (!h.ok) return fail('INVALID_URL', `'${text}': ${h.message}`);
      host = h.value;
    }
  }
  if (port !== '' && (!/^\d{1,5}$/.test(port) || Number(port) > 65535)) {
    return fail('INVALID_URL', `'${text}': port '${port}' is not a number from 0 to 65535.`);
  }
  if (port !== '') port = String(Number(port));
  if (port !== '' && DEFAULT_PORTS[schemeName] === port) port = '';
  if (rest === '' || rest.startsWith('?') || rest.startsWith('#')) {
    if (schemeName in DEFAULT_PORTS) rest = `/${rest}`;
  }
  return {
    ok: true,
    type: 'url',
    value: `${schemeName}://${userinfo}${host}${port === '' ? '' : `:${port}`}${rest}`,
  };
}

/**
 * The common case in one pass, without allocation: a domain already in normal form (lower-case ASCII
 * letters, digits, `-` and `_`, at least one dot, valid labels, no `xn--`, a TLD that is not numeric).
 * Returns `undefined` for anything else, which then takes the full path.
 */
function fastDomain(s: string): string | undefined {
  const n = s.length;
  if (n === 0 || n > 253) return undefined;
  let labelStart = 0;
  let dots = 0;
  let digitsOnly = true;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63 || s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45)
        return undefined;
      if (i < n) {
        dots++;
        labelStart = i + 1;
        digitsOnly = true;
      }
    } else if (c >= 97 && c <= 122) digitsOnly = false;
    else if (c === 45 || c === 95) digitsOnly = false;
    else if (c < 48 || c > 57) return undefined;
  }
  if (dots === 0 || digitsOnly || s.startsWith('0x', labelStart) || s.includes('xn--')) return undefined;
  return s;
}

/**
 * @internal Whether `s` is a domain in normal form whose last label is 2 to 63 letters: what
 * {@link detectIndicatorType} calls a domain at its first step, and what `normalizeIndicatorValue('domain', s)`
 * returns unchanged. A list loader takes such a line as it is, in one scan.
 */
export function isListDomain(s: string): boolean {
  if (fastDomain(s) === undefined) return false;
  const tld = s.lastIndexOf('.') + 1;
  if (s.length - tld < 2 || s.length - tld > 63) return false;
  for (let i = tld; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * Checks and normalises one indicator value of a given type. This is the rule every loader applies, and
 * the one a matcher must apply to what it observes so that both sides compare equal.
 *
 * - All types: surrounding ASCII white space is trimmed; NUL and other control characters
 *   (`CONTROL_CHARACTER`), bidirectional and invisible format characters (`BIDI_CHARACTER`) and U+FFFD or
 *   lone surrogates (`INVALID_UTF8`) are rejected; empty values are `EMPTY_VALUE`.
 * - `domain`: NFKC then lower case (close to the UTS #46 mapping browsers apply; the full table is not
 *   used), ideographic full stops read as dots, one trailing dot removed, IDN labels to `xn--` Punycode
 *   (RFC 3492), letters, digits, `-` and `_` only, at least one dot
 *   (`DOMAIN_WITHOUT_DOT`). An IP literal comes back as type `ip` (MVT's files write C2 IPs as
 *   `domain-name:value`).
 * - `ip`: strict dotted-quad IPv4 (no leading zeros) or IPv6 in RFC 5952 form as WHATWG URL writes it
 *   (the same text as {@link parseIp}); with `/n` it becomes `cidr`.
 * - `cidr`: the network address and prefix; host bits set give the warning `CIDR_HOST_BITS`.
 * - `hash`, `app-cert`: hex, lower case, the algorithm from the length (32, 40, 64); certificate
 *   fingerprints written `AB:CD:...` lose their colons.
 * - `email`: the whole address lower-cased, its domain normalised as above.
 * - `url`: scheme and host lower-cased, host to Punycode, default port dropped, empty path of a web URL
 *   becomes `/`; path, query and fragment are kept as written.
 * - `process-name`, `file-name`: kept as written (case matters), but they cannot contain `/`.
 * - `file-path`: kept as written; a relative path gives the warning `RELATIVE_PATH`.
 * - `app-id`, `android-property`, `configuration-profile`: kept as written (case kept; MVT compares app
 *   ids and property names case-insensitively, which a matcher profile may do); app ids and property
 *   names may hold only letters, digits, `.`, `_` and `-`.
 *
 * @param type - The type the source declares.
 * @param raw - The value as written.
 * @returns `{ ok: true, type, value }` or `{ ok: false, code, message }`; never throws.
 *
 * @example
 * ```ts
 * import { normalizeIndicatorValue } from '@vigil/matcher';
 *
 * normalizeIndicatorValue('domain', 'Bücher.Example.'); // { ok: true, type: 'domain', value: 'xn--bcher-kva.example' }
 * normalizeIndicatorValue('domain', '192.0.2.7'); // { ok: true, type: 'ip', value: '192.0.2.7' }
 * normalizeIndicatorValue('domain', 'localhost'); // { ok: false, code: 'DOMAIN_WITHOUT_DOT', ... }
 * ```
 */
export function normalizeIndicatorValue(
  type: IndicatorType,
  raw: string,
  options: NormalizeOptions = {},
): NormalizeResult {
  const maxLength = options.maxLength ?? 8192;
  if (raw.length > maxLength) {
    return fail('VALUE_TOO_LONG', `The value is ${raw.length} characters long; the limit is ${maxLength}.`);
  }
  if (type === 'domain') {
    const fast = fastDomain(raw);
    if (fast !== undefined) return { ok: true, type, value: fast };
  }
  const text =
    raw.length > 0 && raw.charCodeAt(0) > 0x20 && raw.charCodeAt(raw.length - 1) > 0x20
      ? raw
      : raw.replace(/^[ \t\r\n\f\v]+|[ \t\r\n\f\v]+$/g, '');
  const bad = checkCharacters(text);
  if (bad !== undefined) return bad;
  if (text === '') return fail('EMPTY_VALUE', 'The value is empty.');
  switch (type) {
    case 'domain':
      return normalizeDomain(text);
    case 'ip':
    case 'cidr': {
      const r = normalizeIp(text);
      if (r.ok && type === 'cidr' && r.type === 'ip') {
        return { ok: true, type: 'cidr', value: `${r.value}/${r.value.includes(':') ? 128 : 32}` };
      }
      return r;
    }
    case 'hash':
    case 'app-cert':
      return normalizeHash(type, text, options.hashAlgorithm);
    case 'email':
      return normalizeEmail(text);
    case 'url':
      return normalizeUrl(text);
    case 'process-name':
    case 'file-name':
      if (text.includes('/')) {
        return fail(
          'INVALID_VALUE',
          `'${text}' contains '/': a ${type === 'process-name' ? 'process' : 'file'} name is a single path component; use 'file-path' for paths.`,
        );
      }
      return { ok: true, type, value: text };
    case 'file-path':
      if (!text.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(text)) {
        return {
          ok: true,
          type,
          value: text,
          warning: {
            code: 'RELATIVE_PATH',
            message: `'${text}' is a relative path; it can only match paths that are relative too, or by suffix.`,
          },
        };
      }
      return { ok: true, type, value: text };
    case 'app-id':
    case 'android-property':
      if (!/^[A-Za-z0-9._-]+$/.test(text)) {
        return fail('INVALID_VALUE', `'${text}' may hold only letters, digits, '.', '_' and '-'.`);
      }
      return { ok: true, type, value: text };
    case 'configuration-profile':
      return { ok: true, type, value: text };
  }
}

/**
 * Guesses the type of a bare value, as found in a plain list. Package names (`com.example.app`) look like
 * domains and process names look like anything, so lists of those must be loaded with an explicit type.
 *
 * Order: URL with a scheme, IP, CIDR, hex hash (32/40/64 digits), e-mail, absolute file path, domain.
 *
 * @returns The type, or `undefined` when nothing fits.
 *
 * @example
 * ```ts
 * import { detectIndicatorType } from '@vigil/matcher';
 *
 * detectIndicatorType('https://evil.test/x'); // 'url'
 * detectIndicatorType('198.51.100.7'); // 'ip'
 * detectIndicatorType('evil.test'); // 'domain'
 * detectIndicatorType('fservernetd'); // undefined
 * ```
 */
export function detectIndicatorType(raw: string): IndicatorType | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const fast = fastDomain(text);
  if (fast !== undefined) {
    const c = text.charCodeAt(text.lastIndexOf('.') + 1);
    // A normal-form domain is not a URL, IP, hash, e-mail or path; its TLD must start with a letter.
    if (c >= 97 && c <= 122 && /^[a-z]{2,63}$/.test(text.slice(text.lastIndexOf('.') + 1))) return 'domain';
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text)) return 'url';
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const slash = unbracketed.indexOf('/');
  const address = slash < 0 ? unbracketed : unbracketed.slice(0, slash);
  if (isIpv4(address) || isIpv6(address)) {
    return slash < 0 ? 'ip' : 'cidr';
  }
  if (HEX.test(text) && (text.length === 32 || text.length === 40 || text.length === 64)) return 'hash';
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) return 'email';
  if (text.startsWith('/')) return 'file-path';
  if (text.includes('.')) {
    const d = normalizeHost(text, 'domain');
    if (d.ok && /^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/.test(d.value.slice(d.value.lastIndexOf('.') + 1))) {
      return 'domain';
    }
  }
  return undefined;
}
