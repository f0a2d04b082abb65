/**
 * `MATCHES` support: the STIX spec asks for PCRE syntax; Vigil runs regular expressions on re2js, a
 * linear-time engine, so no pattern can cause catastrophic backtracking. PCRE constructs RE2 lacks are either
 * translated (when the translation keeps the meaning) or rejected with a clear message.
 */
import { RE2JS } from 're2js';

export type RegexResult =
  | { readonly ok: true; readonly regex: RE2JS; readonly translated: string; readonly size: number }
  | { readonly ok: false; readonly code: 'UNSUPPORTED_REGEX' | 'INVALID_REGEX'; readonly message: string };

const HSPACE = '[\\t \\x{a0}\\x{1680}\\x{180e}\\x{2000}-\\x{200a}\\x{202f}\\x{205f}\\x{3000}]';
const NOT_HSPACE = '[^\\t \\x{a0}\\x{1680}\\x{180e}\\x{2000}-\\x{200a}\\x{202f}\\x{205f}\\x{3000}]';
const NEWLINE_SEQ = '(?:\\r\\n|[\\n\\x{b}\\f\\r\\x{85}\\x{2028}\\x{2029}])';

const unsupported = (message: string): RegexResult => ({ ok: false, code: 'UNSUPPORTED_REGEX', message });

/**
 * Translates PCRE syntax into RE2 syntax. Returns the translated text or an error result.
 * Handles: `(?#…)` comments (removed), `\e`, `\cX`, `\h`, `\H`, `\R`, `\Z`, and PCRE's `$` (end of text or
 * before a final newline) when no `(?m)` flag is used.
 */
export function translatePcre(source: string): string | RegexResult {
  const multiline = /\(\?[a-zA-Z]*m[a-zA-Z-]*[:)]/.test(source);
  let out = '';
  let inClass = false;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      const d = source[i + 1];
      if (d === undefined)
        return { ok: false, code: 'INVALID_REGEX', message: 'regular expression ends with a lone backslash' };
      if (d >= '1' && d <= '9' && !inClass) {
        return unsupported(
          `backreference '\\${d}' is not supported: MATCHES runs on a linear-time engine (RE2), which has no backreferences`,
        );
      }
      if (d === 'k' || d === 'g') {
        return unsupported(
          `backreference '\\${d}' is not supported: MATCHES runs on a linear-time engine (RE2)`,
        );
      }
      if (d === 'G' || d === 'K' || d === 'X' || d === 'N' || ((d === 'V' || d === 'v') && !inClass)) {
        return unsupported(
          `PCRE escape '\\${d}' has no equivalent in the linear-time engine (RE2) MATCHES uses`,
        );
      }
      if (d === 'e') {
        out += '\\x1b';
        i++;
        continue;
      }
      if (d === 'c') {
        const x = source[i + 2];
        if (x === undefined)
          return { ok: false, code: 'INVALID_REGEX', message: "'\\c' must be followed by a character" };
        const code = x.toUpperCase().charCodeAt(0) ^ 0x40;
        out += `\\x{${code.toString(16)}}`;
        i += 2;
        continue;
      }
      if (d === 'h' && !inClass) {
        out += HSPACE;
        i++;
        continue;
      }
      if (d === 'H' && !inClass) {
        out += NOT_HSPACE;
        i++;
        continue;
      }
      if (d === 'R' && !inClass) {
        out += NEWLINE_SEQ;
        i++;
        continue;
      }
      if (d === 'Z' && !inClass) {
        out += '(?:\\n?\\z)';
        i++;
        continue;
      }
      if (d === 'Q') {
        // \Q…\E: RE2 supports it; copy through verbatim up to \E.
        const end = source.indexOf('\\E', i + 2);
        const stop = end < 0 ? n : end + 2;
        out += source.slice(i, stop);
        i = stop - 1;
        continue;
      }
      out += c + d;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // a ']' or '^]' right after '[' is literal
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (source[i + 1] === ']') {
        out += ']';
        i++;
      }
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2, i + 4);
      if (rest.startsWith('#')) {
        const close = source.indexOf(')', i);
        if (close < 0) return { ok: false, code: 'INVALID_REGEX', message: "unterminated '(?#' comment" };
        i = close;
        continue;
      }
      if (rest.startsWith('=') || rest.startsWith('!')) {
        return unsupported(
          `lookahead '(?${rest[0]}' is not supported: MATCHES runs on a linear-time engine (RE2), which supports lookbehind only`,
        );
      }
      if (source.startsWith("(?'", i)) {
        const close = source.indexOf("'", i + 3);
        if (close > i + 3 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(source.slice(i + 3, close))) {
          out += `(?P<${source.slice(i + 3, close)}>`;
          i = close;
          continue;
        }
      }
      if (rest.startsWith('P=') || rest.startsWith('P>')) {
        return unsupported(
          `named backreference or subroutine '(?${rest}' is not supported by the linear-time engine (RE2)`,
        );
      }
      if (rest.startsWith('>'))
        return unsupported("atomic group '(?>' is not supported by the linear-time engine (RE2)");
      if (rest.startsWith('|'))
        return unsupported("branch-reset group '(?|' is not supported by the linear-time engine (RE2)");
      if (rest.startsWith('('))
        return unsupported("conditional '(?(' is not supported by the linear-time engine (RE2)");
      if (/^[R0-9+&]/.test(rest))
        return unsupported('recursion and subroutine calls are not supported by RE2');
    }
    if (c === '+' && i > 0 && /[*+?}]/.test(source[i - 1] ?? '') && source[i - 2] !== '\\') {
      return unsupported(
        `possessive quantifier '${source[i - 1]}+' is not supported by the linear-time engine (RE2); drop the '+'`,
      );
    }
    if (c === '$' && !multiline) {
      out += '(?:\\n?\\z)';
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * Largest compiled program accepted. Matching costs at most (value length × program size) steps; real
 * indicator regexes compile to a few dozen instructions.
 */
const MAX_PROGRAM = 5000;

/**
 * Most (value length × program size) work spent on one value: about a few hundred milliseconds at worst.
 * Beyond it the evaluator reports a limit instead of hanging.
 */
export const MAX_REGEX_WORK = 200_000_000;

function programSize(regex: RE2JS): number {
  const prog = (regex.re2() as { prog?: { numInst?: () => number } }).prog;
  const n = prog?.numInst?.();
  return typeof n === 'number' ? n : regex.pattern().length;
}

const cache = new Map<string, RegexResult>();

/**
 * Compiles a STIX `MATCHES` operand: PCRE syntax, DOTALL (the spec requires `.` to match any character),
 * search semantics. Results are cached (bounded).
 */
export function compileStixRegex(source: string): RegexResult {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  let result: RegexResult;
  const translated = translatePcre(source);
  if (typeof translated !== 'string') result = translated;
  else {
    try {
      const regex = RE2JS.compile(translated, RE2JS.DOTALL | RE2JS.LOOKBEHINDS);
      const size = programSize(regex);
      result =
        size > MAX_PROGRAM
          ? {
              ok: false,
              code: 'INVALID_REGEX',
              message: `regular expression is too large (${size} instructions, limit ${MAX_PROGRAM}); counted repetitions such as .{1000} multiply its size`,
            }
          : { ok: true, regex, translated, size };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      result = { ok: false, code: 'INVALID_REGEX', message: `invalid regular expression: ${msg}` };
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(source, result);
  return result;
}
