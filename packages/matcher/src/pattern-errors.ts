/**
 * Typed errors for the STIX patterning language: subclasses of `VigilError` (from `@vigil/core`) that add the
 * position of the problem, so `isVigilError(e)` recognises them.
 */
import { VigilError } from '@vigil/core';

/**
 * Codes of {@link PatternSyntaxError}.
 *
 * @example
 * ```ts
 * import { type PatternSyntaxErrorCode, validatePattern } from '@vigil/matcher';
 *
 * const code = validatePattern('('.repeat(1000)).issues[0]?.code; // 'PATTERN_TOO_DEEP'
 * const tooDeep: PatternSyntaxErrorCode = 'PATTERN_TOO_DEEP';
 * ```
 */
export type PatternSyntaxErrorCode = 'PATTERN_SYNTAX' | 'PATTERN_TOO_DEEP' | 'PATTERN_TOO_LONG';

/** Converts a UTF-16 offset into a 1-based line and column. */
export function patternPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Builds a fast offset → line/column lookup for one text (binary search over line starts). */
export function positionLookup(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}

/**
 * Thrown by {@link parsePattern} when the text is not a STIX 2.1 pattern. `offset` is the UTF-16 offset of
 * the problem; `line` and `column` are 1-based. The message says what was expected and where.
 *
 * @example
 * ```ts
 * import { parsePattern, isPatternSyntaxError } from '@vigil/matcher';
 *
 * try {
 *   parsePattern("[file:name = 'a.exe'");
 * } catch (e) {
 *   if (isPatternSyntaxError(e)) console.log(e.code, e.column, e.message);
 * }
 * ```
 */
export class PatternSyntaxError extends VigilError {
  override name = 'PatternSyntaxError';
  /** `PATTERN_SYNTAX`, `PATTERN_TOO_DEEP` (nesting over the limit) or `PATTERN_TOO_LONG`. */
  declare readonly code: PatternSyntaxErrorCode;
  /** UTF-16 offset of the problem in the pattern text. */
  readonly offset: number;
  /** 1-based line of the problem. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) of the problem. */
  readonly column: number;
  /** The message without the position suffix. */
  readonly reason: string;

  /**
   * @param code - What went wrong.
   * @param reason - What was expected, in words.
   * @param text - The pattern text.
   * @param offset - Where in `text`.
   */
  constructor(code: PatternSyntaxErrorCode, reason: string, text: string, offset: number) {
    const { line, column } = patternPosition(text, offset);
    super(code, `${reason} at ${line > 1 ? `line ${line}, ` : ''}column ${column}`);
    this.reason = reason;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

/**
 * Whether `e` is a {@link PatternSyntaxError} (checked by brand and code, not `instanceof`).
 *
 * @example
 * ```ts
 * import { parsePattern, isPatternSyntaxError } from '@vigil/matcher';
 *
 * try { parsePattern('[x'); } catch (e) { isPatternSyntaxError(e); } // true
 * ```
 */
export function isPatternSyntaxError(e: unknown): e is PatternSyntaxError {
  const x = e as { isVigilError?: unknown; code?: unknown; offset?: unknown } | null;
  return (
    x?.isVigilError === true &&
    (x.code === 'PATTERN_SYNTAX' || x.code === 'PATTERN_TOO_DEEP' || x.code === 'PATTERN_TOO_LONG') &&
    typeof x.offset === 'number'
  );
}
