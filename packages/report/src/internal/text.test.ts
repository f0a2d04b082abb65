import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvSafeCell, defang, displayIndicator, unvisible, visible } from './text.js';

const JUNK = [
  ' ',
  '\t',
  '\r',
  '\n',
  '\u0000',
  '\u200b',
  '\u200e',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\u00a0',
  '\u3000',
];
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

describe('csvSafeCell', () => {
  it('guards a trigger standing first, also after spaces, controls, bidi and zero-width characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...JUNK), { maxLength: 5 }),
        fc.constantFrom(...TRIGGERS),
        fc.string(),
        (junk, trigger, rest) => {
          const cell = `${junk.join('')}${trigger}${rest}`;
          expect(csvSafeCell(cell).startsWith("'")).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('leaves other text unchanged', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const lead =
          s.match(
            new RegExp(
              `^[\\s${JUNK.join('')}\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\u061c\\u180e\\u2028\\u2029\\u00ad\\ufff9-\\ufffb]*`,
              'u',
            ),
          )?.[0] ?? '';
        const risky = /^[=+\-@]/.test(s.slice(lead.length)) || /[\t\r]/.test(lead);
        expect(csvSafeCell(s) === `'${s}`).toBe(risky);
      }),
      { numRuns: 100 },
    );
  });
});

describe('visible', () => {
  it('leaves no control, bidi or zero-width character and round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const shown = visible(s);
        expect(shown).not.toMatch(
          // biome-ignore lint/suspicious/noControlCharactersInRegex: testing for control characters
          /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u,
        );
        if (!/<U\+[0-9A-F]{4,6}>/.test(s)) expect(unvisible(shown)).toBe(s);
      }),
      { numRuns: 100 },
    );
    expect(visible('a\u202Eb')).toBe('a<U+202E>b');
  });
});

describe('defang', () => {
  it('defangs URLs, domains and addresses, with punycode for international hosts', () => {
    expect(defang('https://evil.example/x')).toBe('hxxps://evil[.]example/x');
    expect(displayIndicator('domain', 'bücher.example')).toBe('xn--bcher-kva[.]example (bücher[.]example)');
    expect(displayIndicator('email', 'a@b.example')).toBe('a[@]b[.]example');
    expect(displayIndicator('process-name', 'bad\u202Egpj.exe')).toBe('bad<U+202E>gpj.exe');
  });
});
