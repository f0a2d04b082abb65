/**
 * Reads an MVT-style `indicators.yaml` index: the list of indicator sets a tool downloads.
 */
import { VigilError } from '@vigil/core';
import { parse as parseYaml } from 'yaml';

/**
 * How a feed file is meant to be read, in `@vigil/matcher`'s terms, guessed from its extension:
 * `.stix2`/`.json` → `stix2`, `.yaml`/`.yml` → `echap-yaml`, anything else → `list`.
 *
 * @example
 * ```ts
 * import type { FeedFormat } from '@vigil/client';
 *
 * const format: FeedFormat = 'stix2';
 * ```
 */
export type FeedFormat = 'stix2' | 'echap-yaml' | 'list';

/**
 * One indicator set to download.
 *
 * @example
 * ```ts
 * import type { FeedSource } from '@vigil/client';
 *
 * const source: FeedSource = { name: 'Lab set', url: 'https://feeds.example/lab.stix2', format: 'stix2' };
 * ```
 */
export interface FeedSource {
  readonly name: string;
  readonly url: string;
  readonly format: FeedFormat;
  /** Who published the research behind it, from the index. */
  readonly sources?: readonly string[];
  /** Links to the reports, from the index. */
  readonly references?: readonly string[];
  /** For `type: github` entries: `owner/repo`, kept as provenance. */
  readonly repository?: string;
}

/**
 * An index entry that could not be used, with where it is in the index.
 *
 * @example
 * ```ts
 * import type { FeedIndexIssue } from '@vigil/client';
 *
 * const issue: FeedIndexIssue = { code: 'UNSUPPORTED_ENTRY_TYPE', path: ['indicators', 3, 'type'], message: "type 'ftp' is not supported" };
 * ```
 */
export interface FeedIndexIssue {
  /** `INVALID_ENTRY` (a required field missing or of the wrong type) or `UNSUPPORTED_ENTRY_TYPE`. */
  readonly code: 'INVALID_ENTRY' | 'UNSUPPORTED_ENTRY_TYPE';
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * What {@link parseFeedIndex} found: the sets to download and an issue for every entry it could not use.
 *
 * @example
 * ```ts
 * import { parseFeedIndex, type FeedIndex } from '@vigil/client';
 *
 * const index: FeedIndex = parseFeedIndex('indicators: []');
 * console.log(index.sources.length, index.issues.length);
 * ```
 */
export interface FeedIndex {
  readonly sources: readonly FeedSource[];
  readonly issues: readonly FeedIndexIssue[];
}

/**
 * Options of {@link parseFeedIndex}.
 *
 * @example
 * ```ts
 * import type { FeedIndexOptions } from '@vigil/client';
 *
 * const options: FeedIndexOptions = { githubBaseUrl: 'https://mirror.example/raw/' };
 * ```
 */
export interface FeedIndexOptions {
  /**
   * Where `type: github` entries are downloaded from: `{githubBaseUrl}{owner}/{repo}/{branch}/{path}`.
   * @defaultValue 'https://raw.githubusercontent.com/'
   */
  readonly githubBaseUrl?: string;
}

/**
 * Guesses the format of a feed file from its URL.
 *
 * @example
 * ```ts
 * import { guessFeedFormat } from '@vigil/client';
 *
 * guessFeedFormat('https://feeds.example/pegasus.stix2'); // 'stix2'
 * ```
 */
export function guessFeedFormat(url: string): FeedFormat {
  const path = url.split(/[?#]/)[0]?.toLowerCase() ?? '';
  if (path.endsWith('.stix2') || path.endsWith('.json')) return 'stix2';
  if (path.endsWith('.yaml') || path.endsWith('.yml')) return 'echap-yaml';
  return 'list';
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Parses an MVT-style `indicators.yaml`: a top-level `indicators` list whose entries are
 * `type: github` (`github: { owner, repo, branch, path }`) or `type: download` (`download_url`),
 * each with a `name` and optional `sources` and `references`.
 *
 * @param text - The YAML text of the index.
 * @returns The sets to download, in index order, and an issue for every entry that was skipped.
 * @throws `VigilError` (from `@vigil/core`) `INVALID_INPUT` when the text is not YAML or has no `indicators` list.
 *
 * @example
 * ```ts
 * import { parseFeedIndex } from '@vigil/client';
 *
 * const { sources } = parseFeedIndex(`
 * indicators:
 *   - type: download
 *     name: Lab set
 *     download_url: https://feeds.example/lab.stix2
 * `);
 * console.log(sources[0]?.url); // 'https://feeds.example/lab.stix2'
 * ```
 */
export function parseFeedIndex(text: string, options: FeedIndexOptions = {}): FeedIndex {
  const base = options.githubBaseUrl ?? 'https://raw.githubusercontent.com/';
  const githubBase = base.endsWith('/') ? base : `${base}/`;
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new VigilError(
      'INVALID_INPUT',
      `The feed index is not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  const list = (document as { indicators?: unknown } | null)?.indicators;
  if (!Array.isArray(list)) {
    throw new VigilError('INVALID_INPUT', 'The feed index has no top-level `indicators` list');
  }
  const sources: FeedSource[] = [];
  const issues: FeedIndexIssue[] = [];
  list.forEach((entry: unknown, index) => {
    const path = ['indicators', index];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push({ code: 'INVALID_ENTRY', path, message: 'an index entry must be a mapping' });
      return;
    }
    const record = entry as Record<string, unknown>;
    if (!nonEmpty(record.name)) {
      issues.push({ code: 'INVALID_ENTRY', path: [...path, 'name'], message: 'an index entry needs a name' });
      return;
    }
    let url: string | undefined;
    let repository: string | undefined;
    if (record.type === 'github') {
      const github = record.github as Record<string, unknown> | undefined;
      const parts = ['owner', 'repo', 'branch', 'path'] as const;
      const missing = parts.find((part) => !nonEmpty(github?.[part]));
      if (missing !== undefined) {
        issues.push({
          code: 'INVALID_ENTRY',
          path: [...path, 'github', missing],
          message: `github.${missing} is missing`,
        });
        return;
      }
      const g = github as Record<(typeof parts)[number], string>;
      const filePath = g.path.split('/').map(encodeURIComponent).join('/');
      repository = `${g.owner}/${g.repo}`;
      url = `${githubBase}${encodeURIComponent(g.owner)}/${encodeURIComponent(g.repo)}/${encodeURIComponent(g.branch)}/${filePath}`;
    } else if (record.type === 'download') {
      if (!nonEmpty(record.download_url)) {
        issues.push({
          code: 'INVALID_ENTRY',
          path: [...path, 'download_url'],
          message: 'download_url is missing',
        });
        return;
      }
      url = record.download_url;
    } else {
      issues.push({
        code: 'UNSUPPORTED_ENTRY_TYPE',
        path: [...path, 'type'],
        message: `type '${String(record.type)}' is not supported (github, download)`,
      });
      return;
    }
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      issues.push({ code: 'INVALID_ENTRY', path, message: `'${url}' is not an http(s) URL` });
      return;
    }
    const entrySources = strings(record.sources);
    const references = strings(record.references);
    sources.push({
      name: record.name.trim(),
      url,
      format: guessFeedFormat(url),
      ...(entrySources ? { sources: entrySources } : {}),
      ...(references ? { references } : {}),
      ...(repository ? { repository } : {}),
    });
  });
  return { sources, issues };
}
