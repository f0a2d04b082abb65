import type {
  Indicator,
  IndicatorProvenance,
  IndicatorSet,
  IndicatorType,
  SourceLocation,
} from './indicator.js';
import { createDiagnosticSink } from './internal/diagnostic-sink.js';
import { makeSet, readInput } from './internal/load-input.js';
import type { LoadOptions } from './load-options.js';
import {
  checkCharacters,
  detectIndicatorType,
  isListDomain,
  type NormalizeResult,
  normalizeIndicatorValue,
} from './normalize.js';

/**
 * Options for {@link loadList}.
 *
 * @example
 * ```ts
 * import { loadList } from '@vigil/matcher';
 *
 * loadList('com.example.spy\ncom.example.tracker\n', { type: 'app-id', file: 'package_names.txt' });
 * ```
 */
export interface LoadListOptions extends LoadOptions {
  /**
   * The type of every value in the list. Needed for app ids, process names, file names and other values
   * that cannot be told apart from domains or from each other.
   * @default undefined (detected per line with {@link detectIndicatorType})
   */
  readonly type?: IndicatorType;
}

const HOSTS_PREFIX = /^(?:0\.0\.0\.0|127\.0\.0\.1|::1?)[ \t]+(\S+)$/;

/**
 * Loads a plain list: one value a line, blank lines and lines starting with `#` skipped, a `#` after white
 * space starting a comment, CRLF or LF line ends. Lines in hosts-file form (`0.0.0.0 evil.test`) give the
 * host when no type, or type `domain`, is set. Each line's type is `options.type` or, when not given,
 * detected (`UNKNOWN_TYPE` when nothing fits). A value seen twice gives a `DUPLICATE_VALUE` warning and loads
 * once. Diagnostics carry the line and column; NUL, control and bidirectional characters and bytes that
 * are not UTF-8 are reported per line, never thrown.
 *
 * @param input - The file's bytes or text.
 * @param options - The type, provenance and limits.
 * @returns The indicators and diagnostics.
 *
 * @example
 * ```ts
 * import { loadList } from '@vigil/matcher';
 *
 * const set = loadList('# C2\nevil.test\n198.51.100.7\nhttps://evil.test/payload\n', { file: 'c2.txt' });
 * set.indicators.map((i) => i.type); // ['domain', 'ip', 'url']
 * ```
 */
export function loadList(input: string | Uint8Array, options: LoadListOptions = {}): IndicatorSet {
  const read = readInput(input, options, 'list');
  if (!read.usable) return makeSet(read, options, {}, [], []);
  const file = options.file;
  const diagnostics = createDiagnosticSink(options);
  const indicators: Indicator[] = [];
  const seen = new Map<IndicatorType, Map<string, number>>();
  const noNames: readonly string[] = Object.freeze([]);
  const text = read.text;
  const given = options.type;
  const hostsAllowed = given === undefined || given === 'domain';
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.includes('#')) {
      const comment = line.search(/(?:^|[ \t])#/);
      if (comment >= 0) line = line.slice(0, comment);
    }
    let value = line;
    let column = 1;
    if (value.length === 0) continue;
    if (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) {
      const trimmed = value.trimStart();
      column += value.length - trimmed.length;
      value = trimmed.trimEnd();
      if (value === '') continue;
    }
    if (hostsAllowed && (value.includes(' ') || value.includes('\t'))) {
      const hosts = HOSTS_PREFIX.exec(value);
      if (hosts !== null) {
        column += value.length - (hosts[1] as string).length;
        value = hosts[1] as string;
      }
    }
    const location: SourceLocation =
      file === undefined ? { line: lineNo, column } : { file, line: lineNo, column };
    let r: NormalizeResult;
    if ((given === undefined || given === 'domain') && isListDomain(value)) {
      // Nearly every line of a domain list: already in normal form, typed and checked by one scan.
      r = { ok: true, type: 'domain', value };
    } else {
      let type = given;
      if (type === undefined) {
        const bad = checkCharacters(value);
        if (bad !== undefined && !bad.ok) {
          diagnostics.push({
            code: bad.code,
            severity: 'error',
            message: `Line ${lineNo}: ${bad.message}`,
            location,
          });
          continue;
        }
        type = detectIndicatorType(value);
        if (type === undefined) {
          diagnostics.push({
            code: 'UNKNOWN_TYPE',
            severity: 'error',
            message: `Line ${lineNo}: cannot tell what '${value.length > 80 ? `${value.slice(0, 80)}…` : value}' is; load the list with an explicit type.`,
            location,
          });
          continue;
        }
      }
      r = normalizeIndicatorValue(type, value);
      if (!r.ok) {
        diagnostics.push({
          code: r.code,
          severity: 'error',
          message: `Line ${lineNo}: ${r.message}`,
          location,
        });
        continue;
      }
    }
    if (r.warning !== undefined) {
      diagnostics.push({
        code: r.warning.code,
        severity: 'warning',
        message: `Line ${lineNo}: ${r.warning.message}`,
        location,
      });
    }
    let ofType = seen.get(r.type);
    if (ofType === undefined) {
      ofType = new Map();
      seen.set(r.type, ofType);
    }
    const first = ofType.get(r.value);
    if (first !== undefined) {
      diagnostics.push({
        code: 'DUPLICATE_VALUE',
        severity: 'warning',
        message: `Line ${lineNo}: ${r.type} '${r.value}' is already on line ${first}.`,
        location,
      });
      continue;
    }
    ofType.set(r.value, lineNo);
    const provenance: IndicatorProvenance = {
      source: read.source,
      location,
      indicates: noNames,
      revoked: false,
    };
    indicators.push(
      r.hashAlgorithm === undefined
        ? { type: r.type, value: r.value, raw: value, provenance }
        : { type: r.type, value: r.value, raw: value, hashAlgorithm: r.hashAlgorithm, provenance },
    );
  }
  return makeSet(read, options, {}, indicators, diagnostics.done());
}
