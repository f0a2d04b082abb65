import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumn, scanJson } from './json-scan.js';

describe('scanJson', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string({ maxLength: 30 }),
          fc.json().map((j) => j.slice(0, -1)),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          expect(scanJson(text).error === undefined).toBe(valid);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('finds the spans of the complete elements of a truncated bundle', () => {
    const bundle = JSON.stringify({
      type: 'bundle',
      id: 'bundle--1',
      other: [{ a: 1 }],
      objects: [{ id: 'a', x: [1, { y: '}' }] }, { id: 'b' }, { id: 'c', z: 'trunc' }],
    });
    const cut = bundle.slice(0, bundle.indexOf('trunc'));
    const scan = scanJson(cut);
    expect(scan.error?.message).toMatch(/truncated/);
    expect(scan.error?.offset).toBe(cut.length);
    expect(scan.elements.map(([s, e]) => JSON.parse(cut.slice(s, e)).id)).toEqual(['a', 'b']);
    expect(scanJson('[{"id":1},{"id":2},').elements).toHaveLength(2);
  });

  it('locates errors by line and column without recursion on deep input', () => {
    const text = '{\n  "a": 1,\n  "b": }';
    const scan = scanJson(text);
    expect(lineColumn(text, scan.error?.offset ?? -1)).toEqual({ line: 3, column: 8 });
    const deep = `${'['.repeat(200_000)}x`;
    expect(scanJson(deep).error?.offset).toBe(200_000);
  });
});
