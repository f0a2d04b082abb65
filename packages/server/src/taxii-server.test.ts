import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './create-server.js';
import { DEFAULT_COLLECTION_ID } from './create-server.js';
import {
  BACKENDS,
  indicator,
  KEYS,
  skipUnavailable,
  startTestServer,
  TAXII,
  taxiiHeaders,
} from './internal/test-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are probed field by field
type Loose = any;

const OBJECTS = `/vigil/collections/${DEFAULT_COLLECTION_ID}/objects/`;
const TLP_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

describe.each(BACKENDS)('on %s', (backend) => {
  if (skipUnavailable(backend)) return;
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(
      {
        collections: [
          { id: DEFAULT_COLLECTION_ID, title: 'Indicators', alias: 'indicators' },
          { id: 'other', title: 'Other', description: 'A second collection' },
          { id: 'curated', title: 'Curated', adminWriteOnly: true },
        ],
      },
      backend,
    );
  });
  afterAll(async () => {
    await server.close();
  });

  async function get(path: string, key: string = KEYS.labAdmin.key, headers: Record<string, string> = {}) {
    const response = await fetch(server.url + path, { headers: taxiiHeaders(key, headers) });
    const text = await response.text();
    return {
      response,
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as Record<string, Loose>),
    };
  }

  async function post(
    path: string,
    body: unknown,
    key: string = KEYS.labWriter.key,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: taxiiHeaders(key, { 'Content-Type': TAXII, ...headers }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { response, status: response.status, body: (await response.json()) as Record<string, Loose> };
  }

  function expectTaxiiError(
    result: { response: Response; status: number; body: Record<string, Loose> | undefined },
    status: number,
  ) {
    expect(result.status).toBe(status);
    expect(result.response.headers.get('content-type')).toBe(TAXII);
    expect(result.body?.http_status).toBe(String(status));
    expect(typeof result.body?.title).toBe('string');
    expect(typeof result.body?.description).toBe('string');
  }

  async function allIds(collectionPath = OBJECTS): Promise<string[]> {
    const { body } = await get(`${collectionPath}?match[version]=all&limit=100`);
    return (body?.objects ?? []).map((o: { id: string; modified?: string }) => `${o.id}@${o.modified ?? ''}`);
  }

  describe('discovery, API root and collections', () => {
    it('serves discovery with the API root', async () => {
      const { status, body, response } = await get('/taxii2/');
      expect(status).toBe(200);
      expect(response.headers.get('content-type')).toBe(TAXII);
      expect(body).toEqual({ title: 'Vigil registry', default: '/vigil/', api_roots: ['/vigil/'] });
    });

    it('serves the API root information', async () => {
      const { status, body } = await get('/vigil/');
      expect(status).toBe(200);
      expect(body).toMatchObject({ versions: [TAXII], max_content_length: 10 * 1024 * 1024 });
      expect(typeof body?.title).toBe('string');
    });

    it('lists collections with per-key can_read and can_write', async () => {
      const admin = await get('/vigil/collections/');
      expect(
        admin.body?.collections.map((c: { id: string; can_write: boolean }) => [c.id, c.can_write]),
      ).toEqual([
        [DEFAULT_COLLECTION_ID, true],
        ['other', true],
        ['curated', true],
      ]);
      const writer = await get('/vigil/collections/', KEYS.ngoWriter.key);
      expect(writer.body?.collections.map((c: { can_write: boolean }) => c.can_write)).toEqual([
        true,
        true,
        false,
      ]);
      const reader = await get('/vigil/collections/', KEYS.ngoReader.key);
      expect(
        reader.body?.collections.every(
          (c: { can_read: boolean; can_write: boolean }) => c.can_read && !c.can_write,
        ),
      ).toBe(true);
      const limited = await get('/vigil/collections/', KEYS.restricted.key);
      expect(limited.body?.collections.map((c: { id: string }) => c.id)).toEqual(['other']);
    });

    it('serves one collection by id or alias, and 404s an unknown or hidden one', async () => {
      const one = await get(`/vigil/collections/${DEFAULT_COLLECTION_ID}/`);
      expect(one.body).toEqual({
        id: DEFAULT_COLLECTION_ID,
        title: 'Indicators',
        alias: 'indicators',
        can_read: true,
        can_write: true,
        media_types: ['application/stix+json;version=2.1'],
      });
      expect((await get('/vigil/collections/indicators/')).body?.id).toBe(DEFAULT_COLLECTION_ID);
      expectTaxiiError(await get('/vigil/collections/nope/'), 404);
      expectTaxiiError(await get(`/vigil/collections/${DEFAULT_COLLECTION_ID}/`, KEYS.restricted.key), 404);
      expectTaxiiError(await get('/vigil/collections/nope/objects/'), 404);
      expectTaxiiError(await get('/vigil/nothing-here/'), 404);
    });
  });

  describe('authentication and media types', () => {
    it('401s without a key or with an unknown key, with WWW-Authenticate', async () => {
      const none = await fetch(`${server.url}/taxii2/`, { headers: { Accept: TAXII } });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Basic');
      expect(((await none.json()) as Loose).http_status).toBe('401');
      const wrong = await fetch(`${server.url}/taxii2/`, { headers: taxiiHeaders('not-a-key-at-all') });
      expect(wrong.status).toBe(401);
    });

    it('accepts HTTP Basic (key as password) and Token schemes', async () => {
      const basic = Buffer.from(`someone:${KEYS.ngoReader.key}`).toString('base64');
      const a = await fetch(`${server.url}/taxii2/`, {
        headers: { Accept: TAXII, Authorization: `Basic ${basic}` },
      });
      expect(a.status).toBe(200);
      const b = await fetch(`${server.url}/taxii2/`, {
        headers: { Accept: TAXII, Authorization: `Token ${KEYS.ngoReader.key}` },
      });
      expect(b.status).toBe(200);
    });

    it('406s a request without the TAXII media type in Accept', async () => {
      for (const accept of [undefined, 'application/json', 'application/taxii+json;version=2.0', '*/*']) {
        const headers: Record<string, string> = { Authorization: `Bearer ${KEYS.labAdmin.key}` };
        if (accept !== undefined) headers.Accept = accept;
        const response = await fetch(`${server.url}/vigil/collections/`, { headers });
        expect(response.status, String(accept)).toBe(406);
        expect(response.headers.get('content-type')).toBe(TAXII);
        expect(((await response.json()) as Loose).http_status).toBe('406');
      }
      const unversioned = await get('/vigil/', KEYS.labAdmin.key, { Accept: 'application/taxii+json' });
      expect(unversioned.status).toBe(200);
    });

    it('405s a method an endpoint does not take, with Allow; answers HEAD without a body', async () => {
      const put = await fetch(server.url + OBJECTS, {
        method: 'PUT',
        headers: taxiiHeaders(KEYS.labAdmin.key),
      });
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
      expect(((await put.json()) as Loose).http_status).toBe('405');
      const head = await fetch(`${server.url}/vigil/collections/`, {
        method: 'HEAD',
        headers: taxiiHeaders(KEYS.labAdmin.key),
      });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe(TAXII);
      expect(await head.text()).toBe('');
      expectTaxiiError(await get('/taxii2/?x=1'), 400);
    });

    it('415s a POST whose Content-Type is not the TAXII media type, and stores nothing', async () => {
      const before = await allIds();
      const result = await post(OBJECTS, { objects: [indicator()] }, KEYS.labWriter.key, {
        'Content-Type': 'application/json',
      });
      expectTaxiiError(result, 415);
      expect(await allIds()).toEqual(before);
    });
  });

  describe('adding objects', () => {
    it('answers 202 with a complete status resource, readable at /status/{id}/', async () => {
      const objs = [indicator(), indicator()];
      const { status, body } = await post(OBJECTS, { objects: objs });
      expect(status).toBe(202);
      expect(body).toMatchObject({
        status: 'complete',
        total_count: 2,
        success_count: 2,
        failure_count: 0,
        pending_count: 0,
      });
      expect(body.successes.map((s: { id: string }) => s.id)).toEqual(objs.map((o) => o.id));
      expect(body.failures).toBeUndefined();
      const again = await get(`/vigil/status/${body.id}/`, KEYS.labWriter.key);
      expect(again.body).toEqual(body);
      expectTaxiiError(await get(`/vigil/status/${body.id}/`, KEYS.ngoReader.key), 404);
      expectTaxiiError(await get(`/vigil/status/${randomUUID()}/`), 404);
    });

    it('counts an exact duplicate as a success and stores it once', async () => {
      const obj = indicator();
      await post(OBJECTS, { objects: [obj] });
      const reordered = Object.fromEntries(Object.entries(obj).reverse());
      const { body } = await post(OBJECTS, { objects: [reordered] });
      expect(body).toMatchObject({ success_count: 1, failure_count: 0 });
      const versions = await get(`${OBJECTS}${obj.id}/versions/`);
      expect(versions.body?.versions).toEqual(['2026-01-01T00:00:00.000Z']);
    });

    it('refuses other content under an existing id and version, keeping the stored one', async () => {
      const obj = indicator();
      await post(OBJECTS, { objects: [obj] });
      const { body } = await post(OBJECTS, { objects: [{ ...obj, name: 'Tampered' }] });
      expect(body).toMatchObject({ success_count: 0, failure_count: 1 });
      expect(body.failures[0].message).toContain('already stored');
      const stored = await get(`${OBJECTS}${obj.id}/`);
      expect(stored.body?.objects[0].name).toBe('Spyware domain');
    });

    it('refuses forged and invalid objects one by one, with a path in the message, and stores the valid ones', async () => {
      const good = indicator();
      const uuid = randomUUID();
      const bad = [
        indicator({ id: 'indicator--not-a-uuid' }),
        indicator({ id: `malware--${uuid}` }),
        indicator({ id: `indicator--${uuid.toUpperCase()}` }),
        indicator({ spec_version: undefined }),
        indicator({ spec_version: '2.0' }),
        indicator({ modified: 'yesterday' }),
        indicator({ created: '2026-02-01T00:00:00Z', modified: '2026-01-01T00:00:00Z' }),
        { type: 'Bad Type', id: `x--${uuid}` },
        'not an object',
        indicator({ id: '../../etc/passwd' }),
      ];
      const { status, body } = await post(OBJECTS, { objects: [good, ...bad] });
      expect(status).toBe(202);
      expect(body).toMatchObject({ total_count: 11, success_count: 1, failure_count: 10 });
      const messages: string[] = body.failures.map((f: { message: string }) => f.message);
      expect(messages[0]).toMatch(/objects\[1\]\.id: .* <type>--<uuid>/);
      expect(messages[1]).toContain('id_type_mismatch');
      expect(messages[3]).toContain('objects[4].spec_version');
      expect(messages[5]).toContain('objects[6].modified');
      expect(messages[8]).toContain('objects[9]');
      expect((await get(`${OBJECTS}${good.id}/`)).status).toBe(200);
      expectTaxiiError(await get(`${OBJECTS}indicator--${uuid}/`), 404);
    });

    it('refuses a new version of an object another organisation added', async () => {
      const obj = indicator();
      await post(OBJECTS, { objects: [obj] }, KEYS.labWriter.key);
      const { body } = await post(
        OBJECTS,
        { objects: [{ ...obj, modified: '2026-03-01T00:00:00.000Z' }] },
        KEYS.ngoWriter.key,
      );
      expect(body.failure_count).toBe(1);
      expect(body.failures[0].message).toContain('another organisation');
      expect((await get(`${OBJECTS}${obj.id}/versions/`)).body?.versions).toHaveLength(1);
    });

    it('keeps every property, even one named __proto__', async () => {
      const obj = indicator();
      const text = `{"objects":[{"__proto__":{"x_polluted":true},${JSON.stringify(obj).slice(1)}]}`;
      const { body } = await post(OBJECTS, text);
      expect(body.success_count).toBe(1);
      const stored = await fetch(`${server.url}${OBJECTS}${obj.id as string}/`, {
        headers: taxiiHeaders(KEYS.labAdmin.key),
      });
      expect(await stored.text()).toContain('"__proto__":{"x_polluted":true}');
    });

    it('stores an observable without created/modified once, with date_added as its version', async () => {
      const sco = { type: 'domain-name', id: `domain-name--${randomUUID()}`, value: 'c2.spyware.test' };
      const first = await post(OBJECTS, { objects: [sco] });
      const second = await post(OBJECTS, { objects: [sco] });
      expect(second.body.successes[0].version).toBe(first.body.successes[0].version);
      expect(first.body.successes[0].version).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect((await get(`${OBJECTS}${sco.id}/versions/`)).body?.versions).toHaveLength(1);
    });

    it('403s a key that cannot write, 400s malformed JSON, 422s a non-envelope; nothing is stored', async () => {
      const before = await allIds();
      expectTaxiiError(await post(OBJECTS, { objects: [indicator()] }, KEYS.ngoReader.key), 403);
      expectTaxiiError(
        await post('/vigil/collections/curated/objects/', { objects: [indicator()] }, KEYS.ngoWriter.key),
        403,
      );
      expectTaxiiError(await post(OBJECTS, '{"objects": [', KEYS.labWriter.key), 400);
      expectTaxiiError(await post(OBJECTS, '', KEYS.labWriter.key), 400);
      for (const body of [[indicator()], { objects: [] }, { objects: 'x' }, { more: false }, 42]) {
        const result = await post(OBJECTS, body);
        expectTaxiiError(result, 422);
        expect(result.body.details.issues[0]).toHaveProperty('path');
      }
      expect(await allIds()).toEqual(before);
    });

    it('413s a body over max_content_length, and stores nothing', async () => {
      const small = await startTestServer({ maxBodyBytes: 2048 }, backend);
      try {
        const big = { objects: Array.from({ length: 20 }, () => indicator()) };
        const response = await fetch(small.url + OBJECTS, {
          method: 'POST',
          headers: taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII }),
          body: JSON.stringify(big),
        });
        expect(response.status).toBe(413);
        expect(((await response.json()) as Loose).http_status).toBe('413');
        // Streamed without Content-Length: counted while reading.
        const stream = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(JSON.stringify(big)));
            controller.close();
          },
        });
        const chunked = await fetch(small.url + OBJECTS, {
          method: 'POST',
          headers: taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII }),
          body: stream,
          duplex: 'half',
        } as RequestInit);
        expect(chunked.status).toBe(413);
        const after = await fetch(`${small.url + OBJECTS}?match[version]=all`, {
          headers: taxiiHeaders(KEYS.labWriter.key),
        });
        expect((await after.json()) as Loose).toEqual({});
      } finally {
        await small.close();
      }
    });
  });

  describe('reading objects', () => {
    const path = '/vigil/collections/other/objects/';
    const ids: string[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 5; i++) {
        const obj = indicator({ name: `n${i}` });
        ids.push(obj.id as string);
        await post(path, { objects: [obj] });
      }
    });

    it('answers {} without date headers for an empty result', async () => {
      const { body, response } = await get(`/vigil/collections/curated/objects/`);
      expect(body).toEqual({});
      expect(response.headers.get('x-taxii-date-added-first')).toBeNull();
    });

    it('pages with limit, more and next, in date-added order, with date headers', async () => {
      const seen: string[] = [];
      let url = `${path}?limit=2`;
      let pages = 0;
      let lastHeader = '';
      for (;;) {
        const { body, response } = await get(url);
        pages++;
        expect(body?.objects.length).toBeLessThanOrEqual(2);
        const first = response.headers.get('x-taxii-date-added-first') as string;
        const last = response.headers.get('x-taxii-date-added-last') as string;
        expect(first).toMatch(/\.\d{6}Z$/);
        expect(first > lastHeader).toBe(true);
        expect(last >= first).toBe(true);
        lastHeader = last;
        seen.push(...(body?.objects ?? []).map((o: { id: string }) => o.id));
        if (!body?.more) {
          expect(body?.next).toBeUndefined();
          break;
        }
        url = `${path}?limit=2&next=${encodeURIComponent(body.next)}`;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(ids);
    });

    it('continues from added_after = X-TAXII-Date-Added-Last', async () => {
      const first = await get(`${path}?limit=2`);
      const last = first.response.headers.get('x-taxii-date-added-last') as string;
      const rest = await get(`${path}?added_after=${encodeURIComponent(last)}`);
      expect(rest.body?.objects.map((o: { id: string }) => o.id)).toEqual(ids.slice(2));
      expect(rest.body?.more).toBe(false);
    });

    it('caps limit at the server page size', async () => {
      const capped = await startTestServer({ maxPageSize: 3 }, backend);
      try {
        const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
        await fetch(capped.url + OBJECTS, {
          method: 'POST',
          headers,
          body: JSON.stringify({ objects: [indicator(), indicator(), indicator(), indicator()] }),
        });
        const page = (await (await fetch(`${capped.url + OBJECTS}?limit=50`, { headers })).json()) as Loose;
        expect(page.objects).toHaveLength(3);
        expect(page.more).toBe(true);
      } finally {
        await capped.close();
      }
    });

    it('400s a bad, tampered or mismatched next token with a TAXII error', async () => {
      const first = await get(`${path}?limit=2`);
      const token: string = first.body?.next;
      expectTaxiiError(await get(`${path}?next=garbage`), 400);
      expectTaxiiError(await get(`${path}?next=${encodeURIComponent(`${token}x`)}`), 400);
      const [payload, sig] = token.split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload as string, 'base64url').toString()), s: 0 }),
      ).toString('base64url');
      expectTaxiiError(await get(`${path}?next=${encodeURIComponent(`${forged}.${sig}`)}`), 400);
      const mismatch = await get(`${path}?match[type]=malware&next=${encodeURIComponent(token)}`);
      expectTaxiiError(mismatch, 400);
      expect(mismatch.body?.description).toContain('differ');
      expectTaxiiError(await get(`${OBJECTS}?next=${encodeURIComponent(token)}`), 400);
      // limit may change between pages
      expect((await get(`${path}?limit=1&next=${encodeURIComponent(token)}`)).status).toBe(200);
    });

    it('400s malformed filters', async () => {
      for (const q of [
        'limit=0',
        'limit=-1',
        'limit=abc',
        'added_after=yesterday',
        'added_after=2026-13-01T00:00:00Z',
        'match[type]=Not_A_Type',
        'match[id]=indicator--nope',
        'match[version]=latest',
        'match[version]=all,last',
        'match[spec_version]=two',
        'match[foo]=bar',
        'limit=1&limit=2',
        'unknown=1',
      ]) {
        const result = await get(`${path}?${q}`);
        expect(result.status, q).toBe(400);
        expect(result.body?.http_status).toBe('400');
      }
    });

    it('filters by match[type], match[id] (OR within a field, AND across fields)', async () => {
      const domain = { type: 'domain-name', id: `domain-name--${randomUUID()}`, value: 'x.test' };
      await post(path, { objects: [domain] });
      const byType = await get(`${path}?match[type]=domain-name`);
      expect(byType.body?.objects.map((o: { id: string }) => o.id)).toEqual([domain.id]);
      const both = await get(`${path}?match[type]=domain-name,indicator`);
      expect(both.body?.objects).toHaveLength(6);
      const byId = await get(`${path}?match[id]=${ids[0]},${ids[3]}`);
      expect(byId.body?.objects.map((o: { id: string }) => o.id)).toEqual([ids[0], ids[3]]);
      const none = await get(`${path}?match[id]=${ids[0]}&match[type]=domain-name`);
      expect(none.body).toEqual({});
      const manifest = await get(`/vigil/collections/other/manifest/?match[type]=domain-name`);
      expect(manifest.body?.objects).toEqual([
        {
          id: domain.id,
          date_added: expect.stringMatching(/\.\d{6}Z$/),
          version: expect.any(String),
          media_type: 'application/stix+json;version=2.1',
        },
      ]);
      expect(manifest.response.headers.get('x-taxii-date-added-first')).toBe(
        manifest.body?.objects[0].date_added,
      );
    });

    it('selects versions with match[version] first, last, all and timestamps; lists them at /versions/', async () => {
      const v1 = indicator({ created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z' });
      const v3 = { ...v1, modified: '2026-03-01T00:00:00.000Z', name: 'v3' };
      const v2 = { ...v1, modified: '2026-02-01T00:00:00.000Z', name: 'v2' };
      await post(path, { objects: [v1, v3, v2] });
      const byId = `${path}${v1.id}/`;
      const names = async (q: string) =>
        ((await get(`${byId}${q}`)).body?.objects ?? []).map((o: { name: string }) => o.name);
      expect(await names('')).toEqual(['v3']);
      expect(await names('?match[version]=last')).toEqual(['v3']);
      expect(await names('?match[version]=first')).toEqual(['Spyware domain']);
      expect(await names('?match[version]=all')).toEqual(['Spyware domain', 'v3', 'v2']);
      expect(await names('?match[version]=first,last')).toEqual(['Spyware domain', 'v3']);
      expect(await names('?match[version]=2026-02-01T00:00:00Z')).toEqual(['v2']);
      expect(await names('?match[version]=2026-02-01T00:00:00.000000Z')).toEqual(['v2']);
      expect(await names('?match[spec_version]=2.1&match[version]=all')).toHaveLength(3);
      expect(await names('?match[spec_version]=2.0')).toEqual([]);
      const versions = await get(`${byId}versions/`);
      expect(versions.body?.versions).toEqual([
        '2026-01-01T00:00:00Z',
        '2026-03-01T00:00:00.000Z',
        '2026-02-01T00:00:00.000Z',
      ]);
      expect(versions.response.headers.get('x-taxii-date-added-last')).toMatch(/Z$/);
      const paged = await get(`${byId}versions/?limit=2`);
      expect(paged.body).toMatchObject({
        more: true,
        versions: ['2026-01-01T00:00:00Z', '2026-03-01T00:00:00.000Z'],
      });
      const rest = await get(`${byId}versions/?limit=2&next=${encodeURIComponent(paged.body?.next)}`);
      expect(rest.body).toEqual({ more: false, versions: ['2026-02-01T00:00:00.000Z'] });
      expectTaxiiError(await get(`${byId}?match[type]=indicator`), 400);
    });

    it('404s an unknown object and 400s a malformed object id', async () => {
      expectTaxiiError(await get(`${path}indicator--${randomUUID()}/`), 404);
      expectTaxiiError(await get(`${path}indicator--${randomUUID()}/versions/`), 404);
      expectTaxiiError(await get(`${path}not-an-id/`), 400);
    });
  });

  describe('deleting objects', () => {
    it('deletes the matching versions only, for the owner', async () => {
      const v1 = indicator();
      const v2 = { ...v1, modified: '2026-05-01T00:00:00.000Z' };
      await post(OBJECTS, { objects: [v1, v2] }, KEYS.labWriter.key);
      const url = `${server.url}${OBJECTS}${v1.id}/`;
      const del = (key: string, q = '') => fetch(url + q, { method: 'DELETE', headers: taxiiHeaders(key) });
      const reader = await del(KEYS.ngoReader.key);
      expect(reader.status).toBe(403);
      const other = await del(KEYS.ngoWriter.key);
      expect(other.status).toBe(403);
      expect(((await other.json()) as Loose).description).toContain('another organisation');
      const first = await del(KEYS.labWriter.key, '?match[version]=2026-05-01T00:00:00.000Z');
      expect(first.status).toBe(200);
      expect((await get(`${OBJECTS}${v1.id}/versions/`)).body?.versions).toEqual([
        '2026-01-01T00:00:00.000Z',
      ]);
      const rest = await del(KEYS.labWriter.key, '?match[version]=all');
      expect(rest.status).toBe(200);
      expect((await del(KEYS.labWriter.key)).status).toBe(404);
      expectTaxiiError(await get(`${OBJECTS}${v1.id}/`), 404);
      expect((await del(KEYS.labWriter.key, '?limit=1')).status).toBe(400);
    });

    it('lets an admin delete another organisation’s object', async () => {
      const obj = indicator();
      await post(OBJECTS, { objects: [obj] }, KEYS.ngoWriter.key);
      const response = await fetch(`${server.url}${OBJECTS}${obj.id}/`, {
        method: 'DELETE',
        headers: taxiiHeaders(KEYS.labAdmin.key),
      });
      expect(response.status).toBe(200);
    });
  });

  describe('TLP', () => {
    it('never serves a TLP:RED object to another organisation', async () => {
      const red = indicator({ object_marking_refs: [TLP_RED], name: 'red' });
      const green = indicator({ name: 'green' });
      await post('/vigil/collections/other/objects/', { objects: [red, green] }, KEYS.labWriter.key);
      const path = '/vigil/collections/other/';
      const names = async (key: string) =>
        ((await get(`${path}objects/?match[id]=${red.id},${green.id}`, key)).body?.objects ?? []).map(
          (o: { name: string }) => o.name,
        );
      expect(await names(KEYS.labWriter.key)).toEqual(['red', 'green']);
      expect(await names(KEYS.ngoReader.key)).toEqual(['green']);
      expect(await names(KEYS.pressReader.key)).toEqual(['green']);
      const manifest = await get(`${path}manifest/?match[id]=${red.id}`, KEYS.ngoReader.key);
      expect(manifest.body).toEqual({});
      expectTaxiiError(await get(`${path}objects/${red.id}/`, KEYS.ngoReader.key), 404);
      expectTaxiiError(await get(`${path}objects/${red.id}/versions/`, KEYS.ngoReader.key), 404);
      expect((await get(`${path}objects/${red.id}/`, KEYS.labAdmin.key)).status).toBe(200);
    });
  });
});
