/**
 * Every code the loaders and {@link normalizeIndicatorValue} put in a {@link Diagnostic}.
 *
 * Input as a whole:
 * - `MALFORMED_JSON`, `MALFORMED_YAML`: the file does not parse; the location gives line and column.
 * - `INPUT_TOO_LARGE`: the input is over the `maxBytes` limit and was not parsed.
 * - `NOT_A_BUNDLE`: JSON that is neither a STIX bundle, a TAXII envelope, an array of objects nor one object.
 * - `UNKNOWN_FORMAT`: the format could not be detected.
 * - `MVT_INDEX`: the input is MVT's index of indicator files, which holds no indicators itself.
 * - `DIAGNOSTICS_TRUNCATED`: more diagnostics than `maxDiagnostics`; the rest were counted by code.
 *
 * STIX structure: `MISSING_FIELD`, `INVALID_FIELD`, `DUPLICATE_ID`, `DANGLING_REFERENCE`,
 * `UNSUPPORTED_PATTERN_TYPE`, `INVALID_PATTERN` (a syntax error; the column points at it),
 * `UNSUPPORTED_PATTERN` (valid STIX, but no fast path: `AND`, operators other than `=`, qualifiers, ...),
 * `PATTERN_TOO_LONG`, `UNKNOWN_KEY` (an object path Vigil does not know), `UNSUPPORTED_HASH`.
 *
 * YAML structure: `UNKNOWN_FIELD`, `UNSUPPORTED_FIELD` (a known field that holds no usable indicator),
 * `NONSTANDARD_KEY` (a misspelt key that was still read).
 *
 * Values: `EMPTY_VALUE`, `VALUE_TOO_LONG`, `CONTROL_CHARACTER` (NUL, C0, DEL, C1), `BIDI_CHARACTER`
 * (bidirectional controls and invisible format characters), `INVALID_UTF8` (U+FFFD or a lone surrogate,
 * i.e. bytes that were not UTF-8), `INVALID_DOMAIN`, `DOMAIN_WITHOUT_DOT`, `WILDCARD_DOMAIN` (warning),
 * `INVALID_IP`, `INVALID_CIDR`, `CIDR_HOST_BITS` (warning), `INVALID_HASH`, `HASH_LENGTH_MISMATCH`,
 * `INVALID_EMAIL`, `INVALID_URL`, `INVALID_VALUE`, `RELATIVE_PATH` (warning), `UNKNOWN_TYPE` (a list line
 * whose type could not be detected), `DUPLICATE_VALUE` (warning: the same value twice in one list).
 *
 * @example
 * ```ts
 * import { type LoadDiagnosticCode, loadIndicators } from '@vigil/matcher';
 *
 * const set = loadIndicators('localhost\n', { type: 'domain' });
 * const code = set.diagnostics[0]?.code as LoadDiagnosticCode; // 'DOMAIN_WITHOUT_DOT'
 * ```
 */
export type LoadDiagnosticCode =
  | 'MALFORMED_JSON'
  | 'MALFORMED_YAML'
  | 'INPUT_TOO_LARGE'
  | 'NOT_A_BUNDLE'
  | 'UNKNOWN_FORMAT'
  | 'MVT_INDEX'
  | 'DIAGNOSTICS_TRUNCATED'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'DUPLICATE_ID'
  | 'DANGLING_REFERENCE'
  | 'UNSUPPORTED_PATTERN_TYPE'
  | 'INVALID_PATTERN'
  | 'UNSUPPORTED_PATTERN'
  | 'PATTERN_TOO_LONG'
  | 'UNKNOWN_KEY'
  | 'UNSUPPORTED_HASH'
  | 'UNKNOWN_FIELD'
  | 'UNSUPPORTED_FIELD'
  | 'NONSTANDARD_KEY'
  | 'EMPTY_VALUE'
  | 'VALUE_TOO_LONG'
  | 'CONTROL_CHARACTER'
  | 'BIDI_CHARACTER'
  | 'INVALID_UTF8'
  | 'INVALID_DOMAIN'
  | 'DOMAIN_WITHOUT_DOT'
  | 'WILDCARD_DOMAIN'
  | 'INVALID_IP'
  | 'INVALID_CIDR'
  | 'CIDR_HOST_BITS'
  | 'INVALID_HASH'
  | 'HASH_LENGTH_MISMATCH'
  | 'INVALID_EMAIL'
  | 'INVALID_URL'
  | 'INVALID_VALUE'
  | 'RELATIVE_PATH'
  | 'UNKNOWN_TYPE'
  | 'DUPLICATE_VALUE';
