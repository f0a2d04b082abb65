/**
 * Finds where a JSON text first goes wrong: the offset of the first offending character, or `text.length`
 * for a text that ends too early; `-1` when the text is valid JSON. Iterative, so deep nesting cannot
 * overflow the stack. V8's own messages no longer carry positions on every Node version, hence this.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const stack: ('o' | 'a')[] = [];
  let expect: 'value' | 'key' | 'after' = 'value';
  const skipWhitespace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
  };
  // Returns -1 when a string was read, else the offset of the problem.
  const scanString = (): number => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return -1;
      }
      if (c < 0x20) return i;
      if (c === 92) {
        const e = text[i + 1];
        if (e === undefined) return n;
        if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            const h = text[i + k];
            if (h === undefined) return n;
            if (!/[0-9a-fA-F]/.test(h)) return i + k;
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) return i + 1;
        i += 2;
        continue;
      }
      i++;
    }
    return n;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  for (;;) {
    skipWhitespace();
    if (expect === 'value') {
      if (i >= n) return n;
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c === '{' ? 'o' : 'a');
        i++;
        skipWhitespace();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          expect = 'after';
        } else {
          expect = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (c === '"') {
        const bad = scanString();
        if (bad !== -1) return bad;
        expect = 'after';
        continue;
      }
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text);
      if (number !== null) {
        i += number[0].length;
        expect = 'after';
        continue;
      }
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (literal !== undefined) {
        i += literal.length;
        expect = 'after';
        continue;
      }
      for (const word of ['true', 'false', 'null']) {
        if (word.startsWith(text.slice(i, n)) && n - i < word.length) return n;
      }
      return i;
    }
    if (expect === 'key') {
      if (i >= n) return n;
      if (text[i] !== '"') return i;
      const bad = scanString();
      if (bad !== -1) return bad;
      skipWhitespace();
      if (i >= n) return n;
      if (text[i] !== ':') return i;
      i++;
      expect = 'value';
      continue;
    }
    const top = stack.at(-1);
    if (top === undefined) return i < n ? i : -1;
    if (i >= n) return n;
    const c = text[i];
    if (c === ',') {
      i++;
      expect = top === 'o' ? 'key' : 'value';
    } else if ((top === 'o' && c === '}') || (top === 'a' && c === ']')) {
      stack.pop();
      i++;
      expect = 'after';
    } else {
      return i;
    }
  }
}
