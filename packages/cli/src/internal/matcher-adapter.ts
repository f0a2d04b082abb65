/**
 * Everything the CLI asks of @vigil/matcher, in one place.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { VigilError } from '@vigil/core';
import { createMatcher, type IndicatorSet, loadIndicators } from '@vigil/matcher';
import type { AlertIndicator, AlertIndicatorSet } from '../alerts.js';
import type { ArtifactType } from '../artifact.js';
import { fileSha256, readCacheManifest } from './feed-manifest.js';

/** An indicator set as loaded, with the diagnostics the loader gave. */
export interface LoadedSet {
  readonly name: string;
  readonly version?: string;
  readonly file: string;
  readonly format: string;
  readonly sha256: string;
  readonly indicators: readonly AlertIndicator[];
  readonly diagnostics: readonly { code: string; severity: string; message: string; location?: unknown }[];
  /** The set as the matcher returned it, to pass back to `createMatcher`. */
  readonly raw: IndicatorSet;
}

/** One match of one artifact. */
export interface AdapterMatch {
  readonly indicator: AlertIndicator;
  readonly set: AlertIndicatorSet;
  readonly how?: string;
}

/** A compiled matcher. */
export interface AdapterMatcher {
  match(type: ArtifactType, value: string): readonly AdapterMatch[];
}

type Format = 'stix2' | 'echap-yaml' | 'list' | 'mvt-index';

/** Guesses an indicator file's format from its name; `undefined` for files to leave alone. */
export function indicatorFormat(path: string): Format | undefined {
  const name = basename(path).toLowerCase();
  if (name === 'manifest.json' || name.startsWith('.')) return undefined;
  if (name === 'indicators.yaml' || name === 'indicators.yml') return 'mvt-index';
  if (/\.(?:stix2|stix|json)$/u.test(name)) return 'stix2';
  if (/\.(?:ya?ml)$/u.test(name)) return 'echap-yaml';
  if (/\.(?:txt|list|csv|hosts)$/u.test(name) || name === 'hosts') return 'list';
  return undefined;
}

/** An indicator file to load, with its format. */
export interface IndicatorFile {
  readonly path: string;
  readonly format: Format;
}

/**
 * Lists the indicator files in the given files and directories (directories recursively). A directory with
 * a `manifest.json` is an indicator cache (`vigil iocs update`): its sets are taken from the manifest, each
 * checked against its recorded sha256 first.
 */
export function indicatorFiles(paths: readonly string[]): IndicatorFile[] {
  const out: IndicatorFile[] = [];
  const visit = (path: string, explicit: boolean, depth: number): void => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (depth > 6) return;
      const cache = readCacheManifest(path);
      if (cache !== undefined) {
        for (const entry of cache) {
          if (entry.isIndex) continue;
          const actual = fileSha256(entry.path);
          if (actual !== entry.sha256)
            throw new VigilError(
              'INVALID_INPUT',
              `cached indicator set ${entry.name} (${entry.path}) is ${actual === undefined ? 'missing' : 'altered'}: run "vigil iocs verify" and "vigil iocs update"`,
            );
          const format =
            (['stix2', 'echap-yaml', 'list'] as const).find((f) => f === entry.format) ??
            indicatorFormat(entry.path) ??
            'list';
          out.push({ path: entry.path, format });
        }
        return;
      }
      for (const entry of readdirSync(path).sort()) visit(join(path, entry), false, depth + 1);
      return;
    }
    const format = indicatorFormat(path);
    if (format !== undefined) out.push({ path, format });
    else if (explicit) out.push({ path, format: 'list' });
  };
  for (const p of paths) visit(p, true, 0);
  return out;
}

/** Loads indicator files with @vigil/matcher. A file the matcher refuses throws a typed error naming it. */
export async function loadIndicatorSets(paths: readonly string[]): Promise<LoadedSet[]> {
  const sets: LoadedSet[] = [];
  for (const { path: file, format } of indicatorFiles(paths)) {
    if (format === 'mvt-index')
      throw new VigilError(
        'INVALID_INPUT',
        `${file} is an MVT indicator index, not an indicator set: run "vigil iocs update --index ${file}" and check with the cache`,
      );
    const bytes = readFileSync(file);
    let set: IndicatorSet;
    try {
      set = loadIndicators(new Uint8Array(bytes), { format, file: basename(file) });
    } catch (error) {
      throw new VigilError(
        'INVALID_INPUT',
        `cannot load indicators from ${file}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    sets.push({
      name: set.name,
      ...(set.version === undefined ? {} : { version: set.version }),
      file,
      format: set.source.format,
      sha256: set.source.sha256,
      indicators: set.indicators,
      diagnostics: set.diagnostics,
      raw: set,
    });
  }
  return sets;
}

/** Compiles the sets into a matcher with the given profile. */
export async function compileMatcher(
  sets: readonly LoadedSet[],
  profile: 'default' | 'mvt',
): Promise<AdapterMatcher> {
  const compiled = createMatcher(
    sets.map((s) => s.raw),
    { profile },
  );
  const bySha = new Map<string, AlertIndicatorSet>();
  for (const s of sets)
    bySha.set(s.sha256, {
      name: s.name,
      ...(s.version === undefined ? {} : { version: s.version }),
      sha256: s.sha256,
      file: s.file,
      format: s.format,
    });
  return {
    match(type, value) {
      if (type === 'cidr') return [];
      return compiled.match({ type, value }).map((m) => {
        const sha = m.indicator.provenance.source.sha256;
        const set = bySha.get(sha) ?? {
          name: m.indicator.provenance.source.file ?? 'indicators',
          sha256: sha,
          format: m.indicator.provenance.source.format,
        };
        return { indicator: m.indicator, set, how: m.rule };
      });
    },
  };
}
