import type { IndicatorSet, IndicatorSource, IndicatorType } from './indicator.js';
import { makeSet, readInput } from './internal/load-input.js';
import { loadEchapYaml } from './load-echap.js';
import { loadList } from './load-list.js';
import { loadMvtIndex } from './load-mvt-index.js';
import type { LoadOptions } from './load-options.js';
import { loadStix } from './load-stix.js';

/**
 * The formats {@link loadIndicators} reads; `auto` detects one from the content (and the file name).
 *
 * @example
 * ```ts
 * import type { IndicatorFormat } from '@vigil/matcher';
 *
 * const format: IndicatorFormat = 'stix2';
 * ```
 */
export type IndicatorFormat = IndicatorSource['format'] | 'auto';

/**
 * Options for {@link loadIndicators}.
 *
 * @example
 * ```ts
 * import { loadIndicators } from '@vigil/matcher';
 *
 * loadIndicators(bytes, { format: 'auto', file: 'pegasus.stix2', licence: 'CC-BY-2.0' });
 * ```
 */
export interface LoadIndicatorsOptions extends LoadOptions {
  /**
   * The input's format.
   * @default 'auto'
   */
  readonly format?: IndicatorFormat;
  /**
   * For lists: the type of every value (see {@link LoadListOptions.type}).
   * @default undefined (detected per line)
   */
  readonly type?: IndicatorType;
}

/**
 * Guesses the format of an input: JSON (`{` or `[{`) is `stix2`; YAML with a top-level `indicators:` key is
 * `mvt-index`; a YAML list of apps (`- name:` with `packages:`, `websites:`, `certificates:` or `c2:`) is
 * `echap-yaml`; anything else is `list`. The file extension breaks ties (`.stix2`/`.json`, `.yaml`/`.yml`).
 *
 * @param text - The input text (a prefix of it is enough).
 * @param file - The file name, if known.
 * @returns The format.
 *
 * @example
 * ```ts
 * import { detectIndicatorFormat } from '@vigil/matcher';
 *
 * detectIndicatorFormat('{"type": "bundle", "objects": []}'); // 'stix2'
 * detectIndicatorFormat('evil.test\n'); // 'list'
 * ```
 */
export function detectIndicatorFormat(text: string, file?: string): IndicatorSource['format'] {
  const head = text.slice(0, 65_536).replace(/^\ufeff/, '');
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{') || /^\[\s*(?:\{|\]|$)/.test(trimmed)) return 'stix2';
  const ext = /\.([a-z0-9]+)$/i.exec(file ?? '')?.[1]?.toLowerCase();
  if (ext === 'stix2' || ext === 'json') return 'stix2';
  if (/^indicators:[ \t]*(?:#.*)?$/m.test(head)) return 'mvt-index';
  if (
    /^-[ \t]+name:/m.test(head) &&
    /^[ \t]+(?:packages|websites|certificates|c2|ios_bundles):/m.test(head)
  ) {
    return 'echap-yaml';
  }
  if (ext === 'yaml' || ext === 'yml') return 'echap-yaml';
  return 'list';
}

/**
 * Loads indicators from any supported format into one {@link IndicatorSet}: STIX 2.1 (with MVT's
 * dialect; see {@link loadStix}), Echap's `ioc.yaml` ({@link loadEchapYaml}) or a plain list
 * ({@link loadList}). The format is detected when not given ({@link detectIndicatorFormat}). The set's
 * `source` records the format, file, licence, repository, commit and the sha256 of the raw bytes; every
 * indicator keeps that provenance. Nothing is dropped silently and nothing throws on bad input: what
 * cannot be used is a diagnostic with a code and location.
 *
 * MVT's `indicators.yaml` is an index of files, not indicators: given one, this returns no indicators and
 * an `MVT_INDEX` warning; read it with {@link loadMvtIndex}.
 *
 * @param input - The file's bytes (the sha256 is then exactly the file's) or its text.
 * @param options - Format, provenance, the list type and limits.
 * @returns The indicators and diagnostics.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { loadIndicators } from '@vigil/matcher';
 *
 * const set = loadIndicators(readFileSync('pegasus.stix2'), {
 *   file: 'pegasus.stix2',
 *   licence: 'CC-BY-2.0',
 *   repository: 'AmnestyTech/investigations',
 * });
 * console.log(set.indicators.length, set.diagnostics.length, set.source.sha256);
 * ```
 */
export function loadIndicators(
  input: string | Uint8Array,
  options: LoadIndicatorsOptions = {},
): IndicatorSet {
  const { format: requested = 'auto', type, ...rest } = options;
  let format: IndicatorSource['format'];
  if (requested === 'auto') {
    let head: string;
    if (typeof input === 'string') head = input.slice(0, 65_536);
    else if (input instanceof Uint8Array) head = new TextDecoder().decode(input.subarray(0, 65_536));
    else head = '';
    format = detectIndicatorFormat(head, options.file);
  } else format = requested;
  switch (format) {
    case 'stix2':
      return loadStix(input, rest);
    case 'echap-yaml':
      return loadEchapYaml(input, rest);
    case 'list':
      return loadList(input, type === undefined ? rest : { ...rest, type });
    case 'mvt-index': {
      const index = loadMvtIndex(input, rest);
      const read = readInput(new Uint8Array(0), rest, 'mvt-index');
      return makeSet(
        { ...read, source: index.source, diagnostics: [] },
        rest,
        {},
        [],
        [
          ...index.diagnostics,
          {
            code: 'MVT_INDEX',
            severity: 'warning',
            message: `This is MVT's index of indicator files (${index.entries.length} entries), not indicators: read it with loadMvtIndex() and load each file it lists.`,
            location: options.file === undefined ? {} : { file: options.file },
          },
        ],
      );
    }
    default:
      return makeSet(
        readInput(input, rest, 'list'),
        rest,
        {},
        [],
        [
          {
            code: 'UNKNOWN_FORMAT',
            severity: 'error',
            message: `Unknown format '${String(format)}'; expected stix2, mvt-index, echap-yaml, list or auto.`,
            location: options.file === undefined ? {} : { file: options.file },
          },
        ],
      );
  }
}
