/**
 * Readers for the simple inputs of `vigil check`: plain lists (one value a line) and JSON lines.
 */
import type { Artifact, ArtifactType, InputDiagnostic } from './artifact.js';
import { detectType } from './internal/classify.js';
import { extractFromRecord } from './internal/extract.js';

/**
 * Options for {@link readArtifactList} and {@link readJsonLines}.
 *
 * @example
 * ```ts
 * import type { ArtifactListOptions } from '@vigil/cli';
 *
 * const options: ArtifactListOptions = { file: 'sms-links.txt', type: 'url' };
 * ```
 */
export interface ArtifactListOptions {
  /** The file name used for `module` and locations. */
  readonly file: string;
  /** Force this type for every value of a plain list; detected per line when omitted. */
  readonly type?: ArtifactType;
}

/**
 * What a reader returns.
 *
 * @example
 * ```ts
 * import { readArtifactList } from '@vigil/cli';
 *
 * const { artifacts, diagnostics } = readArtifactList('evil.test\n', { file: 'list.txt' });
 * console.log(artifacts.length, diagnostics.length); // 1 0
 * ```
 */
export interface ArtifactReadResult {
  readonly artifacts: readonly Artifact[];
  readonly diagnostics: readonly InputDiagnostic[];
}

const ARTIFACT_TYPES = new Set<string>([
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
]);

/**
 * True when `value` is one of the {@link ArtifactType} names.
 *
 * @example
 * ```ts
 * import { isArtifactType } from '@vigil/cli';
 *
 * isArtifactType('url'); // true
 * isArtifactType('domains'); // false
 * ```
 */
export function isArtifactType(value: unknown): value is ArtifactType {
  return typeof value === 'string' && ARTIFACT_TYPES.has(value);
}

function moduleName(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base === '' ? 'input' : base;
}

/**
 * Reads a plain list: one URL, domain, IP, hash, e-mail address, path or process name a line. Blank lines
 * and lines starting with `#` are skipped; the type of each value is detected unless `type` is given. A
 * line that fits no type (it contains spaces) gives an `UNRECOGNISED_VALUE` diagnostic.
 *
 * @example
 * ```ts
 * import { readArtifactList } from '@vigil/cli';
 *
 * const { artifacts } = readArtifactList('https://login.example/x\n# comment\nd41d8cd98f00b204e9800998ecf8427e\n', {
 *   file: 'sms.txt',
 * });
 * console.log(artifacts.map((a) => a.type)); // ['url', 'hash']
 * ```
 */
export function readArtifactList(text: string, options: ArtifactListOptions): ArtifactReadResult {
  const artifacts: Artifact[] = [];
  const diagnostics: InputDiagnostic[] = [];
  const module = moduleName(options.file);
  text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .forEach((raw, i) => {
      const value = raw.trim();
      if (value === '' || value.startsWith('#')) return;
      const type = options.type ?? detectType(value);
      if (type === undefined) {
        diagnostics.push({
          code: 'UNRECOGNISED_VALUE',
          severity: 'warning',
          message: `${options.file}:${i + 1}: cannot tell what ${JSON.stringify(value.slice(0, 80))} is; pass --type`,
          file: options.file,
          line: i + 1,
        });
        return;
      }
      artifacts.push({
        type,
        value,
        module,
        eventTime: null,
        event: { line: value },
        location: { file: options.file, line: i + 1 },
      });
    });
  return { artifacts, diagnostics };
}

/**
 * Reads JSON lines (one JSON value a line). A line `{ "type": "url", "value": "…" }` is taken as one
 * artifact (its optional `module` and `event_time`/`eventTime` kept); any other object is read like an MVT
 * module record (URLs, hosts, process names, hashes... found by key); a bare string is typed like a list
 * line. A line that is not JSON gives an `INVALID_JSON` diagnostic and the rest is still read.
 *
 * @example
 * ```ts
 * import { readJsonLines } from '@vigil/cli';
 *
 * const { artifacts } = readJsonLines('{"type":"domain","value":"c2.example"}\n{"url":"https://x.test/"}\n', {
 *   file: 'events.jsonl',
 * });
 * console.log(artifacts.length); // 2
 * ```
 */
export function readJsonLines(text: string, options: ArtifactListOptions): ArtifactReadResult {
  const artifacts: Artifact[] = [];
  const diagnostics: InputDiagnostic[] = [];
  const fileModule = moduleName(options.file).replace(/\.(?:jsonl|ndjson|json)$/iu, '');
  text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        diagnostics.push({
          code: 'INVALID_JSON',
          severity: 'error',
          message: `${options.file}:${i + 1}: not JSON: ${(error as Error).message}`,
          file: options.file,
          line: i + 1,
        });
        return;
      }
      if (typeof value === 'string') {
        const type = options.type ?? detectType(value);
        if (type !== undefined)
          artifacts.push({
            type,
            value: value.trim(),
            module: fileModule,
            eventTime: null,
            event: value,
            location: { file: options.file, line: i + 1 },
          });
        return;
      }
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const obj = value as Record<string, unknown>;
        const module = typeof obj.module === 'string' && obj.module !== '' ? obj.module : fileModule;
        if (isArtifactType(obj.type) && typeof obj.value === 'string') {
          const time = obj.event_time ?? obj.eventTime;
          artifacts.push({
            type: obj.type,
            value: obj.value.trim(),
            module,
            eventTime: typeof time === 'string' ? time : null,
            event: 'event' in obj ? obj.event : obj,
            location: { file: options.file, line: i + 1 },
          });
          return;
        }
        artifacts.push(...extractFromRecord(obj, { module, file: options.file, line: i + 1 }));
        return;
      }
      diagnostics.push({
        code: 'UNEXPECTED_SHAPE',
        severity: 'warning',
        message: `${options.file}:${i + 1}: expected an object or a string`,
        file: options.file,
        line: i + 1,
      });
    });
  return { artifacts, diagnostics };
}
