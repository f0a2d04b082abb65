/**
 * Lexer for the STIX 2.1 patterning language, following the token rules of `STIXPattern.g4` (longest match,
 * keywords before identifiers, upper-case keywords only, `//` and block comments skipped).
 */
import { PatternSyntaxError } from '../pattern-errors.js';

export type TokenKind =
  | 'keyword'
  | 'identifier'
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'hex'
  | 'binary'
  | 'timestamp'
  | 'operator'
  | 'punct'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Raw text of the token. */
  readonly text: string;
  /** Decoded value: string content, hex digits, base64, timestamp text, keyword or operator (normalised). */
  readonly value: string;
  /** For identifiers: contains a hyphen (valid as an object type, not as a property name). */
  readonly hyphen: boolean;
  readonly start: number;
  readonly end: number;
}

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

/** Keywords written in the wrong case, to suggest the right spelling. */
const KEYWORDS_LOWER = new Map([...KEYWORDS].map((k) => [k.toLowerCase(), k]));

const WS = new Set([
  0x20, 0x09, 0x0d, 0x0a, 0x0b, 0x0c, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;

const TIMESTAMP =
  /^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?Z$/;

/** Describes a character for an error message. */
function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e)
  ) {
    return `character ${hex}`;
  }
  if ((cp >= 0x2066 && cp <= 0x2069) || cp === 0xfeff) return `character ${hex}`;
  return `'${ch}' (${hex})`;
}

/** Splits `text` into tokens; throws {@link PatternSyntaxError} on the first bad character or literal. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  const fail = (reason: string, at: number): never => {
    throw new PatternSyntaxError('PATTERN_SYNTAX', reason, text, at);
  };
  const push = (kind: TokenKind, start: number, end: number, value?: string, hyphen = false): void => {
    const raw = text.slice(start, end);
    tokens.push({ kind, text: raw, value: value ?? raw, hyphen, start, end });
  };
  /** Reads a quoted string starting at the quote at `q`; returns [decoded, offset after the closing quote]. */
  const readString = (q: number, what: string, opener: number): [string, number] => {
    let j = q + 1;
    let out = '';
    let chunk = j;
    for (;;) {
      if (j >= n) fail(`unterminated ${what}: no closing quote for the one`, opener);
      const c = text.charCodeAt(j);
      if (c === 39) {
        out += text.slice(chunk, j);
        return [out, j + 1];
      }
      if (c === 92) {
        const d = text.charCodeAt(j + 1);
        if (d === 39 || d === 92) {
          out += text.slice(chunk, j) + text[j + 1];
          j += 2;
          chunk = j;
          continue;
        }
        const shown = j + 1 < n ? `\\${text[j + 1]}` : '\\';
        fail(
          `invalid escape '${shown}' in ${what}: only \\' and \\\\ are allowed (a regular expression for MATCHES doubles its backslashes: '\\${shown}')`,
          j,
        );
      }
      j++;
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (WS.has(c)) {
      i++;
      continue;
    }
    // comments
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) fail("unterminated comment: '/*' has no closing '*/'", i);
      i = close + 2;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      let j = i + 2;
      while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      i = j;
      continue;
    }
    const start = i;
    // typed literals h'…', b'…', t'…'
    if ((c === 104 || c === 98 || c === 116) && text.charCodeAt(i + 1) === 39) {
      const kind = c === 104 ? 'hex' : c === 98 ? 'binary' : 'timestamp';
      const what = `${kind} literal`;
      const [body, end] = readString(i + 1, what, i);
      if (kind === 'hex') {
        for (let k = 0; k < body.length; k++) {
          if (!isHex(body.charCodeAt(k))) {
            fail(`invalid hex literal: '${body[k]}' is not a hex digit (use h'0a1b…')`, i + 2 + k);
          }
        }
        if (body.length % 2 !== 0) fail('invalid hex literal: it needs an even number of hex digits', i);
        push('hex', start, end, body.toLowerCase());
      } else if (kind === 'binary') {
        const ok = BASE64.test(body);
        if (!ok) {
          fail(
            "invalid binary literal: b'…' must hold base64 (A-Z a-z 0-9 + /) in groups of 4, padded with '=', at least 4 characters",
            i,
          );
        }
        push('binary', start, end, body);
      } else {
        if (!TIMESTAMP.test(body)) {
          fail(
            `invalid timestamp literal t'${body.length > 40 ? `${body.slice(0, 40)}…` : body}': expected t'YYYY-MM-DDTHH:MM:SS[.s+]Z' in UTC, e.g. t'2016-06-01T00:00:00Z'`,
            i,
          );
        }
        push('timestamp', start, end, body);
      }
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      let hyphen = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 45) hyphen = true;
        else if (!isIdentPart(d)) break;
      }
      const word = text.slice(i, j);
      if (KEYWORDS.has(word)) push('keyword', i, j);
      else if (word === 'true' || word === 'false') push('boolean', i, j);
      else push('identifier', i, j, word, hyphen);
      i = j;
      continue;
    }
    // numbers: [+-]? digits, [+-]? digits* . digits+
    if (
      isDigit(c) ||
      (c === 46 && isDigit(text.charCodeAt(i + 1))) ||
      ((c === 43 || c === 45) &&
        (isDigit(text.charCodeAt(i + 1)) ||
          (text.charCodeAt(i + 1) === 46 && isDigit(text.charCodeAt(i + 2)))))
    ) {
      let j = c === 43 || c === 45 ? i + 1 : i;
      const digitsStart = j;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const digitsEnd = j;
      if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
        j += 1;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        push('float', i, j, text.slice(i, j).replace(/^\+/, ''));
        i = j;
        continue;
      }
      if (digitsEnd - digitsStart > 1 && text.charCodeAt(digitsStart) === 48) {
        fail(`invalid integer '${text.slice(i, digitsEnd)}': integers may not have leading zeros`, i);
      }
      push('integer', i, digitsEnd, text.slice(i, digitsEnd).replace(/^\+/, ''));
      i = digitsEnd;
      continue;
    }
    if (c === 39) {
      const [body, end] = readString(i, 'string literal', i);
      push('string', start, end, body);
      i = end;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      push('operator', i, i + 2, two === '==' ? '=' : two === '<>' ? '!=' : two);
      i += 2;
      continue;
    }
    if (c === 61 || c === 60 || c === 62) {
      push('operator', i, i + 1);
      i++;
      continue;
    }
    if (c === 58 || c === 46 || c === 44 || c === 40 || c === 41 || c === 91 || c === 93 || c === 42) {
      push('punct', i, i + 1);
      i++;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
    if (c === 34) fail("unexpected '\"': strings are written in single quotes", i);
    if (c === 43 || c === 45) fail(`unexpected '${ch}': a sign must be followed directly by digits`, i);
    fail(`unexpected ${describeChar(ch)}`, i);
  }
  tokens.push({ kind: 'eof', text: '', value: '', hyphen: false, start: n, end: n });
  return tokens;
}

/** Suggests the upper-case keyword for a lower- or mixed-case word, if there is one. */
export function keywordFor(word: string): string | undefined {
  return KEYWORDS_LOWER.get(word.toLowerCase());
}
