/**
 * Loads the files {@link updateFeeds} cached into `@vigil/matcher` indicator sets.
 */
import { readFile } from 'node:fs/promises';
import { type IndicatorSet, loadIndicators } from '@vigil/matcher';
import { sha256 } from './internal/feed-cache.js';
import type { FeedFile, FeedProblem } from './update-feeds.js';

/**
 * What {@link loadFeeds} returns: one indicator set per readable file, and a problem for each file that
 * could not be read or no longer matches its sha256.
 *
 * @example
 * ```ts
 * import { loadFeeds, updateFeeds, type LoadedFeeds } from '@vigil/client';
 *
 * const { files } = await updateFeeds({ urls: ['https://feeds.example/lab.stix2'], cacheDir: '.vigil/feeds' });
 * const loaded: LoadedFeeds = await loadFeeds(files);
 * console.log(loaded.sets.length, loaded.problems.length);
 * ```
 */
export interface LoadedFeeds {
  /** In the order of the files; each set's diagnostics say what its loader could not use. */
  readonly sets: readonly IndicatorSet[];
  readonly problems: readonly FeedProblem[];
}

/**
 * Options of {@link loadFeeds}.
 *
 * @example
 * ```ts
 * import type { LoadFeedsOptions } from '@vigil/client';
 *
 * const options: LoadFeedsOptions = { licences: { 'AmnestyTech/investigations': 'CC-BY-2.0' } };
 * ```
 */
export interface LoadFeedsOptions {
  /** A licence to record in each set's provenance, by repository (`owner/repo`) or by file URL. */
  readonly licences?: Readonly<Record<string, string>>;
}

/**
 * Reads each cached feed file, checks its bytes against the recorded sha256, and loads it with
 * `@vigil/matcher`'s `loadIndicators` (format detected from the content and the URL). Each set's
 * provenance records the file's URL, name, repository and sha256.
 *
 * @param files - The `files` of an {@link updateFeeds} result.
 * @returns The sets, and a `CACHE_CORRUPT` problem for each file that is missing or changed since it was cached.
 *
 * @example
 * ```ts
 * import { createMatcher } from '@vigil/matcher';
 * import { loadFeeds, updateFeeds } from '@vigil/client';
 *
 * const { files } = await updateFeeds({
 *   index: 'https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/indicators.yaml',
 *   cacheDir: '.vigil/feeds',
 * });
 * const { sets } = await loadFeeds(files);
 * const matcher = createMatcher(sets);
 * ```
 */
export async function loadFeeds(
  files: readonly FeedFile[],
  options: LoadFeedsOptions = {},
): Promise<LoadedFeeds> {
  const sets: IndicatorSet[] = [];
  const problems: FeedProblem[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file.path));
    } catch (error) {
      problems.push({
        code: 'CACHE_CORRUPT',
        name: file.name,
        url: file.url,
        message: `cannot read ${file.path}: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
      continue;
    }
    if (sha256(bytes) !== file.sha256) {
      problems.push({
        code: 'CACHE_CORRUPT',
        name: file.name,
        url: file.url,
        message: `${file.path} no longer matches the sha256 recorded when it was downloaded; run updateFeeds again`,
      });
      continue;
    }
    const licence =
      options.licences?.[file.url] ?? (file.repository ? options.licences?.[file.repository] : undefined);
    sets.push(
      loadIndicators(bytes, {
        format: 'auto',
        file: file.url,
        name: file.name,
        ...(file.repository ? { repository: file.repository } : {}),
        ...(licence ? { licence } : {}),
      }),
    );
  }
  return { sets, problems };
}
