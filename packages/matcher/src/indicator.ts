/**
 * The shape every loader produces and every matcher consumes. Loaders never drop an indicator silently:
 * what they cannot use becomes a {@link Diagnostic}.
 */

/**
 * The kinds of artifact an indicator can describe.
 *
 * @example
 * ```ts
 * import { type IndicatorType, normalizeIndicatorValue } from '@vigil/matcher';
 *
 * const type: IndicatorType = 'domain';
 * normalizeIndicatorValue(type, 'Evil.TEST.');
 * ```
 */
export type IndicatorType =
  | 'domain'
  | 'url'
  | 'ip'
  | 'cidr'
  | 'email'
  | 'process-name'
  | 'file-name'
  | 'file-path'
  | 'hash'
  | 'app-id'
  | 'app-cert'
  | 'configuration-profile'
  | 'android-property';

/**
 * Every indicator type, in a stable order.
 *
 * @example
 * ```ts
 * import { INDICATOR_TYPES } from '@vigil/matcher';
 *
 * INDICATOR_TYPES.includes('app-id'); // true
 * ```
 */
export const INDICATOR_TYPES: readonly IndicatorType[] = [
  'domain',
  'url',
  'ip',
  'cidr',
  'email',
  'process-name',
  'file-name',
  'file-path',
  'hash',
  'app-id',
  'app-cert',
  'configuration-profile',
  'android-property',
];

/**
 * Hash algorithms recognised by length and by name.
 *
 * @example
 * ```ts
 * import { normalizeIndicatorValue } from '@vigil/matcher';
 *
 * const r = normalizeIndicatorValue('hash', 'D41D8CD98F00B204E9800998ECF8427E');
 * if (r.ok) r.hashAlgorithm; // 'md5'
 * ```
 */
export type HashAlgorithm = 'md5' | 'sha1' | 'sha256';

/**
 * The file an indicator came from.
 *
 * @example
 * ```ts
 * import { loadIndicators } from '@vigil/matcher';
 *
 * const { source } = loadIndicators('evil.test\n', { file: 'c2.txt', licence: 'CC0-1.0' });
 * source.sha256; // sha256 of the UTF-8 bytes of the input
 * ```
 */
export interface IndicatorSource {
  /** The format it was read as. */
  readonly format: 'stix2' | 'mvt-index' | 'echap-yaml' | 'list';
  /** A file name or URL; `undefined` for in-memory input. */
  readonly file?: string;
  /** The sha256 of the raw bytes read, lower-case hex. */
  readonly sha256: string;
  /** The licence the publisher states for the data, e.g. `CC-BY-2.0`. */
  readonly licence?: string;
  /** Repository or publisher, e.g. `AmnestyTech/investigations`. */
  readonly repository?: string;
  /** Commit of the repository the file was taken from. */
  readonly commit?: string;
}

/**
 * Where an indicator, or a diagnostic, sits in its source.
 *
 * @example
 * ```ts
 * import { loadList } from '@vigil/matcher';
 *
 * loadList('ok.test\nlocalhost\n', { type: 'domain', file: 'x.txt' }).diagnostics[0]?.location;
 * // { file: 'x.txt', line: 2, column: 1 }
 * ```
 */
export interface SourceLocation {
  readonly file?: string;
  /** JSON path (keys and array indexes) into the source document. */
  readonly path?: readonly (string | number)[];
  /** 1-based line in a text source. */
  readonly line?: number;
  /** 1-based column in a text source or pattern. */
  readonly column?: number;
  /** The STIX id of the object concerned. */
  readonly stixId?: string;
}

/**
 * Provenance kept with every indicator, returned with every match.
 *
 * @example
 * ```ts
 * import { loadStix } from '@vigil/matcher';
 *
 * const [first] = loadStix(bundleText, { file: 'pegasus.stix2' }).indicators;
 * first?.provenance.indicates; // ['Pegasus']
 * ```
 */
export interface IndicatorProvenance {
  readonly source: IndicatorSource;
  readonly location: SourceLocation;
  /** The STIX indicator id, when loaded from STIX. */
  readonly stixId?: string;
  /** Names of all the malware, campaigns, intrusion sets or tools it indicates. */
  readonly indicates: readonly string[];
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly revoked: boolean;
  /** STIX confidence, 0 to 100. */
  readonly confidence?: number;
}

/**
 * One usable indicator: a normalised value of one type, with its provenance.
 *
 * @example
 * ```ts
 * import { loadList } from '@vigil/matcher';
 *
 * const [indicator] = loadList('Evil.TEST.\n').indicators;
 * indicator?.value; // 'evil.test'
 * indicator?.raw; // 'Evil.TEST.'
 * ```
 */
export interface Indicator {
  readonly type: IndicatorType;
  /** The normalised value matched against (lower-case host, lower-case hash, ...). */
  readonly value: string;
  /** The value exactly as the source wrote it. */
  readonly raw: string;
  /** For `hash` and `app-cert`. */
  readonly hashAlgorithm?: HashAlgorithm;
  /**
   * Where the value was read from in its source: the STIX object path with the hash name normalised
   * (`domain-name:value`, `file:hashes.sha256`, `android-property:name`; an IP written as
   * `domain-name:value` keeps that key), or the field of an Echap YAML entry (`packages`, `c2.domains`).
   * Absent for plain lists.
   */
  readonly key?: string;
  readonly provenance: IndicatorProvenance;
}

/**
 * A problem found while loading or compiling indicators.
 *
 * @example
 * ```ts
 * import { loadIndicators } from '@vigil/matcher';
 *
 * for (const d of loadIndicators(text).diagnostics) {
 *   console.warn(`${d.severity} ${d.code} at line ${d.location.line ?? '?'}: ${d.message}`);
 * }
 * ```
 */
export interface Diagnostic {
  /** A stable, machine-readable code such as `INVALID_DOMAIN` or `UNSUPPORTED_PATTERN`. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly location: SourceLocation;
}

/**
 * What a loader returns: the indicators it could use, and a diagnostic for everything else.
 *
 * @example
 * ```ts
 * import { createMatcher, loadIndicators } from '@vigil/matcher';
 *
 * const set = loadIndicators(bytes, { file: 'pegasus.stix2' });
 * const matcher = createMatcher([set]);
 * ```
 */
export interface IndicatorSet {
  /** A name for the set, e.g. the STIX file name or the index entry's name. */
  readonly name: string;
  readonly version?: string;
  readonly source: IndicatorSource;
  readonly indicators: readonly Indicator[];
  readonly diagnostics: readonly Diagnostic[];
}
