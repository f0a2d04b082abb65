/**
 * Options every loader takes: where the input came from (kept in each indicator's provenance) and limits.
 *
 * @example
 * ```ts
 * import { loadStix } from '@vigil/matcher';
 *
 * const set = loadStix(bytes, {
 *   file: '2021-07-18_nso/pegasus.stix2',
 *   licence: 'CC-BY-2.0',
 *   repository: 'AmnestyTech/investigations',
 *   commit: 'ce13c36230ce70c30446ded10aa16028d926b34f',
 * });
 * ```
 */
export interface LoadOptions {
  /**
   * A file name or URL for the input; kept in provenance and diagnostics.
   * @default undefined
   */
  readonly file?: string;
  /**
   * The licence the publisher states for the data, e.g. `CC-BY-2.0`.
   * @default undefined
   */
  readonly licence?: string;
  /**
   * Repository or publisher, e.g. `AmnestyTech/investigations`.
   * @default undefined
   */
  readonly repository?: string;
  /**
   * Commit of the repository the file was taken from.
   * @default undefined
   */
  readonly commit?: string;
  /**
   * A name for the set.
   * @default the base name of `file`, else a name found in the data (the STIX malware), else the format
   */
  readonly name?: string;
  /**
   * A version for the set.
   * @default for STIX, the latest `modified` timestamp in the bundle; otherwise `commit`
   */
  readonly version?: string;
  /**
   * Largest input accepted, in bytes (UTF-8); larger input yields one `INPUT_TOO_LARGE` diagnostic and no
   * indicators, before any parsing.
   * @default 268_435_456 (256 MiB)
   */
  readonly maxBytes?: number;
  /**
   * Most diagnostics kept. Past it, diagnostics are only counted by code and one `DIAGNOSTICS_TRUNCATED`
   * warning gives the counts, so a huge file of garbage cannot fill memory with them.
   * @default 10_000
   */
  readonly maxDiagnostics?: number;
}
