import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error-offset.js';

describe('jsonErrorOffset', () => {
  it('finds the first offending character', () => {
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[1, 2,, 3]')).toBe(6);
    expect(jsonErrorOffset('{"a": tru }')).toBe(6);
    expect(jsonErrorOffset('{"a": "\\x"}')).toBe(8);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset("{'a': 1}")).toBe(1);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
  });

  it('points at the end of a truncated text', () => {
    expect(jsonErrorOffset('')).toBe(0);
    expect(jsonErrorOffset('{"a": [1, 2')).toBe(11);
    expect(jsonErrorOffset('{"a": "unterminated')).toBe(19);
    expect(jsonErrorOffset('{"a": tr')).toBe(8);
  });

  it('handles deep nesting without overflowing the stack', () => {
    expect(jsonErrorOffset(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(-1);
    expect(jsonErrorOffset('['.repeat(100_000))).toBe(100_000);
  });

  it('property: agrees with JSON.parse on validity', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.json().map((s) => s.slice(0, -1)),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          expect(jsonErrorOffset(text) === -1).toBe(valid);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
