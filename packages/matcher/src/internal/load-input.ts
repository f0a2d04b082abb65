import { sha256Hex } from '@vigil/core';
import type { Diagnostic, IndicatorSet, IndicatorSource } from '../indicator.js';
import type { LoadOptions } from '../load-options.js';
import { lineColumn } from './json-scan.js';
import { utf8Length } from './utf8-length.js';

/** Default `maxBytes`: 256 MiB. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** The input read once: its bytes' sha256, its text, and the source record shared by every indicator. */
export interface ReadInput {
  readonly text: string;
  readonly source: IndicatorSource;
  readonly diagnostics: Diagnostic[];
  /** `false` when the input was too large and must not be parsed. */
  readonly usable: boolean;
}

/** Decodes and fingerprints the input. Invalid UTF-8 is replaced by U+FFFD and reported once. */
export function readInput(
  input: string | Uint8Array,
  options: LoadOptions,
  format: IndicatorSource['format'],
): ReadInput {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const diagnostics: Diagnostic[] = [];
  const fileLocation = options.file === undefined ? {} : { file: options.file };
  if (typeof input === 'string') {
    // UTF-8 never takes fewer bytes than UTF-16 code units, so a string this long is too large already;
    // checking first avoids copying a huge string.
    if (input.length > maxBytes) return tooLarge(input.length, maxBytes, options, format, fileLocation);
    // Nor more than 3 per unit: only a string that could be too large is measured. Either way the string
    // is hashed as it is, never copied into a byte array (83 MB for a 100k-indicator bundle).
    if (input.length * 3 > maxBytes) {
      const size = utf8Length(input);
      if (size > maxBytes) return tooLarge(size, maxBytes, options, format, fileLocation);
    }
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    return { text, source: sourceOf(options, format, sha256Hex(input)), diagnostics, usable: true };
  }
  if (!(input instanceof Uint8Array)) {
    diagnostics.push({
      code: 'INVALID_FIELD',
      severity: 'error',
      message: `The input must be a string or a Uint8Array, not ${input === null ? 'null' : typeof input}.`,
      location: fileLocation,
    });
    return {
      text: '',
      source: sourceOf(options, format, sha256Hex(new Uint8Array(0))),
      diagnostics,
      usable: false,
    };
  }
  const bytes = input;
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes, options, format, fileLocation);
  const sha256 = sha256Hex(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\ufffd');
    diagnostics.push({
      code: 'INVALID_UTF8',
      severity: 'warning',
      message:
        'The input is not valid UTF-8; invalid bytes were replaced by U+FFFD and values containing them are rejected.',
      location: { ...fileLocation, ...lineColumn(text, Math.max(at, 0)) },
    });
  }
  return { text, source: sourceOf(options, format, sha256), diagnostics, usable: true };
}

function tooLarge(
  size: number,
  maxBytes: number,
  options: LoadOptions,
  format: IndicatorSource['format'],
  fileLocation: { file?: string },
): ReadInput {
  return {
    text: '',
    source: sourceOf(options, format, ''),
    diagnostics: [
      {
        code: 'INPUT_TOO_LARGE',
        severity: 'error',
        message: `The input is ${size} bytes or more, over the maxBytes limit of ${maxBytes}; it was not read (no sha256 computed).`,
        location: fileLocation,
      },
    ],
    usable: false,
  };
}

function sourceOf(options: LoadOptions, format: IndicatorSource['format'], sha256: string): IndicatorSource {
  return {
    format,
    sha256,
    ...(options.file === undefined ? {} : { file: options.file }),
    ...(options.licence === undefined ? {} : { licence: options.licence }),
    ...(options.repository === undefined ? {} : { repository: options.repository }),
    ...(options.commit === undefined ? {} : { commit: options.commit }),
  };
}

/** The base name of a path or URL, or `undefined`. */
export function baseName(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const parts = file.split(/[/\\]/);
  return parts[parts.length - 1] || undefined;
}

/** Builds the set, applying the `name` and `version` defaults. */
export function makeSet(
  read: ReadInput,
  options: LoadOptions,
  defaults: { name?: string | undefined; version?: string | undefined },
  indicators: IndicatorSet['indicators'],
  diagnostics: readonly Diagnostic[],
): IndicatorSet {
  const name = options.name ?? baseName(options.file) ?? defaults.name ?? read.source.format;
  const version = options.version ?? defaults.version ?? options.commit;
  return {
    name,
    ...(version === undefined ? {} : { version }),
    source: read.source,
    indicators,
    diagnostics: [...read.diagnostics, ...diagnostics],
  };
}
