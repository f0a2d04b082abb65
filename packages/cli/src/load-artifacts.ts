/**
 * Reads the inputs of `vigil check` from the file system: MVT results folders, single MVT files, plain
 * lists and JSON lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Artifact, ArtifactType, InputDiagnostic } from './artifact.js';
import { readArtifactList, readJsonLines } from './artifact-lists.js';
import { type MvtFileUse, type MvtResultFile, readMvtResults } from './mvt-results.js';

/**
 * How one input was read.
 *
 * @example
 * ```ts
 * import type { LoadedInput } from '@vigil/cli';
 *
 * const input: LoadedInput = { path: 'sms.txt', kind: 'list', artifacts: 3 };
 * ```
 */
export interface LoadedInput {
  readonly path: string;
  readonly kind: 'mvt-folder' | 'mvt-file' | 'list' | 'json-lines';
  /** For MVT inputs: the detected layout. */
  readonly layout?: 'mvt2' | 'mvt3' | 'unknown';
  readonly mvtVersion?: string;
  /** For MVT inputs: detections the earlier MVT run wrote. */
  readonly previousDetections?: number;
  /** For MVT inputs: the indicator values the earlier run matched, lower-cased. */
  readonly previousIndicatorValues?: readonly string[];
  readonly files?: readonly MvtFileUse[];
  readonly artifacts: number;
}

/**
 * Options for {@link loadArtifacts}.
 *
 * @example
 * ```ts
 * import type { LoadArtifactsOptions } from '@vigil/cli';
 *
 * const options: LoadArtifactsOptions = { type: 'url' };
 * ```
 */
export interface LoadArtifactsOptions {
  /** Force the type of every value in plain lists. */
  readonly type?: ArtifactType;
  /** Text to read for the input `-`. */
  readonly stdin?: () => string;
}

/**
 * Everything read from the inputs.
 *
 * @example
 * ```ts
 * import { loadArtifacts } from '@vigil/cli';
 *
 * const loaded: import('@vigil/cli').LoadedArtifacts = loadArtifacts(['examples/device-artifacts/mvt-results']);
 * console.log(loaded.artifacts.length);
 * ```
 */
export interface LoadedArtifacts {
  readonly artifacts: readonly Artifact[];
  readonly inputs: readonly LoadedInput[];
  readonly diagnostics: readonly InputDiagnostic[];
}

/** Appends without spreading: inputs can hold millions of values. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function listFolder(root: string, dir: string, depth: number, out: MvtResultFile[]): void {
  if (depth > 4) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) listFolder(root, full, depth + 1, out);
    else if (entry.isFile() && /\.(?:json|csv)$/iu.test(entry.name)) {
      out.push({ name: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    } else if (entry.isFile()) out.push({ name: relative(root, full).split(sep).join('/'), text: '' });
  }
}

/**
 * Reads every input. A directory is read as an MVT results folder (2.x or 3); a `.json` or `.csv` file as
 * one MVT file; `.jsonl` / `.ndjson` as JSON lines; anything else as a plain list; `-` as a plain list on
 * standard input. A missing input throws; an unreadable file inside a folder becomes a diagnostic.
 *
 * @throws `Error` with `code` `ENOENT` (from Node) when an input does not exist.
 *
 * @example
 * ```ts
 * import { loadArtifacts } from '@vigil/cli';
 *
 * const { artifacts, inputs } = loadArtifacts(['results/', 'sms-links.txt']);
 * console.log(inputs.map((i) => `${i.path}: ${i.kind}, ${i.artifacts}`), artifacts.length);
 * ```
 */
export function loadArtifacts(paths: readonly string[], options: LoadArtifactsOptions = {}): LoadedArtifacts {
  const artifacts: Artifact[] = [];
  const inputs: LoadedInput[] = [];
  const diagnostics: InputDiagnostic[] = [];
  const listOptions = (file: string) =>
    options.type === undefined ? { file } : { file, type: options.type };
  for (const path of paths) {
    if (path === '-') {
      const text = options.stdin?.() ?? readFileSync(0, 'utf8');
      const result = readArtifactList(text, listOptions('stdin'));
      append(artifacts, result.artifacts);
      append(diagnostics, result.diagnostics);
      inputs.push({ path, kind: 'list', artifacts: result.artifacts.length });
      continue;
    }
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const files: MvtResultFile[] = [];
      listFolder(path, path, 0, files);
      const result = readMvtResults(files);
      const prefixed = result.artifacts.map((a) => ({
        ...a,
        location: { ...a.location, file: join(path, a.location.file) },
      }));
      append(artifacts, prefixed);
      append(
        diagnostics,
        result.diagnostics.map((d) => ({ ...d, file: join(path, d.file) })),
      );
      if (result.layout === 'unknown')
        diagnostics.push({
          code: 'NOT_MVT_OUTPUT',
          severity: 'warning',
          message: `${path} holds no MVT result file (module JSON, alerts.json, timeline.csv, urls.json)`,
          file: path,
        });
      inputs.push({
        path,
        kind: 'mvt-folder',
        layout: result.layout,
        ...(result.mvtVersion === undefined ? {} : { mvtVersion: result.mvtVersion }),
        previousDetections: result.previousDetections,
        previousIndicatorValues: result.previousIndicatorValues,
        files: result.files,
        artifacts: prefixed.length,
      });
      continue;
    }
    const text = readFileSync(path, 'utf8');
    if (/\.(?:jsonl|ndjson)$/iu.test(path)) {
      const result = readJsonLines(text, listOptions(path));
      append(artifacts, result.artifacts);
      append(diagnostics, result.diagnostics);
      inputs.push({ path, kind: 'json-lines', artifacts: result.artifacts.length });
    } else if (/\.(?:json|csv)$/iu.test(path)) {
      const result = readMvtResults([{ name: path, text }]);
      append(artifacts, result.artifacts);
      append(diagnostics, result.diagnostics);
      inputs.push({
        path,
        kind: 'mvt-file',
        layout: result.layout,
        previousDetections: result.previousDetections,
        previousIndicatorValues: result.previousIndicatorValues,
        files: result.files,
        artifacts: result.artifacts.length,
      });
    } else {
      const result = readArtifactList(text, listOptions(path));
      append(artifacts, result.artifacts);
      append(diagnostics, result.diagnostics);
      inputs.push({ path, kind: 'list', artifacts: result.artifacts.length });
    }
  }
  return { artifacts, inputs, diagnostics };
}
