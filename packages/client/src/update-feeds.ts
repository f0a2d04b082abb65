/**
 * Downloads indicator sets into a local cache with conditional requests, sha256 checks, atomic writes
 * and an offline mode.
 */

import { join, resolve as resolvePath } from 'node:path';
import { VigilError } from '@vigil/core';
import { parse as parseYaml } from 'yaml';
import type { HttpError } from './errors.js';
import {
  type FeedFormat,
  type FeedIndexIssue,
  type FeedIndexOptions,
  type FeedSource,
  guessFeedFormat,
  parseFeedIndex,
} from './feed-index.js';
import type { HttpOptions } from './http-options.js';
import {
  MANIFEST_FILE,
  type ManifestEntry,
  readCached,
  readManifest,
  sha256,
  writeAtomic,
} from './internal/feed-cache.js';
import { httpErrorFrom } from './internal/response.js';
import { createTransport, type Transport } from './internal/transport.js';

/**
 * Options of {@link updateFeeds}. Give `index`, `urls`, or both.
 *
 * @example
 * ```ts
 * import type { UpdateFeedsOptions } from '@vigil/client';
 *
 * const options: UpdateFeedsOptions = {
 *   index: 'https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/indicators.yaml',
 *   cacheDir: '.vigil/feeds',
 * };
 * ```
 */
export interface UpdateFeedsOptions extends HttpOptions, FeedIndexOptions {
  /** An MVT-style `indicators.yaml`: its http(s) URL (downloaded and cached like the sets), or its YAML text. */
  readonly index?: string | URL;
  /** More sets to download, by URL. */
  readonly urls?: readonly (string | URL)[];
  /** The cache directory; created when missing. */
  readonly cacheDir: string;
  /**
   * Use only what is cached: no request is sent.
   * @defaultValue false
   */
  readonly offline?: boolean;
  /**
   * How many files are downloaded at once.
   * @defaultValue 4
   */
  readonly concurrency?: number;
}

/**
 * How a file got into the result: freshly `downloaded`, confirmed by the server as `not-modified`
 * (HTTP 304), read from the cache in offline mode (`cached`), or `stale`: the download failed and
 * the previous copy is returned (a {@link FeedProblem} says why).
 *
 * @example
 * ```ts
 * import type { FeedFileStatus } from '@vigil/client';
 *
 * const status: FeedFileStatus = 'not-modified';
 * ```
 */
export type FeedFileStatus = 'downloaded' | 'not-modified' | 'cached' | 'stale';

/**
 * One cached indicator set, ready for `@vigil/matcher`.
 *
 * @example
 * ```ts
 * import { updateFeeds, type FeedFile } from '@vigil/client';
 *
 * const { files } = await updateFeeds({ urls: ['https://feeds.example/lab.stix2'], cacheDir: '.vigil/feeds' });
 * const file: FeedFile | undefined = files[0];
 * console.log(file?.path, file?.sha256, file?.status);
 * ```
 */
export interface FeedFile {
  readonly name: string;
  readonly url: string;
  /** The absolute path of the cached copy. */
  readonly path: string;
  readonly format: FeedFormat;
  /** sha256 of the cached bytes, lower-case hex. */
  readonly sha256: string;
  readonly bytes: number;
  readonly etag?: string;
  readonly lastModified?: string;
  /** When the bytes were last downloaded (ISO 8601). */
  readonly fetchedAt: string;
  readonly status: FeedFileStatus;
  readonly sources?: readonly string[];
  readonly references?: readonly string[];
  /** `owner/repo` for files listed as `type: github` in the index. */
  readonly repository?: string;
}

/**
 * Codes of a {@link FeedProblem}.
 *
 * @example
 * ```ts
 * import type { FeedProblemCode } from '@vigil/client';
 *
 * const code: FeedProblemCode = 'NOT_CACHED';
 * ```
 */
export type FeedProblemCode =
  | 'DOWNLOAD_FAILED'
  | 'INVALID_CONTENT'
  | 'NOT_CACHED'
  | 'CACHE_CORRUPT'
  | 'MANIFEST_CORRUPT'
  | FeedIndexIssue['code'];

/**
 * A set that could not be downloaded or read, or an index entry that could not be used. Nothing is dropped silently.
 *
 * @example
 * ```ts
 * import { updateFeeds } from '@vigil/client';
 *
 * const { problems } = await updateFeeds({ urls: ['https://feeds.example/lab.stix2'], cacheDir: '.vigil/feeds' });
 * for (const problem of problems) console.error(problem.code, problem.url ?? '', problem.message);
 * ```
 */
export interface FeedProblem {
  readonly code: FeedProblemCode;
  readonly message: string;
  readonly name?: string;
  readonly url?: string;
  /** For index issues: where the entry sits in the index. */
  readonly path?: readonly (string | number)[];
  /** The typed error behind a failed download ({@link HttpError}, `NetworkError`, `TimeoutError`...). */
  readonly cause?: unknown;
}

/**
 * What {@link updateFeeds} returns.
 *
 * @example
 * ```ts
 * import { updateFeeds, type UpdateFeedsResult } from '@vigil/client';
 *
 * const result: UpdateFeedsResult = await updateFeeds({ urls: [], cacheDir: '.vigil/feeds' });
 * console.log(result.manifestPath);
 * ```
 */
export interface UpdateFeedsResult {
  /** Every set that is available, in request order (index entries first, then `urls`). */
  readonly files: readonly FeedFile[];
  readonly problems: readonly FeedProblem[];
  /** The index file, when `index` was a URL. */
  readonly index?: FeedFile;
  /** The path of `manifest.json`, which records url, sha256, ETag and Last-Modified per file. */
  readonly manifestPath: string;
}

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s === '' ? 'feed' : s;
}

function fileNameFor(url: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'feed';
  return `files/${sha256(new TextEncoder().encode(url)).slice(0, 12)}-${slug(decodeURIComponent(last))}`;
}

/** Refuses a body that cannot be the file asked for: an HTML page, truncated JSON, YAML that does not parse. */
function contentProblem(bytes: Uint8Array, format: FeedFormat): string | undefined {
  const text = new TextDecoder().decode(bytes);
  const start = text.trimStart().slice(0, 100).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'the server sent an HTML page';
  if (format === 'stix2') {
    try {
      const json = JSON.parse(text) as unknown;
      if (json === null || typeof json !== 'object') return 'the file is JSON but not an object';
    } catch (error) {
      return `the file is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
  } else if (format === 'echap-yaml') {
    try {
      parseYaml(text);
    } catch (error) {
      return `the file is not valid YAML (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return undefined;
}

interface Job {
  readonly source: FeedSource;
  readonly isIndex: boolean;
}

interface Outcome {
  file?: FeedFile;
  entry?: ManifestEntry;
  problem?: FeedProblem;
}

/**
 * Downloads every indicator set listed in an MVT-style index and/or given by URL into `cacheDir`.
 *
 * - Conditional requests: a cached file is sent with `If-None-Match` / `If-Modified-Since`; a 304 keeps it.
 * - Integrity: each file's sha256 is recorded in `cacheDir/manifest.json` and checked whenever the cached
 *   copy is used; a copy that no longer matches is downloaded again (or reported in offline mode).
 * - Atomic writes: bytes go to a temporary file renamed over the old one, so a failed or refused download
 *   (network error, HTTP error, an HTML page instead of STIX) never touches the cached copy, which is
 *   returned as `stale` with a problem explaining why.
 * - Offline mode: no request at all; only what the manifest lists and still matches its sha256.
 * - Credentials (`auth`, and `Authorization`/`Cookie` headers) go only to the origins of `index` (when it
 *   is a URL) and of `urls`, never to other hosts an index lists.
 *
 * @returns The files (paths and metadata, ready for `@vigil/matcher`'s loaders) and every problem.
 * @throws `VigilError` (from `@vigil/core`) `INVALID_INPUT` on a bad option or an index that is not an MVT index.
 *
 * @example
 * ```ts
 * import { updateFeeds } from '@vigil/client';
 *
 * const { files, problems } = await updateFeeds({
 *   index: 'https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/indicators.yaml',
 *   cacheDir: '.vigil/feeds',
 * });
 * for (const file of files) console.log(file.status, file.name, file.path);
 * for (const problem of problems) console.error(problem.code, problem.message);
 * ```
 */
export async function updateFeeds(options: UpdateFeedsOptions): Promise<UpdateFeedsResult> {
  if (typeof options.cacheDir !== 'string' || options.cacheDir === '') {
    throw new VigilError('INVALID_INPUT', 'cacheDir must be a directory path');
  }
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new VigilError(
      'INVALID_INPUT',
      `concurrency must be a positive integer, got ${String(concurrency)}`,
    );
  }
  const cacheDir = resolvePath(options.cacheDir);
  const manifestPath = join(cacheDir, MANIFEST_FILE);
  // Credentials go only to the index URL and the URLs given, never to the hosts an index lists.
  const explicit = (options.urls ?? []).map(String);
  if (options.index instanceof URL || /^https?:\/\/\S+$/i.test(String(options.index ?? '').trim())) {
    explicit.push(String(options.index).trim());
  }
  const transport = createTransport({
    ...options,
    maxResponseBytes: options.maxResponseBytes ?? 256 * 1024 * 1024,
    credentialOrigins: explicit,
  });
  const offline = options.offline === true;
  const problems: FeedProblem[] = [];
  const { manifest, problem: manifestProblem } = await readManifest(manifestPath);
  if (manifestProblem) problems.push({ code: 'MANIFEST_CORRUPT', message: manifestProblem });
  const entries: Record<string, ManifestEntry> = { ...manifest.entries };

  let indexFile: FeedFile | undefined;
  const jobs: Job[] = [];
  if (options.index !== undefined) {
    const indexValue = String(options.index);
    let text: string | undefined;
    if (options.index instanceof URL || /^https?:\/\/\S+$/i.test(indexValue.trim())) {
      const source: FeedSource = { name: 'index', url: indexValue.trim(), format: 'echap-yaml' };
      const outcome = await fetchOne({ source, isIndex: true });
      if (outcome.entry) entries[source.url] = outcome.entry;
      if (outcome.problem) problems.push(outcome.problem);
      if (outcome.file) {
        indexFile = outcome.file;
        text = new TextDecoder().decode(
          (await readCached(outcome.file.path, outcome.file.sha256)) ?? new Uint8Array(),
        );
      }
    } else {
      text = indexValue;
    }
    if (text !== undefined) {
      const index = parseFeedIndex(text, options);
      for (const issue of index.issues)
        problems.push({ code: issue.code, message: issue.message, path: issue.path });
      for (const source of index.sources) jobs.push({ source, isIndex: false });
    }
  }
  for (const raw of options.urls ?? []) {
    const url = String(raw);
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      throw new VigilError('INVALID_INPUT', `urls must be http(s) URLs, got '${url}'`);
    }
    const name = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
    jobs.push({ source: { name, url, format: guessFeedFormat(url) }, isIndex: false });
  }

  const outcomes: Outcome[] = new Array(jobs.length);
  let nextJob = 0;
  const workers = Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
    while (nextJob < jobs.length) {
      const i = nextJob++;
      outcomes[i] = await fetchOne(jobs[i] as Job);
    }
  });
  await Promise.all(workers);

  const files: FeedFile[] = [];
  for (const outcome of outcomes) {
    if (outcome.entry) entries[outcome.entry.url] = outcome.entry;
    if (outcome.file) files.push(outcome.file);
    if (outcome.problem) problems.push(outcome.problem);
  }
  if (!offline) {
    await writeAtomic(manifestPath, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
  }
  return { files, problems, manifestPath, ...(indexFile ? { index: indexFile } : {}) };

  function toFile(source: FeedSource, entry: ManifestEntry, status: FeedFileStatus): FeedFile {
    return {
      name: source.name,
      url: source.url,
      path: join(cacheDir, entry.file),
      format: source.format,
      sha256: entry.sha256,
      bytes: entry.bytes,
      ...(entry.etag === undefined ? {} : { etag: entry.etag }),
      ...(entry.lastModified === undefined ? {} : { lastModified: entry.lastModified }),
      fetchedAt: entry.fetchedAt,
      status,
      ...(source.sources ? { sources: source.sources } : {}),
      ...(source.references ? { references: source.references } : {}),
      ...(source.repository ? { repository: source.repository } : {}),
    };
  }

  async function fetchOne(job: Job): Promise<Outcome> {
    const { source } = job;
    const cached = manifest.entries[source.url];
    const cachedOk = cached
      ? (await readCached(join(cacheDir, cached.file), cached.sha256)) !== undefined
      : false;
    const base = { name: source.name, url: source.url };
    if (offline) {
      if (cached && cachedOk) return { file: toFile(source, cached, 'cached') };
      return {
        problem: cached
          ? {
              ...base,
              code: 'CACHE_CORRUPT',
              message: `the cached copy of ${source.url} no longer matches its sha256`,
            }
          : {
              ...base,
              code: 'NOT_CACHED',
              message: `${source.url} is not in the cache and offline mode sends no request`,
            },
      };
    }
    const headers: Record<string, string> = { Accept: '*/*' };
    if (cached && cachedOk) {
      if (cached.etag) headers['If-None-Match'] = cached.etag;
      if (cached.lastModified) headers['If-Modified-Since'] = cached.lastModified;
    }
    const stale = (problem: FeedProblem): Outcome =>
      cached && cachedOk ? { file: toFile(source, cached, 'stale'), problem } : { problem };
    let raw: Awaited<ReturnType<Transport['send']>>;
    try {
      raw = await transport.send({
        method: 'GET',
        url: source.url,
        headers,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      return stale({
        ...base,
        code: 'DOWNLOAD_FAILED',
        message: `${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    if (raw.status === 304 && cached && cachedOk) {
      const entry: ManifestEntry = {
        ...cached,
        ...(raw.headers.get('etag') ? { etag: raw.headers.get('etag') as string } : {}),
        ...(raw.headers.get('last-modified')
          ? { lastModified: raw.headers.get('last-modified') as string }
          : {}),
      };
      return { file: toFile(source, entry, 'not-modified'), entry };
    }
    if (raw.status < 200 || raw.status > 299) {
      const error: HttpError = httpErrorFrom(raw);
      return stale({ ...base, code: 'DOWNLOAD_FAILED', message: error.message, cause: error });
    }
    const refused = contentProblem(raw.bytes, source.format);
    if (refused) {
      return stale({
        ...base,
        code: 'INVALID_CONTENT',
        message: `${source.url}: ${refused}; the cached copy was kept`,
      });
    }
    const file = cached?.file ?? fileNameFor(source.url);
    const etag = raw.headers.get('etag');
    const lastModified = raw.headers.get('last-modified');
    const entry: ManifestEntry = {
      name: source.name,
      url: source.url,
      file,
      format: source.format,
      sha256: sha256(raw.bytes),
      bytes: raw.bytes.byteLength,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      fetchedAt: new Date().toISOString(),
    };
    try {
      await writeAtomic(join(cacheDir, file), raw.bytes);
    } catch (error) {
      return stale({
        ...base,
        code: 'DOWNLOAD_FAILED',
        message: `cannot write ${file}: ${String(error)}`,
        cause: error,
      });
    }
    return { file: toFile(source, entry, 'downloaded'), entry };
  }
}
