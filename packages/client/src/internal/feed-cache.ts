import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One cached file as recorded in `manifest.json`. */
export interface ManifestEntry {
  readonly name: string;
  readonly url: string;
  /** Relative to the cache directory. */
  readonly file: string;
  readonly format: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly fetchedAt: string;
}

export interface FeedManifest {
  readonly version: 1;
  readonly entries: Record<string, ManifestEntry>;
}

export const MANIFEST_FILE = 'manifest.json';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes to a temporary file beside `path`, then renames it over `path`: readers see the old or the new file, never half of one. */
export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data, { flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function isEntry(value: unknown): value is ManifestEntry {
  const v = value as Record<string, unknown> | null;
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof v.url === 'string' &&
    typeof v.file === 'string' &&
    typeof v.sha256 === 'string' &&
    typeof v.bytes === 'number' &&
    typeof v.name === 'string' &&
    typeof v.fetchedAt === 'string' &&
    !v.file.includes('..')
  );
}

/** Reads the manifest; `problem` is set (and the manifest empty) when it exists but cannot be used. */
export async function readManifest(path: string): Promise<{ manifest: FeedManifest; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { manifest: { version: 1, entries: {} } };
    return { manifest: { version: 1, entries: {} }, problem: `cannot read ${path}: ${String(error)}` };
  }
  try {
    const parsed = JSON.parse(text) as { version?: unknown; entries?: unknown };
    if (parsed.version !== 1 || parsed.entries === null || typeof parsed.entries !== 'object') {
      throw new Error('not a version 1 manifest');
    }
    const entries: Record<string, ManifestEntry> = {};
    for (const [url, entry] of Object.entries(parsed.entries as Record<string, unknown>)) {
      if (isEntry(entry) && entry.url === url) entries[url] = entry;
    }
    return { manifest: { version: 1, entries } };
  } catch (error) {
    return {
      manifest: { version: 1, entries: {} },
      problem: `${path} is not a valid feed manifest (${error instanceof Error ? error.message : String(error)}); every file will be downloaded again`,
    };
  }
}

/** Reads a cached file and checks it still has the recorded sha256. */
export async function readCached(path: string, expected: string): Promise<Uint8Array | undefined> {
  try {
    const bytes = new Uint8Array(await readFile(path));
    return sha256(bytes) === expected ? bytes : undefined;
  } catch {
    return undefined;
  }
}
