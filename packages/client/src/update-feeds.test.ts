import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFeedIndex } from './feed-index.js';
import { startTestServer, type TestServer } from './internal/test-server.js';
import { loadFeeds } from './load-feeds.js';
import { updateFeeds } from './update-feeds.js';

// Real indicator files, read from the shared data folder at test time (never copied into the repository).
const IOCS = fileURLToPath(new URL('../../../../shared/data/iocs/', import.meta.url));
const REPOS: Record<string, string> = {
  'AmnestyTech/investigations': 'amnesty-investigations',
  'AssoEchap/stalkerware-indicators': 'stalkerware-indicators',
  'mvt-project/mvt-indicators': 'mvt-indicators',
};

function sha(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Serves the shared data as if it were raw.githubusercontent.com, with ETag and Last-Modified. */
interface Mirror {
  server: TestServer;
  /** Overrides by URL path: bytes to serve instead, or a misbehaviour. */
  overrides: Map<string, string | 'drop' | 'html' | 500>;
}

async function startMirror(): Promise<Mirror> {
  const overrides = new Map<string, string | 'drop' | 'html' | 500>();
  const server = await startTestServer(async (req, res, url) => {
    const override = overrides.get(url.pathname);
    if (override === 'drop') {
      res.writeHead(200, { 'Content-Length': '100000' });
      res.write('{"type": "bundle", "objects": [');
      setTimeout(() => res.socket?.destroy(), 10);
      return;
    }
    if (override === 'html') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Captive portal</body></html>');
      return;
    }
    if (override === 500) {
      res.writeHead(500);
      res.end('oops');
      return;
    }
    let bytes: Buffer | undefined;
    if (typeof override === 'string') bytes = Buffer.from(override);
    else {
      const [owner, repo, _branch, ...rest] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const dir = REPOS[`${owner}/${repo}`];
      const path = rest.join('/');
      if (dir) {
        for (const candidate of [
          path,
          `${path.split('/').slice(0, -1).join('/')}/${path.split('/').pop()}`,
        ]) {
          bytes = await readFile(join(IOCS, dir, candidate)).catch(() => undefined);
          if (bytes) break;
        }
        // generated/stalkerware.stix2 sits at the top of the local copy
        if (!bytes)
          bytes = await readFile(join(IOCS, dir, path.split('/').pop() ?? '')).catch(() => undefined);
      }
    }
    if (!bytes) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404: Not Found');
      return;
    }
    const etag = `"${sha(bytes).slice(0, 16)}"`;
    const lastModified = 'Tue, 01 Sep 2026 00:00:00 GMT';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag, 'Last-Modified': lastModified });
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      ETag: etag,
      'Last-Modified': lastModified,
    });
    res.end(bytes);
  });
  return { server, overrides };
}

let mirror: Mirror;
let cacheDir: string;
const FAST = { limit: 0 };

beforeEach(async () => {
  mirror = await startMirror();
  cacheDir = await mkdtemp(join(tmpdir(), 'vigil-feeds-'));
});
afterEach(async () => {
  await mirror.server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

async function mvtIndex(): Promise<string> {
  return readFile(join(IOCS, 'mvt-indicators/indicators.yaml'), 'utf8');
}

describe('parseFeedIndex', () => {
  it('reads the real MVT index, with a URL per entry and an issue per unusable entry', async () => {
    const { sources, issues } = parseFeedIndex(await mvtIndex(), { githubBaseUrl: 'https://mirror.test/' });
    expect(issues).toEqual([]);
    expect(sources.length).toBeGreaterThan(5);
    const pegasus = sources.find((s) => s.url.endsWith('/pegasus.stix2'));
    expect(pegasus?.url).toBe(
      'https://mirror.test/AmnestyTech/investigations/master/2021-07-18_nso/pegasus.stix2',
    );
    expect(pegasus?.format).toBe('stix2');
    expect(pegasus?.sources).toEqual(['Amnesty International']);
    const bad = parseFeedIndex(
      'indicators:\n  - {type: ftp, name: a}\n  - {type: github, name: b, github: {owner: o, repo: r, branch: main}}\n  - 3\n  - {type: download, name: c, download_url: "https://x.test/c.yaml"}\n',
    );
    expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['UNSUPPORTED_ENTRY_TYPE', ['indicators', 0, 'type']],
      ['INVALID_ENTRY', ['indicators', 1, 'github', 'path']],
      ['INVALID_ENTRY', ['indicators', 2]],
    ]);
    expect(bad.sources.map((s) => [s.url, s.format])).toEqual([['https://x.test/c.yaml', 'echap-yaml']]);
  });

  it('throws INVALID_INPUT on text that is not an index', () => {
    expect(() => parseFeedIndex('indicators: [')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseFeedIndex('title: nothing')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('updateFeeds', () => {
  it('downloads the index entries, records sha256 in the manifest, then revalidates with conditional requests', async () => {
    const index = await mvtIndex();
    const first = await updateFeeds({ index, cacheDir, githubBaseUrl: mirror.server.url, retry: FAST });
    const pegasus = first.files.find((f) => f.url.endsWith('/pegasus.stix2'));
    const expected = sha(await readFile(join(IOCS, 'amnesty-investigations/2021-07-18_nso/pegasus.stix2')));
    expect(pegasus?.sha256).toBe(expected);
    expect(pegasus?.status).toBe('downloaded');
    expect(sha(await readFile(pegasus?.path ?? ''))).toBe(expected);
    // The entries the mirror does not have are reported, not dropped.
    const { sources } = parseFeedIndex(index, { githubBaseUrl: mirror.server.url });
    expect(first.files.length + first.problems.length).toBe(sources.length);
    expect(first.files.map((f) => f.name)).toContain('NoviSpy (Serbia) Indicators of Compromise');
    expect(first.problems.every((p) => p.code === 'DOWNLOAD_FAILED' && p.message.includes('404'))).toBe(true);
    const manifest = JSON.parse(await readFile(first.manifestPath, 'utf8')) as {
      entries: Record<string, { sha256: string; etag?: string; lastModified?: string }>;
    };
    expect(manifest.entries[pegasus?.url ?? '']).toMatchObject({
      sha256: expected,
      lastModified: 'Tue, 01 Sep 2026 00:00:00 GMT',
    });

    const before = mirror.server.requests.length;
    const second = await updateFeeds({ index, cacheDir, githubBaseUrl: mirror.server.url, retry: FAST });
    expect(second.files.map((f) => f.status)).toEqual(first.files.map(() => 'not-modified'));
    const pegasusRequest = mirror.server.requests.slice(before).find((r) => r.url.endsWith('/pegasus.stix2'));
    expect(pegasusRequest?.headers['if-none-match']).toBe(manifest.entries[pegasus?.url ?? '']?.etag);
    expect(pegasusRequest?.headers['if-modified-since']).toBe('Tue, 01 Sep 2026 00:00:00 GMT');
  });

  it('never corrupts the cached copy when a later download fails', async () => {
    const url = `${mirror.server.url}lab/feed.stix2`;
    mirror.overrides.set('/lab/feed.stix2', '{"type":"bundle","id":"bundle--1","objects":[]}');
    const first = await updateFeeds({ urls: [url], cacheDir, retry: FAST });
    const original = await readFile(first.files[0]?.path ?? '');

    for (const misbehaviour of ['drop', 'html', 500] as const) {
      mirror.overrides.set('/lab/feed.stix2', misbehaviour);
      // force a full download: the content "changed" so the etag no longer matches
      const result = await updateFeeds({ urls: [url], cacheDir, retry: FAST });
      expect(result.files[0]?.status).toBe('stale');
      expect(result.problems[0]?.code).toBe(misbehaviour === 'html' ? 'INVALID_CONTENT' : 'DOWNLOAD_FAILED');
      expect(await readFile(first.files[0]?.path ?? '')).toEqual(original);
      expect(result.files[0]?.sha256).toBe(sha(original));
    }
    const leftovers = (await readdir(join(cacheDir, 'files'))).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);

    mirror.overrides.set('/lab/feed.stix2', '{"type":"bundle","id":"bundle--2","objects":[]}');
    const updated = await updateFeeds({ urls: [url], cacheDir, retry: FAST });
    expect(updated.files[0]?.status).toBe('downloaded');
    expect(updated.files[0]?.sha256).toBe(sha('{"type":"bundle","id":"bundle--2","objects":[]}'));
  });

  it('works offline from the cache only, reporting what is missing or tampered with', async () => {
    const indexUrl = `${mirror.server.url}mvt-project/mvt-indicators/main/indicators.yaml`;
    const online = await updateFeeds({
      index: indexUrl,
      cacheDir,
      githubBaseUrl: mirror.server.url,
      retry: FAST,
    });
    expect(online.index?.status).toBe('downloaded');
    const novispy = online.files.find((f) => f.url.endsWith('/novispy.stix2'));
    expect(novispy).toBeDefined();
    await mirror.server.close();
    const requestsBefore = mirror.server.requests.length;

    const offline = await updateFeeds({
      index: indexUrl,
      urls: ['https://feeds.example/never-fetched.stix2'],
      cacheDir,
      githubBaseUrl: mirror.server.url,
      offline: true,
    });
    expect(mirror.server.requests.length).toBe(requestsBefore);
    expect(offline.index?.status).toBe('cached');
    expect(offline.files.map((f) => [f.url, f.status])).toEqual(online.files.map((f) => [f.url, 'cached']));
    expect(offline.problems.find((p) => p.url === 'https://feeds.example/never-fetched.stix2')?.code).toBe(
      'NOT_CACHED',
    );

    await writeFile(novispy?.path ?? '', 'tampered');
    const tampered = await updateFeeds({
      index: indexUrl,
      cacheDir,
      githubBaseUrl: mirror.server.url,
      offline: true,
    });
    expect(tampered.files.some((f) => f.url === novispy?.url)).toBe(false);
    expect(tampered.problems.find((p) => p.url === novispy?.url)?.code).toBe('CACHE_CORRUPT');
  });

  it('recovers from a corrupt manifest by downloading again, and says so', async () => {
    const url = `${mirror.server.url}AssoEchap/stalkerware-indicators/master/ioc.yaml`;
    await updateFeeds({ urls: [url], cacheDir, retry: FAST });
    await writeFile(join(cacheDir, 'manifest.json'), '{ not json');
    const result = await updateFeeds({ urls: [url], cacheDir, retry: FAST });
    expect(result.problems.map((p) => p.code)).toEqual(['MANIFEST_CORRUPT']);
    expect(result.files[0]?.status).toBe('downloaded');
    expect(result.files[0]?.format).toBe('echap-yaml');
    expect(result.files[0]?.sha256).toBe(sha(await readFile(join(IOCS, 'stalkerware-indicators/ioc.yaml'))));
  });

  it('loads the cached files into @vigil/matcher indicator sets, with provenance, refusing tampered copies', async () => {
    const index = await mvtIndex();
    const { files } = await updateFeeds({ index, cacheDir, githubBaseUrl: mirror.server.url, retry: FAST });
    const { sets, problems } = await loadFeeds(files, {
      licences: { 'AmnestyTech/investigations': 'CC-BY-2.0' },
    });
    expect(problems).toEqual([]);
    expect(sets).toHaveLength(files.length);
    const novispy = sets.find((s) => s.source.file?.endsWith('/novispy.stix2'));
    expect(novispy?.source.sha256).toBe(
      sha(await readFile(join(IOCS, 'amnesty-investigations/2024-12-16_serbia_novispy/novispy.stix2'))),
    );
    expect(novispy?.source.licence).toBe('CC-BY-2.0');
    expect(novispy?.source.repository).toBe('AmnestyTech/investigations');
    expect(novispy?.indicators.length).toBeGreaterThan(0);
    const pegasus = sets.find((s) => s.source.file?.endsWith('/pegasus.stix2'));
    expect(pegasus?.indicators.some((i) => i.type === 'domain')).toBe(true);

    const victim = files.find((f) => f.url.endsWith('/novispy.stix2'));
    await writeFile(victim?.path ?? '', '{"type":"bundle","objects":[]}');
    const after = await loadFeeds(files);
    expect(after.sets).toHaveLength(files.length - 1);
    expect(after.problems.map((p) => [p.code, p.url])).toEqual([['CACHE_CORRUPT', victim?.url]]);
  });

  it('sends credentials to the index host only, not to the hosts the index lists', async () => {
    const other = await startTestServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('evil.test\n');
    });
    try {
      mirror.overrides.set(
        '/index.yaml',
        `indicators:\n  - type: download\n    name: Elsewhere\n    download_url: ${other.url}list.txt\n`,
      );
      const result = await updateFeeds({
        index: `${mirror.server.url}index.yaml`,
        cacheDir,
        auth: { username: 'lab', password: 'secret' },
        retry: FAST,
      });
      expect(result.files.map((f) => f.name)).toEqual(['Elsewhere']);
      expect(mirror.server.requests.at(-1)?.headers.authorization).toMatch(/^Basic /);
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('refuses bad options with INVALID_INPUT', async () => {
    await expect(updateFeeds({ urls: ['file:///etc/passwd'], cacheDir })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(updateFeeds({ urls: [], cacheDir: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
