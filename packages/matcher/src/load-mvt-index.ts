import type { Diagnostic, IndicatorSource, SourceLocation } from './indicator.js';
import { createDiagnosticSink } from './internal/diagnostic-sink.js';
import { readInput } from './internal/load-input.js';
import {
  isScalar,
  locate,
  mapEntries,
  readYaml,
  scalarText,
  seqItems,
  type YamlRead,
} from './internal/yaml-read.js';
import type { LoadDiagnosticCode } from './load-diagnostic-code.js';
import type { LoadOptions } from './load-options.js';

/**
 * One entry of MVT's `indicators.yaml`: a published indicator file and where to download it.
 *
 * @example
 * ```ts
 * import { loadMvtIndex } from '@vigil/matcher';
 *
 * const entry = loadMvtIndex(text).entries[0];
 * entry?.downloadUrl; // 'https://raw.githubusercontent.com/AmnestyTech/investigations/master/2021-07-18_nso/pegasus.stix2'
 * ```
 */
export interface MvtIndexEntry {
  /** The entry's `type`: `github`, or any other value, which means `download_url` is used. */
  readonly type: string;
  /** Human name, e.g. `NSO Group Pegasus Indicators of Compromise`. */
  readonly name: string;
  /** Who published the research (`sources`). */
  readonly sources: readonly string[];
  /** Links to the research (`references`). */
  readonly references: readonly string[];
  /** For `type: github`: the repository and file; `branch` defaults to `main`, as in MVT. */
  readonly github?: {
    readonly owner: string;
    readonly repo: string;
    readonly branch: string;
    readonly path: string;
  };
  /**
   * Where the file is downloaded from: `https://raw.githubusercontent.com/{owner}/{repo}/{branch}/{path}`
   * for GitHub entries (path segments percent-encoded), else the entry's `download_url`.
   */
  readonly downloadUrl: string;
  /** Where the entry sits in the index file. */
  readonly location: SourceLocation;
}

/**
 * What {@link loadMvtIndex} returns.
 *
 * @example
 * ```ts
 * import { loadMvtIndex } from '@vigil/matcher';
 *
 * const index = loadMvtIndex(text, { file: 'indicators.yaml' });
 * for (const d of index.diagnostics) console.warn(d.code, d.message);
 * ```
 */
export interface MvtIndex {
  /** The usable entries, in file order. */
  readonly entries: readonly MvtIndexEntry[];
  /** One for each entry or field that could not be used. */
  readonly diagnostics: readonly Diagnostic[];
  /** The index file itself, with the sha256 of its bytes. */
  readonly source: IndicatorSource;
}

const GITHUB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const KNOWN_FIELDS = new Set(['type', 'name', 'sources', 'references', 'github', 'download_url']);

function checkPath(path: string): string | undefined {
  if (path === '' || path.startsWith('/')) return 'must be a relative path inside the repository';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return 'must not contain backslashes or control characters';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..'))
    return "must not contain empty, '.' or '..' segments";
  return undefined;
}

/**
 * Reads MVT's index of indicator files (`indicators.yaml` in mvt-project/mvt-indicators). Nothing is
 * downloaded here: the client package fetches `downloadUrl` and loads each file with {@link loadStix}.
 *
 * Each entry needs a `name` and a `type`. A `github` entry needs `github.owner`, `github.repo` and
 * `github.path` (a relative path without `..`); `branch` defaults to `main`. Any other type needs an
 * `https://` `download_url`. An entry that fails these checks is left out with an error diagnostic
 * (`MISSING_FIELD`, `INVALID_FIELD`); unknown fields give an `UNKNOWN_FIELD` warning. YAML errors give
 * `MALFORMED_YAML` with line and column.
 *
 * @param input - The index file's bytes or text.
 * @param options - Provenance (`file`, `repository`, `commit`, ...) and `maxBytes`.
 * @returns The entries, the diagnostics and the index's own source record.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { loadMvtIndex } from '@vigil/matcher';
 *
 * const index = loadMvtIndex(readFileSync('indicators.yaml'), { file: 'indicators.yaml' });
 * index.entries.map((e) => e.name);
 * ```
 */
export function loadMvtIndex(input: string | Uint8Array, options: LoadOptions = {}): MvtIndex {
  const read = readInput(input, options, 'mvt-index');
  if (!read.usable) return { entries: [], diagnostics: read.diagnostics, source: read.source };
  const file = options.file;
  const yaml = readYaml(read.text, file);
  const diagnostics = createDiagnosticSink(options, [...read.diagnostics, ...yaml.diagnostics]);
  const diag = (
    code: LoadDiagnosticCode,
    severity: Diagnostic['severity'],
    message: string,
    location: SourceLocation,
  ) => diagnostics.push({ code, severity, message, location });
  const entries: MvtIndexEntry[] = [];

  const top = new Map(mapEntries(yaml.root).map(([k, v]) => [k, v]));
  const list = seqItems(top.get('indicators'));
  if (list === undefined) {
    if (yaml.diagnostics.length === 0) {
      diag(
        'NOT_A_BUNDLE',
        'error',
        "MVT's index is a map with an 'indicators' list; none was found.",
        locate(yaml, file, [], yaml.root),
      );
    }
    return { entries, diagnostics: diagnostics.done(), source: read.source };
  }

  list.forEach((node, i) => {
    const path = ['indicators', i];
    const where = locate(yaml, file, path, node);
    const fields = new Map(mapEntries(node).map(([k, v]) => [k, v]));
    if (fields.size === 0) {
      diag('INVALID_FIELD', 'error', `Entry ${i} is not a map of fields; left out.`, where);
      return;
    }
    for (const key of fields.keys()) {
      if (!KNOWN_FIELDS.has(key)) {
        diag(
          'UNKNOWN_FIELD',
          'warning',
          `Entry ${i}: unknown field '${key}' was not read.`,
          locate(yaml, file, [...path, key], fields.get(key)),
        );
      }
    }
    const text = (key: string): string | undefined => {
      const t = scalarText(fields.get(key))?.trim();
      return t === '' ? undefined : t;
    };
    const name = text('name');
    const type = text('type');
    if (name === undefined || type === undefined) {
      diag('MISSING_FIELD', 'error', `Entry ${i} needs a 'name' and a 'type'; left out.`, where);
      return;
    }
    const sources = stringList(yaml, file, fields.get('sources'), [...path, 'sources'], diag);
    const references = stringList(yaml, file, fields.get('references'), [...path, 'references'], diag);
    if (type === 'github') {
      const gh = new Map(mapEntries(fields.get('github')).map(([k, v]) => [k, scalarText(v)?.trim() ?? '']));
      const owner = gh.get('owner') ?? '';
      const repo = gh.get('repo') ?? '';
      const branch = gh.get('branch') || 'main';
      const filePath = gh.get('path') ?? '';
      const ghWhere = locate(yaml, file, [...path, 'github'], fields.get('github') ?? node);
      if (owner === '' || repo === '' || filePath === '') {
        diag(
          'MISSING_FIELD',
          'error',
          `${name}: a github entry needs github.owner, github.repo and github.path; left out.`,
          ghWhere,
        );
        return;
      }
      if (
        !GITHUB_NAME.test(owner) ||
        !GITHUB_NAME.test(repo) ||
        owner.startsWith('.') ||
        repo.startsWith('.')
      ) {
        diag(
          'INVALID_FIELD',
          'error',
          `${name}: '${owner}/${repo}' is not a GitHub owner/repository name; left out.`,
          ghWhere,
        );
        return;
      }
      const bad =
        checkPath(filePath) ?? (checkPath(branch) === undefined ? undefined : `branch ${checkPath(branch)}`);
      if (bad !== undefined) {
        diag('INVALID_FIELD', 'error', `${name}: github.path ${bad}; left out.`, ghWhere);
        return;
      }
      const encoded = [branch, filePath].map((p) => p.split('/').map(encodeURIComponent).join('/')).join('/');
      entries.push({
        type,
        name,
        sources,
        references,
        github: { owner, repo, branch, path: filePath },
        downloadUrl: `https://raw.githubusercontent.com/${owner}/${repo}/${encoded}`,
        location: where,
      });
      return;
    }
    const url = text('download_url');
    if (url === undefined) {
      diag(
        'MISSING_FIELD',
        'error',
        `${name}: an entry of type '${type}' needs a download_url; left out.`,
        where,
      );
      return;
    }
    if (!/^https:\/\/[^\s/]+\/\S*$/.test(url)) {
      diag(
        'INVALID_FIELD',
        'error',
        `${name}: download_url '${url}' is not an https:// URL; left out.`,
        locate(yaml, file, [...path, 'download_url'], fields.get('download_url')),
      );
      return;
    }
    entries.push({ type, name, sources, references, downloadUrl: url, location: where });
  });
  return { entries, diagnostics: diagnostics.done(), source: read.source };
}

function stringList(
  yaml: YamlRead,
  file: string | undefined,
  node: unknown,
  path: (string | number)[],
  diag: (
    code: LoadDiagnosticCode,
    severity: Diagnostic['severity'],
    message: string,
    location: SourceLocation,
  ) => void,
): string[] {
  if (node === undefined || node === null) return [];
  if (isScalar(node)) {
    const t = scalarText(node)?.trim() ?? '';
    return t === '' ? [] : [t];
  }
  const items = seqItems(node);
  if (items === undefined) {
    diag(
      'INVALID_FIELD',
      'warning',
      `'${path.join('.')}' must be a list of strings; ignored.`,
      locate(yaml, file, path, node),
    );
    return [];
  }
  const out: string[] = [];
  items.forEach((item, j) => {
    const t = scalarText(item)?.trim();
    if (t === undefined) {
      diag(
        'INVALID_FIELD',
        'warning',
        `'${[...path, j].join('.')}' is not a string; ignored.`,
        locate(yaml, file, [...path, j], item),
      );
    } else if (t !== '') out.push(t);
  });
  return out;
}
