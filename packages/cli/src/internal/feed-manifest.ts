import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One entry of the cache's `manifest.json`, as @vigil/client's `updateFeeds` writes it. */
export interface CacheEntry {
  readonly name: string;
  readonly url: string;
  /** Absolute path of the cached copy. */
  readonly path: string;
  readonly format: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly fetchedAt: string;
  /** The server's ETag and Last-Modified for the cached copy, when it sent them. */
  readonly etag?: string;
  readonly lastModified?: string;
  /** The MVT-style index the sets were listed in, not a set itself. */
  readonly isIndex: boolean;
}

export const MANIFEST = 'manifest.json';

/** Reads a cache directory's manifest; `undefined` when the folder is not a @vigil/client cache. */
export function readCacheManifest(dir: string): CacheEntry[] | undefined {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  // Only @vigil/client's manifest makes a folder a cache: MVT results also hold a manifest.json (iOS backups).
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const manifest = data as { version?: unknown; entries?: unknown };
  if (manifest.version !== 1 || typeof manifest.entries !== 'object' || manifest.entries === null)
    return undefined;
  const entries = manifest.entries as Record<string, Record<string, unknown>>;
  return Object.values(entries).map((e) => ({
    name: String(e.name ?? ''),
    url: String(e.url ?? ''),
    path: join(dir, String(e.file ?? '')),
    format: String(e.format ?? ''),
    sha256: String(e.sha256 ?? ''),
    bytes: Number(e.bytes ?? 0),
    fetchedAt: String(e.fetchedAt ?? ''),
    ...(typeof e.etag === 'string' ? { etag: e.etag } : {}),
    ...(typeof e.lastModified === 'string' ? { lastModified: e.lastModified } : {}),
    isIndex: e.name === 'index',
  }));
}

/** The sha256 of a file, or `undefined` when it is missing. */
export function fileSha256(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
