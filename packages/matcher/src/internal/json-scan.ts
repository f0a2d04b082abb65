/**
 * An iterative JSON syntax scanner, used only after `JSON.parse` has failed: it finds the offset of the
 * first error (V8's messages do not always carry one) and the spans of the complete elements of the
 * bundle's `objects` array (or of a top-level array) read before the error, so they can be recovered.
 * No recursion: nesting depth only grows an array.
 */

/** The result of {@link scanJson}. */
export interface JsonScan {
  /** The first syntax error, or `undefined` if the text is valid JSON. */
  readonly error: { readonly offset: number; readonly message: string } | undefined;
  /** `[start, end)` of each complete element of `objects` (or of the top-level array), in order. */
  readonly elements: readonly (readonly [number, number])[];
}

const OBJ = 0;
const ARR = 1;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function show(text: string, i: number): string {
  if (i >= text.length) return 'the end of the input';
  const cp = text.codePointAt(i) as number;
  if (cp < 0x20 || cp === 0x7f)
    return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(cp)}'`;
}

/** Scans `text`; see {@link JsonScan}. */
export function scanJson(text: string): JsonScan {
  const n = text.length;
  const stack: number[] = [];
  const elements: [number, number][] = [];
  let collectDepth = -1;
  let elementStart = -1;
  let pendingObjectsKey = false;
  let i = 0;
  // 'value' expects a value; 'after' a ',' or a close; 'key' a key (or '}' when `allowClose`); 'colon' a ':'.
  let state: 'value' | 'after' | 'key' | 'colon' = 'value';
  let allowClose = false;

  const err = (offset: number, message: string): JsonScan => ({ error: { offset, message }, elements });
  const endValue = (end: number): void => {
    if (stack.length === collectDepth && elementStart >= 0) {
      elements.push([elementStart, end]);
      elementStart = -1;
    }
  };

  for (;;) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (stack.length === 0 && state === 'after') return { error: undefined, elements };
      const open = stack.length === 0 ? '' : ` (${stack.length} array(s) or object(s) still open)`;
      return err(n, `Unexpected end of the input: the JSON is truncated${open}.`);
    }
    const c = text.charCodeAt(i);
    if (state === 'value') {
      if (stack.length === collectDepth && stack[stack.length - 1] === ARR) elementStart = i;
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (c === 0x5b && ((stack.length === 0 && !pendingObjectsKey) || pendingObjectsKey)) {
          collectDepth = stack.length + 1;
        }
        pendingObjectsKey = false;
        stack.push(c === 0x7b ? OBJ : ARR);
        i++;
        state = c === 0x7b ? 'key' : 'value';
        allowClose = true;
        continue;
      }
      pendingObjectsKey = false;
      if (c === 0x5d /* ] */ && allowClose && stack[stack.length - 1] === ARR) {
        elementStart = -1;
        if (stack.length === collectDepth) collectDepth = -1;
        stack.pop();
        i++;
        endValue(i);
        state = 'after';
        allowClose = false;
        continue;
      }
      allowClose = false;
      if (c === 0x22 /* " */) {
        const end = scanString(text, i);
        if (typeof end !== 'number') return err(end.offset, end.message);
        i = end;
        endValue(i);
        state = 'after';
        continue;
      }
      if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return err(i, `Invalid number starting with ${show(text, i)}.`);
        i = NUMBER.lastIndex;
        endValue(i);
        state = 'after';
        continue;
      }
      const word = text.startsWith('true', i)
        ? 4
        : text.startsWith('null', i)
          ? 4
          : text.startsWith('false', i)
            ? 5
            : 0;
      if (word > 0) {
        i += word;
        endValue(i);
        state = 'after';
        continue;
      }
      return err(i, `Unexpected ${show(text, i)}: expected a JSON value.`);
    }
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return err(i, `Unexpected ${show(text, i)} after the end of the JSON value.`);
      if (c === 0x2c /* , */) {
        i++;
        state = top === OBJ ? 'key' : 'value';
        allowClose = false;
        continue;
      }
      if ((c === 0x7d && top === OBJ) || (c === 0x5d && top === ARR)) {
        if (stack.length === collectDepth) collectDepth = -1;
        stack.pop();
        i++;
        endValue(i);
        state = 'after';
        continue;
      }
      return err(i, `Unexpected ${show(text, i)}: expected ',' or '${top === OBJ ? '}' : ']'}'.`);
    }
    if (state === 'key') {
      if (c === 0x7d && allowClose) {
        stack.pop();
        i++;
        allowClose = false;
        endValue(i);
        state = 'after';
        continue;
      }
      if (c !== 0x22)
        return err(i, `Unexpected ${show(text, i)}: expected a property name in double quotes.`);
      const end = scanString(text, i);
      if (typeof end !== 'number') return err(end.offset, end.message);
      if (stack.length === 1) pendingObjectsKey = text.slice(i, end) === '"objects"';
      i = end;
      state = 'colon';
      allowClose = false;
      continue;
    }
    // colon
    if (c !== 0x3a) return err(i, `Unexpected ${show(text, i)}: expected ':' after the property name.`);
    i++;
    state = 'value';
    if (stack.length !== 1) pendingObjectsKey = false;
  }
}

function scanString(text: string, start: number): number | { offset: number; message: string } {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75 /* u */) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return { offset: i, message: 'Invalid \\u escape: expected four hex digits.' };
        }
        i += 6;
        continue;
      }
      if ('"\\/bfnrt'.includes(text.charAt(i + 1)) && i + 1 < n) {
        i += 2;
        continue;
      }
      return { offset: i, message: `Invalid escape '\\${text.charAt(i + 1)}' in a string.` };
    }
    if (c < 0x20) return { offset: i, message: `Unescaped ${show(text, i)} in a string.` };
    i++;
  }
  return { offset: n, message: 'Unexpected end of the input inside a string: the JSON is truncated.' };
}

/** Converts a UTF-16 offset to a 1-based line and column (lines end at LF, CRLF or CR). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
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
  return { line, column: end - lineStart + 1 };
}
