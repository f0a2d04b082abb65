/**
 * Injection attempts against the client, over real loopback HTTP:
 *
 * - Path traversal in the feed cache: index entries and URLs whose names are `../../etc/passwd`-like, and
 *   a tampered `manifest.json` pointing outside the cache, never make `updateFeeds` write (or read) outside
 *   `cacheDir`.
 * - Header injection: CR/LF in header values, API keys and tokens passed to the clients never reach the
 *   wire as extra headers; the call fails with a typed error and no request is sent.
 * - Ids with traversal or SQL in them are refused before any request (TAXII object ids, case ids).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { isVigilError } from '@vigil/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaxiiClient, updateFeeds } from '../src/index.js';
import { startTestServer, type TestServer } from '../src/internal/test-server.js';
import { createRegistryClient } from '../src/registry-client.js';

const TRAVERSAL_NAMES = [
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  '....//....//x',
  '..',
  '.',
  'manifest.json',
  '%00evil',
  'a/../../../../b',
];
const BUNDLE = JSON.stringify({
  type: 'bundle',
  id: 'bundle--00000000-0000-4000-8000-000000000000',
  objects: [],
});

let root: string;
let cacheDir: string;
let server: TestServer;

beforeEach(async () => {
  // The cache lives two levels down, so that `..` escapes land in folders this test can inspect.
  root = await mkdtemp(join(tmpdir(), 'vigil-traversal-'));
  cacheDir = join(root, 'outer', 'cache');
  await mkdir(join(root, 'outer'), { recursive: true });
  server = await startTestServer((request, response) => {
    if (request.url.includes('/collections/')) {
      response.writeHead(200, { 'Content-Type': 'application/taxii+json;version=2.1' });
      response.end(
        JSON.stringify({ id: 'indicators', title: 'Indicators', can_read: true, can_write: true }),
      );
      return;
    }
    if (request.url.includes('index')) {
      response.writeHead(200, { 'Content-Type': 'text/yaml' });
      response.end(indexYaml());
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json', ETag: '"1"' });
    response.end(BUNDLE);
  });
});
afterEach(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** An MVT-style index whose entries carry traversal in their names and in their URLs' file names. */
function indexYaml(): string {
  const entries = TRAVERSAL_NAMES.flatMap((name, i) => [
    `  - type: download\n    name: ${JSON.stringify(name)}\n    download_url: ${JSON.stringify(`${server.url}feeds/${i}.stix2`)}`,
    `  - type: download\n    name: ${JSON.stringify(`${name}-${i}`)}\n    download_url: ${JSON.stringify(`${server.url}feeds/${encodeURIComponent(name)}`)}`,
  ]);
  return `indicators:\n${entries.join('\n')}\n`;
}

/** Every file under `dir`, as paths relative to `root`. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(root, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

function inside(path: string): boolean {
  const r = relative(cacheDir, resolve(path));
  return r !== '' && !r.startsWith('..') && !r.startsWith(sep) && !r.includes(`..${sep}`);
}

describe('path traversal in the feed cache (updateFeeds)', () => {
  it('index entries and URLs named like ../../etc/passwd are all written inside cacheDir', async () => {
    const urls = TRAVERSAL_NAMES.map((name) => `${server.url}direct/${encodeURIComponent(name)}`);
    const result = await updateFeeds({ index: `${server.url}index.yaml`, urls, cacheDir, retry: 0 });
    expect(result.files.length).toBeGreaterThan(TRAVERSAL_NAMES.length);
    for (const file of [...result.files, ...(result.index ? [result.index] : [])]) {
      expect(inside(file.path), file.path).toBe(true);
      expect((await stat(file.path)).isFile()).toBe(true);
    }
    expect(inside(result.manifestPath)).toBe(true);
    // Nothing was written anywhere else under the temporary root.
    for (const file of await filesUnder(root)) {
      expect(file.startsWith(`outer${sep}cache${sep}`), file).toBe(true);
    }
  });

  it('a tampered manifest pointing outside cacheDir is neither read nor written through', async () => {
    await mkdir(cacheDir, { recursive: true });
    const outside = join(root, 'outer', 'victim.txt');
    await writeFile(outside, 'do not touch');
    const url = `${server.url}direct/a.stix2`;
    const absolute = resolve(outside);
    for (const file of [
      '../victim.txt',
      absolute,
      `files/../../victim.txt`,
      '..\\victim.txt',
      'files/./../../victim.txt',
    ]) {
      await writeFile(
        join(cacheDir, 'manifest.json'),
        JSON.stringify({
          version: 1,
          entries: {
            [url]: {
              name: 'a',
              url,
              file,
              format: 'stix2',
              sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
              bytes: 12,
              fetchedAt: '2026-01-01T00:00:00.000Z',
            },
          },
        }),
      );
      const offline = await updateFeeds({ urls: [url], cacheDir, offline: true });
      for (const f of offline.files) expect(inside(f.path), `${file}: ${f.path}`).toBe(true);
      const online = await updateFeeds({ urls: [url], cacheDir, retry: 0 });
      for (const f of online.files) expect(inside(f.path), `${file}: ${f.path}`).toBe(true);
      expect(await readFile(outside, 'utf8'), file).toBe('do not touch');
    }
    for (const file of await filesUnder(root)) {
      expect(file === join('outer', 'victim.txt') || file.startsWith(`outer${sep}cache${sep}`), file).toBe(
        true,
      );
    }
  });
});

describe('header injection', () => {
  const hostile = ['a\r\nX-Injected: 1', 'a\nX-Injected: 1', 'a\rX-Injected: 1', 'a\u0000b'];

  it('CR/LF in a custom header, a bearer token or Basic credentials: typed error, nothing sent', async () => {
    for (const value of hostile) {
      const options = [
        { headers: { 'X-Custom': value } },
        { auth: { token: value } },
        { auth: { username: value, password: 'p' } },
        { headers: { [`X-Name${value}`]: 'v' } },
      ];
      for (const extra of options) {
        const before = server.requests.length;
        let caught: unknown;
        try {
          const client = createTaxiiClient({ url: `${server.url}taxii2/`, retry: 0, ...extra });
          await client.discover();
        } catch (error) {
          caught = error;
        }
        expect(isVigilError(caught), `${JSON.stringify(extra)}: ${String(caught)}`).toBe(true);
        const injected = server.requests.slice(before).filter((r) => r.headers['x-injected'] !== undefined);
        expect(injected).toEqual([]);
        // Basic credentials are base64-encoded, so a CR/LF in them cannot break the header: the request may
        // go out (and fail on the answer), but never with an injected header.
        if (!('auth' in extra && 'username' in extra.auth)) expect(server.requests.length).toBe(before);
      }
    }
  });

  it('CR/LF in a registry API key: typed error, nothing sent', async () => {
    for (const value of hostile) {
      const before = server.requests.length;
      let caught: unknown;
      try {
        const client = createRegistryClient({ url: server.url, apiKey: `key-${value}`, retry: 0 });
        await client.getCase('dataset--x');
      } catch (error) {
        caught = error;
      }
      expect(isVigilError(caught), String(caught)).toBe(true);
      expect(server.requests.length).toBe(before);
    }
  });
});

describe('ids with traversal or SQL are refused before any request', () => {
  it('TAXII object ids and registry case ids', async () => {
    const taxii = createTaxiiClient({ url: `${server.url}taxii2/`, retry: 0 });
    const registry = createRegistryClient({ url: server.url, apiKey: 'a-key-of-some-length', retry: 0 });
    const collection = await taxii.collection(`${server.url}vigil/`, 'indicators');
    const before = server.requests.length;
    for (const id of [
      ...TRAVERSAL_NAMES,
      "indicator--x' OR '1'='1",
      'dataset--a/../../b',
      'dataset--a%2F..',
    ]) {
      await expect(collection.getObject(id)).rejects.toSatisfy(isVigilError);
      await expect(registry.getCase(id)).rejects.toSatisfy(isVigilError);
    }
    expect(server.requests.length).toBe(before);
  });
});
