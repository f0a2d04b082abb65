import {
  containsNeedle,
  decodeEntities,
  decodePercent,
  needleVariants,
  normalizeForMatch,
  refang,
  unescapeMarkup,
} from './internal/normalize.js';
import type { LeakFinding } from './report-error.js';
import { ReportError } from './report-error.js';

function jsonStrings(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        parts.push(k);
        walk(v);
      }
    }
  };
  walk(parsed);
  return parts.join('\n');
}

/**
 * Decoded views of an output, each searched by the leak gate: the raw text; HTML entities decoded (text and
 * attribute values alike); percent escapes decoded; Markdown/CSV escapes removed; defanging reversed; the
 * strings and keys of a JSON document; and the tag-free text of markup.
 */
function views(text: string): [string, string][] {
  const entities = decodeEntities(text);
  const out: [string, string][] = [
    ['raw', text],
    ['html-entities-decoded', entities],
    ['percent-decoded', decodePercent(entities)],
    ['markup-unescaped', unescapeMarkup(decodeEntities(text))],
    ['refanged', refang(unescapeMarkup(decodePercent(entities)))],
    ['tags-removed', refang(unescapeMarkup(decodeEntities(text.replace(/<[^>]*>/g, ''))))],
  ];
  const json = jsonStrings(text);
  if (json !== undefined) out.push(['json-strings', json], ['json-strings-refanged', refang(json)]);
  return out;
}

/**
 * The leak gate, the last line of defence: searches an output (text, or bytes decoded as UTF-8 and as
 * Latin-1) for every sensitive value, in every decoded view (entities, percent escapes, Markdown and CSV
 * escapes, defanging, JSON strings and keys) after Unicode normalisation (NFKC, invisible and bidi characters
 * removed, visible `<U+XXXX>` placeholders restored, case folded), with variants (digits-only phone numbers,
 * punycode of international domains). Short values (under 5 characters) must stand on token boundaries.
 *
 * @param output - A rendered output: text, attributes, metadata and ids all included.
 * @param sensitiveValues - What the audience may not see (see {@link sensitiveValuesOf}).
 * @throws {@link ReportError} `LEAK_DETECTED` listing value indexes (never the values), failing closed.
 *
 * @example
 * ```ts
 * import { assertNoLeak } from '@vigil/report';
 *
 * assertNoLeak('<p>Journalist A</p>', ['+1 555 0100']); // passes
 * assertNoLeak('<p>+1&#32;555 0100</p>', ['+1 555 0100']); // throws LEAK_DETECTED
 * ```
 */
export function assertNoLeak(output: string | Uint8Array, sensitiveValues: readonly string[]): void {
  const texts =
    typeof output === 'string'
      ? [output]
      : [new TextDecoder('utf-8', { fatal: false }).decode(output), new TextDecoder('latin1').decode(output)];
  const leaks: LeakFinding[] = [];
  const needles = sensitiveValues.map((value) => needleVariants(value));
  for (const text of texts) {
    for (const [name, view] of views(text)) {
      const haystack = normalizeForMatch(view);
      needles.forEach((variants, valueIndex) => {
        if (leaks.some((l) => l.valueIndex === valueIndex)) return;
        if (variants.some((needle) => containsNeedle(haystack, needle)))
          leaks.push({ valueIndex, view: name });
      });
    }
  }
  if (leaks.length > 0) {
    throw new ReportError(
      'LEAK_DETECTED',
      `The leak gate found ${leaks.length} sensitive value(s) in the output (indexes ${leaks.map((l) => l.valueIndex).join(', ')}); nothing was returned`,
      { leaks },
    );
  }
}
