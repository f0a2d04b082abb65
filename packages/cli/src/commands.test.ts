import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const stix = join(repo, 'examples/device-artifacts/indicators.stix2');

function capture(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Partial<CliIo> = {
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
    cwd: repo,
    env: {},
    ...extra,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('vigil serve', () => {
  it('runs the registry on SQLite until stopped, answering TAXII discovery with the admin key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const c = capture({ env: { VIGIL_ADMIN_KEY: 'test-admin-key-123' }, untilStopped: () => stopped });
    const running = runCli(['serve', '--db', join(dir, 'r.sqlite'), '--port', '0', '--json'], c.io);
    for (let i = 0; i < 200 && !c.out().includes('}'); i++) await new Promise((r) => setTimeout(r, 25));
    const info = JSON.parse(c.out()) as { url: string; database: string };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    const ok = await fetch(`${info.url}/taxii2/`, {
      headers: { accept: 'application/taxii+json;version=2.1', authorization: 'Bearer test-admin-key-123' },
    });
    expect(ok.status).toBe(200);
    const denied = await fetch(`${info.url}/taxii2/`, {
      headers: { accept: 'application/taxii+json;version=2.1' },
    });
    expect(denied.status).toBe(401);
    stop();
    expect(await running).toBe(0);
    await expect(fetch(`${info.url}/taxii2/`)).rejects.toThrow();
  });
});

const pgUrl = process.env.VIGIL_TEST_PG_URL;
describe.skipIf(pgUrl === undefined)('vigil serve on PostgreSQL (needs VIGIL_TEST_PG_URL)', () => {
  it('passes a postgres:// URL through unchanged and never prints its password', async () => {
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const c = capture({ env: { VIGIL_ADMIN_KEY: 'test-admin-key-pg' }, untilStopped: () => stopped });
    const running = runCli(['serve', '--db', pgUrl as string, '--port', '0', '--json'], c.io);
    for (let i = 0; i < 400 && !c.out().includes('}'); i++) await new Promise((r) => setTimeout(r, 25));
    const info = JSON.parse(c.out()) as { url: string; database: string };
    expect(info.database.startsWith('postgres')).toBe(true);
    const password = new URL(pgUrl as string).password;
    if (password !== '') expect(c.out()).not.toContain(password);
    const ok = await fetch(`${info.url}/taxii2/`, {
      headers: { accept: 'application/taxii+json;version=2.1', authorization: 'Bearer test-admin-key-pg' },
    });
    expect(ok.status).toBe(200);
    stop();
    expect(await running).toBe(0);
  });
});

describe('vigil serve with a keys file', () => {
  it('serves read keys from the file and refuses a malformed one in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-keys-'));
    writeFileSync(
      join(dir, 'keys.json'),
      JSON.stringify([{ key: 'reader-key-0001', organization: 'organization--helpline', role: 'read' }]),
    );
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const c = capture({ untilStopped: () => stopped });
    const running = runCli(
      ['serve', '--db', join(dir, 'r.sqlite'), '--port', '0', '--keys', join(dir, 'keys.json')],
      c.io,
    );
    for (let i = 0; i < 200 && !c.out().includes('Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 25));
    const url = /on (http:\/\/127\.0\.0\.1:\d+)/u.exec(c.out())?.[1];
    expect(c.out()).not.toContain('Admin API key');
    const ok = await fetch(`${url}/taxii2/`, {
      headers: { accept: 'application/taxii+json;version=2.1', authorization: 'Bearer reader-key-0001' },
    });
    expect(ok.status).toBe(200);
    stop();
    expect(await running).toBe(0);

    writeFileSync(join(dir, 'bad.json'), '{"key":"x"}');
    const b = capture();
    expect(await runCli(['serve', '--port', '0', '--keys', join(dir, 'bad.json')], b.io)).toBe(1);
    expect(b.err()).toBe(
      `vigil serve: ${join(dir, 'bad.json')} must hold a JSON array of API keys [INVALID_INPUT]\n`,
    );
  });
});

describe('vigil iocs', () => {
  let server: Server;
  let base = '';
  let requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/indicators.yaml') {
        res.setHeader('content-type', 'text/yaml');
        res.end(
          `indicators:\n  - type: download\n    name: ExampleSpy (made up)\n    download_url: ${base}/examplespy.stix2\n`,
        );
      } else if (req.url === '/examplespy.stix2') {
        res.setHeader('etag', '"v1"');
        if (req.headers['if-none-match'] === '"v1"') {
          res.statusCode = 304;
          res.end();
          return;
        }
        res.end(readFileSync(stix));
      } else {
        res.statusCode = 404;
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('updates the cache from an index over HTTP, then lists it offline', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'vigil-cache-'));
    requests = [];
    const a = capture();
    expect(
      await runCli(
        ['iocs', 'update', '--index', `${base}/indicators.yaml`, '--cache', cache, '--json'],
        a.io,
      ),
    ).toBe(0);
    const updated = JSON.parse(a.out()) as { files: { name: string; status: string; sha256: string }[] };
    expect(updated.files.map((f) => [f.name, f.status])).toEqual([['ExampleSpy (made up)', 'downloaded']]);
    expect(requests).toContain('/examplespy.stix2');

    const b = capture();
    expect(
      await runCli(
        ['iocs', 'update', '--index', `${base}/indicators.yaml`, '--cache', cache, '--json'],
        b.io,
      ),
    ).toBe(0);
    expect((JSON.parse(b.out()) as typeof updated).files[0]?.status).toBe('not-modified');

    requests = [];
    const c = capture();
    expect(await runCli(['iocs', 'list', '--cache', cache], c.io)).toBe(0);
    expect(c.out()).toContain('ExampleSpy (made up)  version 2026-03-01T00:00:00.000Z  7 indicators');
    expect(c.out()).toContain('etag "v1"');
    expect(c.out()).toContain(updated.files[0]?.sha256 ?? 'missing');
    expect(requests).toEqual([]);
  });

  it('verifies the cache offline, checks against it by default, and catches an altered file', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'vigil-cache-'));
    await runCli(['iocs', 'update', '--index', `${base}/indicators.yaml`, '--cache', cache], capture().io);
    requests = [];
    const a = capture();
    expect(await runCli(['iocs', 'verify', '--cache', cache], a.io)).toBe(0);
    expect(a.out()).toMatch(/ok +ExampleSpy \(made up\) 7 indicators/u);
    const device = join(repo, 'examples/device-artifacts/mvt-results');
    const b = capture({ env: { VIGIL_CACHE: cache } });
    expect(await runCli(['check', device, '--quiet'], b.io)).toBe(2);
    expect(requests).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8')) as {
      entries: Record<string, { name: string; file: string }>;
    };
    const entry = Object.values(manifest.entries).find((e) => e.name === 'ExampleSpy (made up)');
    writeFileSync(join(cache, entry?.file ?? 'missing'), '{"type":"bundle","objects":[]}');
    const c = capture();
    expect(await runCli(['iocs', 'verify', '--cache', cache], c.io)).toBe(2);
    expect(c.out()).toContain('altered');
    const d = capture();
    expect(await runCli(['check', device, '--cache', cache], d.io)).toBe(1);
    expect(d.err()).toContain('is altered');
  });

  it('fails with one line when there is no cache to list', async () => {
    const a = capture();
    expect(await runCli(['iocs', 'list', '--cache', join(tmpdir(), 'vigil-no-cache-here')], a.io)).toBe(1);
    expect(a.err()).toMatch(
      /^vigil iocs: no indicator cache in .*: run "vigil iocs update" \[NOT_FOUND\]\n$/u,
    );
  });

  it('downloads sets given by URL without an index', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'vigil-cache-'));
    writeFileSync(join(cache, 'keep.txt'), 'x');
    const a = capture();
    await runCli(
      ['iocs', 'update', '--no-index', '--url', `${base}/examplespy.stix2`, '--cache', cache],
      a.io,
    );
    expect(a.out()).toContain('1 set(s) available');
  });
});
