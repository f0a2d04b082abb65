/**
 * Injection attempts against a real registry on loopback (real SQLite): SQL in ids, query parameters and
 * search text; path traversal in ids; CR/LF in headers; oversized and deeply nested JSON bodies. Each is
 * refused (or treated as plain data), nothing is leaked, and the server stays healthy afterwards.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { TLP_MARKING_IDS } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/index.js';
import { BACKENDS, dropSchema, skipUnavailable, testDatabase } from '../src/internal/test-helpers.js';

const TAXII = 'application/taxii+json;version=2.1';
const LAB = 'lab-write-key-00001';
const OTHER = 'other-write-key-0001';
const MAX_BODY = 1024 * 1024;

const SQL = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE objects; --",
  "'; DROP TABLE cases; --",
  '" OR ""="',
  '1; SELECT * FROM meta --',
  "x' UNION SELECT body, owner_org FROM objects --",
  "dataset--a' OR 'a'='a",
  "indicator--00000000-0000-4000-8000-000000000000' OR '1'='1",
  '%',
  '_',
  '\\',
  '\u0000',
];

const TRAVERSAL = [
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '..\\..\\windows\\win.ini',
  'dataset--..%2F..%2Fetc',
  '/etc/passwd',
  '%00',
];

let server: RunningServer;
const onError: unknown[] = [];
const redObject = {
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${randomUUID()}`,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  name: 'Made-up restricted indicator',
  pattern: "[domain-name:value = 'red.spyware.test']",
  pattern_type: 'stix',
  valid_from: '2026-01-01T00:00:00Z',
  object_marking_refs: [TLP_MARKING_IDS.red],
};
const redCase = {
  schemaVersion: '1.0',
  id: 'dataset--red-secret',
  title: 'Restricted case 100% real_case',
  marking: { tlp: 'red' },
};

interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

async function send(path: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(server.url + path, init);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

function taxii(key: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return send(path, {
    method,
    headers: {
      Accept: TAXII,
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'Content-Type': TAXII }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

function api(key: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return send(path, {
    method,
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** The registry still answers, and still holds exactly what was seeded (no table dropped, nothing leaked). */
async function expectHealthy(): Promise<void> {
  const discovery = await taxii(LAB, 'GET', '/taxii2/');
  expect(discovery.status).toBe(200);
  const mine = await taxii(LAB, 'GET', `/vigil/collections/indicators/objects/${redObject.id}/`);
  expect(mine.status).toBe(200);
  expect(JSON.parse(mine.text).objects[0].id).toBe(redObject.id);
  const theirs = await taxii(OTHER, 'GET', `/vigil/collections/indicators/objects/${redObject.id}/`);
  expect(theirs.status).toBe(404);
  expect((await api(LAB, 'GET', `/api/v1/cases/${redCase.id}`)).status).toBe(200);
  expect((await api(OTHER, 'GET', `/api/v1/cases/${redCase.id}`)).status).toBe(404);
}

/** Neither the restricted object nor the restricted case shows up in an answer to the other organisation. */
function expectNoLeak(answer: Answer): void {
  expect(answer.text).not.toContain(redObject.id);
  expect(answer.text).not.toContain('red.spyware.test');
  expect(answer.text).not.toContain(redCase.id);
  expect(answer.status).toBeLessThan(500);
}

describe.each(BACKENDS)('injection attempts on %s', (backend) => {
  if (skipUnavailable(backend)) return;
  const database = testDatabase(backend);
  beforeAll(async () => {
    server = await createServer({
      database,
      maxBodyBytes: MAX_BODY,
      keys: [
        { key: LAB, organization: 'organization--lab', role: 'write' },
        { key: OTHER, organization: 'organization--other', role: 'write' },
      ],
      onError: (error) => onError.push(error),
    }).listen({ port: 0, host: '127.0.0.1' });
    expect(
      (await taxii(LAB, 'POST', '/vigil/collections/indicators/objects/', { objects: [redObject] })).status,
    ).toBe(202);
    expect((await api(LAB, 'POST', '/api/v1/cases', redCase)).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    if (database.kind === 'postgres') await dropSchema(database.schema as string);
  });

  describe('SQL injection', () => {
    it('in TAXII object ids, collection ids and status ids: refused (400/404), no leak', async () => {
      for (const s of SQL) {
        const e = encodeURIComponent(s);
        for (const path of [
          `/vigil/collections/indicators/objects/${e}/`,
          `/vigil/collections/indicators/objects/${e}/versions/`,
          `/vigil/collections/${e}/objects/`,
          `/vigil/collections/${e}/`,
          `/vigil/status/${e}/`,
        ]) {
          const answer = await taxii(OTHER, 'GET', path);
          expect([400, 404], `${path} -> ${answer.status}`).toContain(answer.status);
          expectNoLeak(answer);
        }
        const del = await taxii(OTHER, 'DELETE', `/vigil/collections/indicators/objects/${e}/`);
        expect([400, 404]).toContain(del.status);
      }
      await expectHealthy();
    });

    // Regression: on PostgreSQL a NUL in a status id reached the query and failed it (500): PostgreSQL
    // refuses NUL in text parameters.
    it('regression: a NUL in a status id is 404, not 500, on every backend', async () => {
      const answer = await taxii(OTHER, 'GET', '/vigil/status/a%00b/');
      expect(answer.status).toBe(404);
      await expectHealthy();
    });

    it('in TAXII filters (match[id], match[type], match[version], match[spec_version], added_after, limit, next): 400 or an empty page', async () => {
      const params = [
        'match[id]',
        'match[type]',
        'match[version]',
        'match[spec_version]',
        'added_after',
        'limit',
        'next',
      ];
      for (const s of SQL) {
        for (const p of params) {
          const path = `/vigil/collections/indicators/objects/?${encodeURIComponent(p)}=${encodeURIComponent(s)}`;
          const answer = await taxii(OTHER, 'GET', path);
          expect([200, 400], `${p}=${s} -> ${answer.status}`).toContain(answer.status);
          expectNoLeak(answer);
          if (answer.status === 200) expect(JSON.parse(answer.text).objects ?? []).toEqual([]);
        }
      }
      await expectHealthy();
    });

    it('in object fields stored by POST: kept as data, read back byte for byte', async () => {
      const id = `indicator--${randomUUID()}`;
      const object = {
        ...redObject,
        id,
        object_marking_refs: [TLP_MARKING_IDS.green],
        name: SQL.join(' | '),
      };
      const posted = await taxii(OTHER, 'POST', '/vigil/collections/indicators/objects/', {
        objects: [object],
      });
      expect(posted.status).toBe(202);
      expect(JSON.parse(posted.text).success_count).toBe(1);
      const back = await taxii(LAB, 'GET', `/vigil/collections/indicators/objects/${id}/`);
      expect(JSON.parse(back.text).objects[0].name).toBe(SQL.join(' | '));
      await expectHealthy();
    });

    it('in case ids: 400 (not a record id) or 404, no leak', async () => {
      for (const s of SQL) {
        for (const path of [
          `/api/v1/cases/${encodeURIComponent(s)}`,
          `/api/v1/cases/${encodeURIComponent(s)}/revisions`,
        ]) {
          const answer = await api(OTHER, 'GET', path);
          expect([400, 404], `${path} -> ${answer.status}`).toContain(answer.status);
          expectNoLeak(answer);
        }
      }
      await expectHealthy();
    });

    it('in case search text and filters: no match beyond the literal text, no leak, invalid filters 400', async () => {
      for (const s of [...SQL, 'real_case', '100%', 'restricted']) {
        const q = await api(OTHER, 'GET', `/api/v1/cases?q=${encodeURIComponent(s)}`);
        expect(q.status).toBe(200);
        expectNoLeak(q);
        expect(JSON.parse(q.text).items).toEqual([]);
        for (const p of ['country', 'level', 'tlp', 'limit', 'cursor']) {
          const answer = await api(OTHER, 'GET', `/api/v1/cases?${p}=${encodeURIComponent(s)}`);
          expect([200, 400], `${p}=${s}`).toContain(answer.status);
          expectNoLeak(answer);
        }
      }
      // The owner's search for the same literal text finds its case, and '%' or '_' alone match only literally.
      const own = await api(LAB, 'GET', `/api/v1/cases?q=${encodeURIComponent('100% real_case')}`);
      expect(JSON.parse(own.text).items.map((c: { id: string }) => c.id)).toEqual([redCase.id]);
      const literal = await api(LAB, 'GET', `/api/v1/cases?q=${encodeURIComponent("' OR '1'='1")}`);
      expect(JSON.parse(literal.text).items).toEqual([]);
      await expectHealthy();
    });

    it('in a case body (title, pseudonym): stored as data and read back as sent', async () => {
      const body = {
        schemaVersion: '1.0',
        id: 'dataset--sql-text',
        title: SQL.join(' '),
        marking: { tlp: 'green' },
      };
      expect((await api(OTHER, 'POST', '/api/v1/cases', body)).status).toBe(201);
      const back = await api(LAB, 'GET', '/api/v1/cases/dataset--sql-text');
      expect(JSON.parse(back.text).dataset.title).toBe(body.title);
      await expectHealthy();
    });
  });

  describe('path traversal', () => {
    it('in case ids, object ids and collection ids: 400 or 404, never a file, never a 5xx', async () => {
      for (const t of TRAVERSAL) {
        for (const path of [
          `/api/v1/cases/${t}`,
          `/api/v1/cases/${encodeURIComponent(t)}`,
          `/api/v1/cases/${encodeURIComponent(t)}/revisions/1`,
          `/vigil/collections/${encodeURIComponent(t)}/objects/`,
          `/vigil/collections/indicators/objects/${encodeURIComponent(t)}/`,
          `/vigil/status/${encodeURIComponent(t)}/`,
        ]) {
          for (const [key, call] of [[OTHER, path.startsWith('/api/') ? api : taxii]] as const) {
            const answer = await call(key, 'GET', path);
            expect([400, 404], `${path} -> ${answer.status}`).toContain(answer.status);
            expect(answer.text).not.toMatch(/root:|\[extensions\]/);
          }
        }
      }
      await expectHealthy();
    });

    it('in the raw request target (not normalised by a client): 400 or 404 over a bare socket', async () => {
      for (const target of [
        '/api/v1/cases/../../../etc/passwd',
        '/vigil/collections/indicators/objects/..%2f..%2f..%2fetc%2fpasswd/',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/api/v1/cases/%E0%A4%A',
      ]) {
        const accept = target.startsWith('/api/') ? 'application/json' : TAXII;
        const raw = await rawRequest(
          `GET ${target} HTTP/1.1\r\nHost: x\r\nAccept: ${accept}\r\nAuthorization: Bearer ${OTHER}\r\nConnection: close\r\n\r\n`,
        );
        const status = Number(raw.split(' ')[1]);
        expect([400, 404], `${target} -> ${raw.slice(0, 40)}`).toContain(status);
        expect(raw).not.toMatch(/root:/);
      }
      await expectHealthy();
    });
  });

  function rawRequest(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
      socket.on('error', reject);
      socket.write(text);
    });
  }

  describe('header injection', () => {
    it('a request header with CR/LF never reaches the server as two headers (fetch refuses it)', async () => {
      await expect(
        fetch(`${server.url}/taxii2/`, {
          headers: { Accept: TAXII, Authorization: `Bearer ${LAB}\r\nX-Injected: 1` },
        }),
      ).rejects.toThrow();
    });

    it('a raw request smuggling a second Authorization line is refused or reads as the first key only', async () => {
      // A bare LF inside a header value is a framing error for Node's parser: 400, and the connection closes.
      const raw = await rawRequest(
        `GET /taxii2/ HTTP/1.1\r\nHost: x\r\nAccept: ${TAXII}\r\nAuthorization: Bearer nope\nAuthorization: Bearer ${LAB}\r\nConnection: close\r\n\r\n`,
      );
      expect(Number(raw.split(' ')[1])).toBe(400);
      await expectHealthy();
    });

    it('ids written into response headers (Location, ETag) cannot carry CR/LF', async () => {
      const answer = await api(
        OTHER,
        'GET',
        `/api/v1/cases/${encodeURIComponent('dataset--x\r\nSet-Cookie: a=b')}`,
      );
      expect(answer.status).toBe(400);
      expect(answer.headers.get('set-cookie')).toBeNull();
      const created = await api(OTHER, 'POST', '/api/v1/cases', {
        schemaVersion: '1.0',
        id: 'dataset--x\r\nSet-Cookie: a=b',
        title: 'x',
        marking: { tlp: 'clear' },
      });
      expect(created.status).toBe(422);
      expect(created.headers.get('set-cookie')).toBeNull();
      await expectHealthy();
    });
  });

  describe('oversized request lines and headers', () => {
    it('a 100 kB URL, query or header is refused (4xx) and the server stays healthy', async () => {
      const long = 'a'.repeat(100_000);
      for (const raw of [
        `GET /api/v1/cases?q=${long} HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nAuthorization: Bearer ${OTHER}\r\nConnection: close\r\n\r\n`,
        `GET /api/v1/cases/dataset--${long} HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nAuthorization: Bearer ${OTHER}\r\nConnection: close\r\n\r\n`,
        `GET /taxii2/ HTTP/1.1\r\nHost: x\r\nAccept: ${TAXII}\r\nAuthorization: Bearer ${long}\r\nConnection: close\r\n\r\n`,
        `GET /taxii2/ HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\nConnection: close\r\n\r\n`,
      ]) {
        const answer = await rawRequest(raw).catch(() => 'HTTP/1.1 400 closed');
        const status = Number(answer.split(' ')[1]);
        expect(status, answer.slice(0, 60)).toBeGreaterThanOrEqual(400);
        expect(status, answer.slice(0, 60)).toBeLessThan(500);
      }
      await expectHealthy();
    });
  });

  describe('oversized and deeply nested JSON', () => {
    it('a body over maxBodyBytes is 413 (declared or streamed), and the server stays healthy', async () => {
      const big = JSON.stringify({ objects: [{ ...redObject, name: 'x'.repeat(MAX_BODY) }] });
      expect((await taxii(OTHER, 'POST', '/vigil/collections/indicators/objects/', big)).status).toBe(413);
      expect(
        (await api(OTHER, 'POST', '/api/v1/cases', JSON.stringify({ title: 'y'.repeat(MAX_BODY) }))).status,
      ).toBe(413);
      // Chunked, without Content-Length: the server counts the bytes itself.
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${server.url}/api/v1/cases`, {
          method: 'POST',
          headers: {
            Accept: 'application/json',
            Authorization: `Bearer ${OTHER}`,
            'Content-Type': 'application/json',
          },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        const chunk = 'z'.repeat(16 * 1024);
        let sent = 0;
        const pump = (): void => {
          while (sent < MAX_BODY * 2) {
            sent += chunk.length;
            if (!req.write(chunk)) {
              req.once('drain', pump);
              return;
            }
          }
          req.end();
        };
        pump();
      }).catch(() => 413);
      expect(status).toBe(413);
      await expectHealthy();
    });

    const depth = 100_000;
    const nestedArray = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const nestedObject = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

    // Regression: a STIX object with a 100k-deep custom property passed JSON.parse and validation, then
    // overflowed the stack while being stored (canonical JSON), answering 500. Bodies nesting deeper than
    // MAX_JSON_DEPTH are now refused with 400 before parsing.
    it('a modestly nested custom property (50 levels) is still stored', async () => {
      const id = `indicator--${randomUUID()}`;
      const body = `{"objects":[${JSON.stringify({ ...redObject, id, object_marking_refs: undefined }).slice(0, -1)},"x_nested":${'['.repeat(50)}${']'.repeat(50)}}]}`;
      const answer = await taxii(OTHER, 'POST', '/vigil/collections/indicators/objects/', body);
      expect(answer.status).toBe(202);
      expect(JSON.parse(answer.text).success_count).toBe(1);
    });

    it.each([
      ['a nested array as the whole case body', '/api/v1/cases', nestedArray],
      ['a nested object as the whole case body', '/api/v1/cases', nestedObject],
      [
        'a nested value inside a valid-looking case',
        '/api/v1/cases',
        `{"schemaVersion":"1.0","id":"dataset--deep","title":"deep","marking":{"tlp":"clear"},"extensions":${nestedObject}}`,
      ],
      ['a nested array as the whole envelope', '/vigil/collections/indicators/objects/', nestedArray],
      [
        'a nested custom property in a valid STIX object',
        '/vigil/collections/indicators/objects/',
        `{"objects":[${JSON.stringify({ ...redObject, id: `indicator--${randomUUID()}`, object_marking_refs: undefined }).slice(0, -1)},"x_deep":${nestedArray}}]}`,
      ],
    ])(
      '%s (100k levels) is refused with 4xx, not 5xx, and the server stays healthy',
      async (_label, path, body) => {
        expect(body.length).toBeLessThan(MAX_BODY);
        const errorsBefore = onError.length;
        const answer = path.startsWith('/api/')
          ? await api(OTHER, 'POST', path, body)
          : await taxii(OTHER, 'POST', path, body);
        if (answer.status === 202) {
          // An envelope answered 202 must report the deep object as a failure, not store it.
          expect(JSON.parse(answer.text).success_count).toBe(0);
        } else {
          expect([400, 413, 422], `${answer.status} ${answer.text.slice(0, 200)}`).toContain(answer.status);
        }
        expect(onError.length - errorsBefore).toBe(0);
        await expectHealthy();
      },
    );
  });
});
