/**
 * Artifacts: the observed values that `vigil check` matches against indicators.
 */

/**
 * The kinds of value an artifact can hold. The same literal union as `IndicatorType` in `@vigil/matcher`,
 * so an artifact can be passed straight to `matcher.match({ type, value })`.
 *
 * @example
 * ```ts
 * import type { ArtifactType } from '@vigil/cli';
 *
 * const type: ArtifactType = 'url';
 * ```
 */
export type ArtifactType =
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
 * Where an artifact was read from.
 *
 * @example
 * ```ts
 * import type { ArtifactLocation } from '@vigil/cli';
 *
 * const at: ArtifactLocation = { file: 'results/safari_history.json', path: [3, 'url'] };
 * ```
 */
export interface ArtifactLocation {
  /** The file, as given or relative to the results folder. */
  readonly file: string;
  /** 1-based line, for line-oriented files (CSV, lists, JSON lines). */
  readonly line?: number;
  /** JSON path (keys and array indexes) of the value inside its file or line. */
  readonly path?: readonly (string | number)[];
}

/**
 * One observed value to check, with the context an alert needs.
 *
 * @example
 * ```ts
 * import type { Artifact } from '@vigil/cli';
 *
 * const artifact: Artifact = {
 *   type: 'url',
 *   value: 'https://tracker.example/x',
 *   module: 'safari_history',
 *   eventTime: '2026-03-01 10:00:00.000000',
 *   event: { url: 'https://tracker.example/x' },
 *   location: { file: 'safari_history.json', path: [0, 'url'] },
 * };
 * ```
 */
export interface Artifact {
  readonly type: ArtifactType;
  readonly value: string;
  /** The MVT module (snake_case slug) or the input file's name for plain lists. */
  readonly module: string;
  /** The event's time as the source wrote it; `null` when the source has none. */
  readonly eventTime: string | null;
  /** The whole record the value was found in (an MVT module record, a CSV row, a JSON line). */
  readonly event: unknown;
  readonly location: ArtifactLocation;
}

/**
 * A problem met while reading inputs: the input is reported, never dropped silently.
 *
 * @example
 * ```ts
 * import type { InputDiagnostic } from '@vigil/cli';
 *
 * const d: InputDiagnostic = { code: 'INVALID_JSON', severity: 'error', message: 'Unexpected end', file: 'x.json' };
 * ```
 */
export interface InputDiagnostic {
  /** `INVALID_JSON`, `INVALID_CSV`, `UNRECOGNISED_VALUE`, `UNREADABLE_FILE`, `NOT_MVT_OUTPUT`, ... */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly file: string;
  readonly line?: number;
}
