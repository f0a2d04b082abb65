import { isVigilError } from '@vigil/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessError, HttpError, InvalidResponseError, NetworkError, TimeoutError } from './errors.js';
import { send, startTestServer, TAXII, type TestHandler, type TestServer } from './internal/test-server.js';
import { createTaxiiClient } from './taxii-client.js';

const COLLECTION = '91a7b528-80eb-42ed-a74d-c6fbd5a26116';
const FAST = { limit: 2, delay: 1, backoffLimit: 5 };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: TestHandler): Promise<TestServer> {
  server = await startTestServer(handler);
  return server;
}

function indicator(n: number): { type: string; id: string; spec_version: string } {
  return {
    type: 'indicator',
    id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    spec_version: '2.1',
  };
}

function collectionResource(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: COLLECTION, title: 'Indicators', can_read: true, can_write: true, ...overrides };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('discovery and API roots', () => {
  it('resolves relative API-root URLs and sends the TAXII media type, Basic auth and custom headers', async () => {
    const s = await serve((_req, res) =>
      send(res, 200, {
        title: 'Lab',
        default: '/api1/',
        api_roots: ['/api1/', 'https://other.example/api2/'],
      }),
    );
    const client = createTaxiiClient({
      url: `${s.url}taxii2`,
      auth: { username: 'ana', password: 'p:w' },
      headers: { 'X-Org': 'lab.example' },
    });
    const discovery = await client.discover();
    expect(discovery.default).toBe(`${s.url}api1/`);
    expect(discovery.api_roots).toEqual([`${s.url}api1/`, 'https://other.example/api2/']);
    const request = s.requests[0];
    expect(request?.url).toBe('/taxii2/');
    expect(request?.headers.accept).toBe(TAXII);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('ana:p:w').toString('base64')}`);
    expect(request?.headers['x-org']).toBe('lab.example');
  });

  it('sends credentials only to the discovery origin unless another origin is trusted', async () => {
    const other = await startTestServer((_req, res) => send(res, 200, {}));
    try {
      const s = await serve((_req, res) =>
        send(res, 200, { title: 'Lab', api_roots: [`${other.url}api2/`] }),
      );
      const options = {
        url: s.url,
        auth: { token: 't-1' },
        headers: { Cookie: 'session=1', 'X-Org': 'lab' },
      } as const;
      const client = createTaxiiClient(options);
      const [root = ''] = (await client.discover()).api_roots ?? [];
      await client.collections(root);
      expect(s.requests[0]?.headers.authorization).toBe('Bearer t-1');
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
      expect(other.requests[0]?.headers.cookie).toBeUndefined();
      expect(other.requests[0]?.headers['x-org']).toBe('lab');
      await createTaxiiClient({ ...options, trustedOrigins: [other.url] }).collections(root);
      expect(other.requests[1]?.headers.authorization).toBe('Bearer t-1');
    } finally {
      await other.close();
    }
  });

  it('sends a bearer token', async () => {
    const s = await serve((_req, res) =>
      send(res, 200, { title: 'root', versions: [TAXII], max_content_length: 1000 }),
    );
    const client = createTaxiiClient({ url: `${s.url}taxii2/`, auth: { token: 't-1' } });
    const root = await client.apiRoot('/api1/');
    expect(root.max_content_length).toBe(1000);
    expect(s.requests[0]?.url).toBe('/api1/');
    expect(s.requests[0]?.headers.authorization).toBe('Bearer t-1');
  });

  it('rejects a discovery resource without a title with the path of the problem', async () => {
    const s = await serve((_req, res) => send(res, 200, { api_roots: ['/a/'] }));
    const error = await caught(createTaxiiClient({ url: s.url }).discover());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).issues[0]?.path).toEqual(['title']);
  });

  it('treats {} as an empty collection list', async () => {
    const s = await serve((_req, res) => send(res, 200, {}));
    const client = createTaxiiClient({ url: s.url });
    expect(await client.collections('/api1/')).toEqual([]);
    expect(s.requests[0]?.url).toBe('/api1/collections/');
  });
});

describe('a server that misbehaves', () => {
  it('answers HTML: an InvalidResponseError naming the media type, never a SyntaxError', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Login</title>');
    });
    const error = await caught(createTaxiiClient({ url: s.url }).discover());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).issues[0]?.code).toBe('WRONG_MEDIA_TYPE');
    expect((error as InvalidResponseError).contentType).toBe('text/html');
    expect(isVigilError(error)).toBe(true);
  });

  it('labels HTML as TAXII: NOT_JSON', async () => {
    const s = await serve((_req, res) => send(res, 200, '<html>oops</html>'));
    const error = await caught(createTaxiiClient({ url: s.url }).discover());
    expect((error as InvalidResponseError).issues[0]?.code).toBe('NOT_JSON');
  });

  it('answers TAXII 2.0: WRONG_MEDIA_TYPE', async () => {
    const s = await serve((_req, res) =>
      send(res, 200, { title: 'x' }, { 'Content-Type': 'application/taxii+json;version=2.0' }),
    );
    const error = await caught(createTaxiiClient({ url: s.url }).discover());
    expect((error as InvalidResponseError).issues[0]?.message).toContain('version=2.0');
  });

  it('drops the connection mid-response: NetworkError without retries, success when the retry works', async () => {
    let calls = 0;
    const s = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(200, { 'Content-Type': TAXII, 'Content-Length': '1000' });
        res.write('{"title":"half');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      send(res, 200, { title: 'whole' });
    });
    const noRetry = createTaxiiClient({ url: s.url, retry: 0 });
    const error = await caught(noRetry.discover());
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBeDefined();
    const withRetry = createTaxiiClient({ url: s.url, retry: FAST });
    expect((await withRetry.discover()).title).toBe('whole');
    expect(s.requests).toHaveLength(2);
  });

  it('refuses connections: NetworkError', async () => {
    const s = await serve((_req, res) => send(res, 200, {}));
    const url = s.url;
    await s.close();
    server = undefined;
    const error = await caught(createTaxiiClient({ url, retry: 0 }).discover());
    expect(error).toBeInstanceOf(NetworkError);
  });

  it('is slow: TimeoutError, also when the headers came fast and the body is slow', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/slow-body/') {
        res.writeHead(200, { 'Content-Type': TAXII });
        res.write('{"title":');
        return;
      }
      // never answers
    });
    const client = createTaxiiClient({ url: s.url, timeout: 150, retry: 0 });
    const error = await caught(client.discover());
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeout).toBe(150);
    const bodyError = await caught(
      createTaxiiClient({ url: `${s.url}slow-body/`, timeout: 150, retry: 0 }).discover(),
    );
    expect(bodyError).toBeInstanceOf(TimeoutError);
  });

  it('honours an AbortSignal with a typed ABORTED error', async () => {
    const s = await serve(() => {
      // never answers
    });
    const controller = new AbortController();
    const pending = createTaxiiClient({ url: s.url }).discover({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 30);
    const error = await caught(pending);
    expect(isVigilError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('ABORTED');
  });

  it('retries 429 and 5xx on GET, with the TAXII error title once retries run out', async () => {
    let calls = 0;
    const s = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) return send(res, 429, { title: 'Slow down' }, { 'Retry-After': '0' });
      return send(res, 503, { title: 'Maintenance', description: 'back soon', http_status: '503' });
    });
    const error = await caught(createTaxiiClient({ url: s.url, retry: FAST }).discover());
    expect(error).toBeInstanceOf(HttpError);
    const http = error as HttpError;
    expect([http.status, http.title, http.description, http.isRetryable, http.method]).toEqual([
      503,
      'Maintenance',
      'back soon',
      true,
      'GET',
    ]);
    expect(s.requests).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than allowed', async () => {
    const s = await serve((_req, res) => send(res, 503, { title: 'Later' }, { 'Retry-After': '3600' }));
    const error = await caught(createTaxiiClient({ url: s.url, retry: FAST }).discover());
    expect((error as HttpError).status).toBe(503);
    expect(s.requests).toHaveLength(1);
  });

  it('never retries a POST', async () => {
    const s = await serve((req, res) => {
      if (req.method === 'GET') return send(res, 200, collectionResource());
      return send(res, 503, { title: 'Busy' });
    });
    const client = createTaxiiClient({ url: s.url, retry: FAST });
    const collection = await client.collection('/api1/', COLLECTION);
    const error = await caught(collection.addObjects([indicator(1)]));
    expect((error as HttpError).status).toBe(503);
    expect(s.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('stops reading a body larger than maxResponseBytes, declared or not', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/chunked/') {
        res.writeHead(200, { 'Content-Type': TAXII });
        const timer = setInterval(() => {
          if (!res.write(`{"pad":"${'x'.repeat(1000)}"}`)) clearInterval(timer);
        }, 1);
        res.on('close', () => clearInterval(timer));
        return;
      }
      send(res, 200, { title: 'x'.repeat(5000) });
    });
    const declared = await caught(createTaxiiClient({ url: s.url, maxResponseBytes: 1000 }).discover());
    expect((declared as InvalidResponseError).issues[0]?.code).toBe('RESPONSE_TOO_LARGE');
    const streamed = await caught(
      createTaxiiClient({ url: `${s.url}chunked/`, maxResponseBytes: 20_000 }).discover(),
    );
    expect((streamed as InvalidResponseError).issues[0]?.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('retries an idempotent DELETE, honours a Retry-After date, and cancels through the client-wide signal', async () => {
    let deletes = 0;
    const s = await serve((req, res) => {
      if (req.method === 'DELETE') {
        deletes += 1;
        if (deletes === 1)
          return send(
            res,
            503,
            { title: 'Busy' },
            { 'Retry-After': new Date(Date.now() - 1000).toUTCString() },
          );
        res.writeHead(200);
        res.end();
        return;
      }
      if (req.url === '/hang/') return; // never answers
      send(res, 200, collectionResource());
    });
    const collection = await createTaxiiClient({ url: s.url, retry: FAST }).collection('/api1/', COLLECTION);
    await collection.deleteObject(indicator(1).id);
    expect(deletes).toBe(2);

    const controller = new AbortController();
    const client = createTaxiiClient({ url: `${s.url}hang/`, signal: controller.signal });
    const pending = client.discover();
    setTimeout(() => controller.abort(), 20);
    expect(await caught(pending)).toMatchObject({ code: 'ABORTED' });
  });

  it('keeps a non-JSON error body on the HttpError', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'text/html', 'WWW-Authenticate': 'Basic' });
      res.end('<h1>Unauthorized</h1>');
    });
    const error = await caught(createTaxiiClient({ url: s.url }).discover());
    expect((error as HttpError).status).toBe(401);
    expect((error as HttpError).title).toBeUndefined();
    expect((error as HttpError).body).toContain('Unauthorized');
    expect((error as HttpError).isRetryable).toBe(false);
  });
});

describe('objects and pagination', () => {
  const objectsPath = `/api1/collections/${COLLECTION}/objects/`;

  it('follows next tokens, re-sending the other parameters, when the server caps limit', async () => {
    const all = Array.from({ length: 5 }, (_, i) => indicator(i));
    const s = await serve((req, res, url) => {
      if (url.pathname !== objectsPath) return send(res, 200, collectionResource());
      const start = Number(url.searchParams.get('next') ?? 0);
      const items = all.slice(start, start + 2); // cap: 2, whatever limit says
      const more = start + 2 < all.length;
      send(
        res,
        200,
        { objects: items, more, ...(more ? { next: String(start + 2) } : {}) },
        {
          'X-TAXII-Date-Added-First': '2026-01-01T00:00:00.000000Z',
          'X-TAXII-Date-Added-Last': '2026-01-01T00:00:00.000000Z',
        },
      );
      void req;
    });
    const client = createTaxiiClient({ url: s.url });
    const collection = await client.collection('/api1/', COLLECTION);
    const ids: string[] = [];
    for await (const object of collection.objects({ limit: 5, match: { type: ['indicator', 'malware'] } }))
      ids.push(object.id);
    expect(ids).toEqual(all.map((o) => o.id));
    const pageRequests = s.requests
      .filter((r) => r.url.startsWith(objectsPath))
      .map((r) => new URL(r.url, s.url).searchParams);
    expect(pageRequests.map((p) => p.get('next'))).toEqual([null, '2', '4']);
    for (const params of pageRequests) {
      expect(params.get('limit')).toBe('5');
      expect(params.get('match[type]')).toBe('indicator,malware');
    }
  });

  it('falls back to added_after = X-TAXII-Date-Added-Last when more comes without next', async () => {
    const stamps = [
      '2026-01-01T00:00:01.000000Z',
      '2026-01-01T00:00:02.000000Z',
      '2026-01-01T00:00:03.000000Z',
    ];
    const s = await serve((_req, res, url) => {
      if (url.pathname !== objectsPath) return send(res, 200, collectionResource());
      const after = url.searchParams.get('added_after');
      const index = after === null ? 0 : stamps.indexOf(after) + 1;
      if (index >= stamps.length) return send(res, 200, {}); // empty: no headers at all
      const stamp = stamps[index] as string;
      send(
        res,
        200,
        { objects: [indicator(index)], more: true },
        {
          'X-TAXII-Date-Added-First': stamp,
          'X-TAXII-Date-Added-Last': stamp,
        },
      );
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const pages = [];
    for await (const page of collection.objectPages({ addedAfter: '2025-12-31T00:00:00Z' })) pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([1, 1, 1, 0]);
    expect(pages[3]?.dateAddedLast).toBeUndefined();
    const afters = s.requests
      .filter((r) => r.url.startsWith(objectsPath))
      .map((r) => new URL(r.url, s.url).searchParams.get('added_after'));
    expect(afters).toEqual(['2025-12-31T00:00:00Z', ...stamps]);
  });

  it('stops with PAGINATION_STUCK when more comes with neither next nor the header', async () => {
    const s = await serve((_req, res, url) => {
      if (url.pathname !== objectsPath) return send(res, 200, collectionResource());
      send(res, 200, { objects: [indicator(1)], more: true });
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const error = await caught(
      (async () => {
        for await (const _ of collection.objects()) {
          // drain
        }
      })(),
    );
    expect((error as InvalidResponseError).issues[0]?.code).toBe('PAGINATION_STUCK');
  });

  it('stops with INVALID_HEADER when X-TAXII-Date-Added-Last is not a timestamp', async () => {
    const s = await serve((_req, res, url) => {
      if (url.pathname !== objectsPath) return send(res, 200, collectionResource());
      send(res, 200, { objects: [indicator(1)], more: true }, { 'X-TAXII-Date-Added-Last': 'yesterday' });
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const error = await caught(
      (async () => {
        for await (const _ of collection.objects()) {
          // drain
        }
      })(),
    );
    expect((error as InvalidResponseError).issues[0]?.code).toBe('INVALID_HEADER');
    expect((error as InvalidResponseError).url).toBe(`${s.url.slice(0, -1)}${objectsPath}`);
  });

  it('asks again after an empty page with more, but not forever', async () => {
    const s = await serve((_req, res, url) => {
      if (url.pathname !== objectsPath) return send(res, 200, collectionResource());
      send(res, 200, { more: true }); // empty, no next, no headers: "not ready yet", for ever
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const error = await caught(
      (async () => {
        for await (const _ of collection.objects()) {
          // drain
        }
      })(),
    );
    expect((error as InvalidResponseError).issues[0]?.code).toBe('PAGINATION_LOOP');
    expect(s.requests.filter((r) => r.url.startsWith(objectsPath))).toHaveLength(4);
  });

  it('stops with PAGINATION_LOOP when the server repeats a next token', async () => {
    const s = await serve((_req, res, url) => {
      if (url.pathname !== objectsPath) return send(res, 200, collectionResource());
      send(res, 200, { objects: [indicator(1)], more: true, next: 'same' });
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const error = await caught(
      (async () => {
        for await (const _ of collection.objects()) {
          // drain
        }
      })(),
    );
    expect((error as InvalidResponseError).issues[0]?.code).toBe('PAGINATION_LOOP');
  });

  it('rejects an envelope whose objects lack ids, with the path', async () => {
    const s = await serve((_req, res, url) => {
      if (url.pathname !== objectsPath) return send(res, 200, collectionResource());
      send(res, 200, { objects: [indicator(1), { type: 'indicator' }] });
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const error = await caught(collection.getObjects());
    expect((error as InvalidResponseError).issues[0]?.path).toEqual(['objects', 1, 'id']);
  });

  it('respects can_read and can_write before sending anything', async () => {
    const s = await serve((_req, res) =>
      send(res, 200, collectionResource({ can_read: false, can_write: false })),
    );
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    expect(s.requests).toHaveLength(1);
    const read = await caught(collection.getObjects());
    expect(read).toBeInstanceOf(AccessError);
    expect((read as AccessError).operation).toBe('read');
    expect(await caught(collection.getManifest())).toBeInstanceOf(AccessError);
    expect(await caught(collection.getVersions(indicator(1).id))).toBeInstanceOf(AccessError);
    expect(await caught(collection.deleteObject(indicator(1).id))).toBeInstanceOf(AccessError);
    const write = await caught(collection.addObjects([indicator(1)]));
    expect((write as AccessError).operation).toBe('write');
    expect(s.requests).toHaveLength(1);
  });

  it('refuses forged object ids and bad filters without sending a request', async () => {
    const s = await serve((_req, res) => send(res, 200, collectionResource()));
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    for (const promise of [
      collection.getObject('../../../etc/passwd'),
      collection.getObject('indicator--not-a-uuid'),
      collection.getObjects({ limit: 0 }),
      collection.getObjects({ addedAfter: 'yesterday' }),
      collection.addObjects([{ type: 'indicator', id: 'x' }]),
    ]) {
      expect((await caught(promise)) as { code: string }).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(s.requests).toHaveLength(1);
  });

  it('reads one object, its versions and the manifest from the right URLs', async () => {
    const id = indicator(7).id;
    const s = await serve((_req, res, url) => {
      if (url.pathname.endsWith('/versions/'))
        return send(res, 200, { versions: ['2026-01-01T00:00:00.000Z'] });
      if (url.pathname.endsWith('/manifest/')) {
        return send(res, 200, {
          objects: [{ id, date_added: '2026-01-01T00:00:00.000000Z', version: '2026-01-01T00:00:00.000Z' }],
        });
      }
      if (url.pathname.endsWith(`/objects/${id}/`)) return send(res, 200, { objects: [indicator(7)] });
      send(res, 200, collectionResource());
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    expect((await collection.getObject(id, { match: { version: 'all' } })).items[0]?.id).toBe(id);
    const versions: string[] = [];
    for await (const v of collection.versions(id)) versions.push(v);
    expect(versions).toEqual(['2026-01-01T00:00:00.000Z']);
    expect((await collection.getManifest()).items[0]?.id).toBe(id);
    expect(s.requests.map((r) => r.url)).toEqual([
      `/api1/collections/${COLLECTION}/`,
      `/api1/collections/${COLLECTION}/objects/${id}/?match%5Bversion%5D=all`,
      `/api1/collections/${COLLECTION}/objects/${id}/versions/`,
      `/api1/collections/${COLLECTION}/manifest/`,
    ]);
  });
});

describe('add objects', () => {
  it('POSTs an envelope as TAXII and polls the status until complete', async () => {
    let polls = 0;
    const s = await serve((req, res, url) => {
      if (req.method === 'POST') {
        return send(res, 202, {
          id: 's-1',
          status: 'pending',
          total_count: 2,
          success_count: 0,
          failure_count: 0,
          pending_count: 2,
        });
      }
      if (url.pathname === '/api1/status/s-1/') {
        polls += 1;
        const done = polls >= 2;
        return send(res, 200, {
          id: 's-1',
          status: done ? 'complete' : 'pending',
          total_count: 2,
          success_count: done ? 2 : 1,
          failure_count: 0,
          pending_count: done ? 0 : 1,
        });
      }
      send(res, 200, collectionResource());
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const status = await collection.addObjects([indicator(1), indicator(2)], { pollInterval: 5 });
    expect(status.status).toBe('complete');
    expect(status.success_count).toBe(2);
    const post = s.requests.find((r) => r.method === 'POST');
    expect(post?.headers['content-type']).toBe(TAXII);
    expect(post?.headers.accept).toBe(TAXII);
    expect(JSON.parse(post?.body ?? '')).toEqual({ objects: [indicator(1), indicator(2)] });
    expect(polls).toBe(2);
  });

  it('gives up polling with a TimeoutError', async () => {
    const pending = {
      id: 's-2',
      status: 'pending',
      total_count: 1,
      success_count: 0,
      failure_count: 0,
      pending_count: 1,
    };
    const s = await serve((req, res, url) => {
      if (req.method === 'POST' || url.pathname.startsWith('/api1/status/')) return send(res, 202, pending);
      send(res, 200, collectionResource());
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const error = await caught(collection.addObjects([indicator(1)], { pollInterval: 10, timeout: 60 }));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('rejects a status whose counts do not add up', async () => {
    const s = await serve((req, res) => {
      if (req.method === 'POST') {
        return send(res, 202, {
          id: 's-3',
          status: 'complete',
          total_count: 2,
          success_count: 1,
          failure_count: 0,
          pending_count: 0,
        });
      }
      send(res, 200, collectionResource());
    });
    const collection = await createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION);
    const error = await caught(collection.addObjects([indicator(1), indicator(2)]));
    expect((error as InvalidResponseError).issues[0]?.path).toEqual(['total_count']);
  });

  it('checks that the collection answered is the one asked for', async () => {
    const s = await serve((_req, res) => send(res, 200, collectionResource({ id: 'someone-else' })));
    const error = await caught(createTaxiiClient({ url: s.url }).collection('/api1/', COLLECTION));
    expect((error as InvalidResponseError).issues[0]?.code).toBe('ID_MISMATCH');
  });
});

describe('media type details', () => {
  it('accepts application/taxii+json without a version and with extra parameters', async () => {
    const s = await serve((req, res) =>
      send(
        res,
        200,
        { title: req.url === '/' ? 'a' : 'b' },
        {
          'Content-Type':
            req.url === '/'
              ? 'application/taxii+json'
              : 'Application/TAXII+JSON; charset=utf-8; version="2.1"',
        },
      ),
    );
    const client = createTaxiiClient({ url: s.url });
    expect((await client.discover()).title).toBe('a');
    expect((await createTaxiiClient({ url: `${s.url}other/` }).discover()).title).toBe('b');
  });

  it('reads a status resource by id', async () => {
    const s = await serve((_req, res) =>
      send(res, 200, {
        id: 's-9',
        status: 'complete',
        total_count: 0,
        success_count: 0,
        failure_count: 0,
        pending_count: 0,
      }),
    );
    const status = await createTaxiiClient({ url: s.url }).status('/api1/', 's-9');
    expect(status.id).toBe('s-9');
    expect(s.requests[0]?.url).toBe('/api1/status/s-9/');
  });

  it('refuses a non-http discovery URL at creation', () => {
    expect(() => createTaxiiClient({ url: 'file:///etc/taxii' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
