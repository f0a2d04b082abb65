import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CaseListSchema,
  CaseResourceSchema,
  CaseRevisionListSchema,
  ProblemSchema,
} from './case-resource.js';
import type { RunningServer } from './create-server.js';
import { BACKENDS, KEYS, skipUnavailable, startTestServer } from './internal/test-helpers.js';
import { openApiDocument } from './openapi.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are probed field by field
type Loose = any;

describe.each(BACKENDS)('on %s', (backend) => {
  if (skipUnavailable(backend)) return;
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ maxBodyBytes: 64 * 1024, maxPageSize: 50 }, backend);
  });
  afterAll(async () => {
    await server.close();
  });

  /** A made-up case: reserved names only. */
  function dataset(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      schemaVersion: '1.0',
      id,
      title: `Case ${id}`,
      marking: { tlp: 'amber' },
      organizations: [
        { id: 'organization--lab', name: 'Example Lab', kind: 'forensic-lab', country: 'CA' },
        { id: 'organization--ngo', name: 'Example NGO', kind: 'ngo' },
      ],
      sources: [
        { id: 'source--leak', kind: 'leaked-dataset', title: 'A made-up leaked list', reliability: 'C' },
      ],
      persons: [
        {
          id: 'person--journalist-a',
          pseudonym: 'Journalist A',
          realName: 'Alex Example',
          roles: ['journalist'],
          location: { country: 'HU', city: 'Budapest' },
          consent: { status: 'given' },
        },
        {
          id: 'person--source-b',
          pseudonym: 'Source B',
          roles: [],
          nationality: ['PL'],
          consent: { status: 'unknown' },
          marking: { tlp: 'red', audience: ['organization--ngo'] },
        },
        {
          id: 'person--lawyer-c',
          pseudonym: 'Lawyer C',
          roles: [],
          nationality: ['MX'],
          consent: { status: 'unknown' },
          marking: { tlp: 'amber+strict' },
        },
      ],
      targeting: [
        {
          id: 'targeting--t1',
          person: 'person--journalist-a',
          claimedLevel: 'listed',
          bases: [{ kind: 'listed', source: 'source--leak' }],
        },
      ],
      ...overrides,
    };
  }

  /** Records every (path, method, status) seen, to check them against the OpenAPI document at the end. */
  const seen = new Set<string>();

  async function call(
    method: string,
    path: string,
    options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Loose; response: Response }> {
    const headers: Record<string, string> = {
      ...(options.key === '' ? {} : { Authorization: `Bearer ${options.key ?? KEYS.labWriter.key}` }),
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const init: RequestInit = { method, headers: { ...headers, ...options.headers } };
    if (options.body !== undefined)
      init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const response = await fetch(server.url + path, init);
    const text = await response.text();
    const template =
      path
        .split('?')[0]
        ?.replace(/^\/api\/v1\/cases\/[^/]+\/revisions\/[^/]+$/, '/api/v1/cases/{id}/revisions/{revision}')
        .replace(/^\/api\/v1\/cases\/[^/]+\/revisions$/, '/api/v1/cases/{id}/revisions')
        .replace(/^\/api\/v1\/cases\/[^/]+$/, '/api/v1/cases/{id}') ?? '';
    seen.add(`${template} ${method.toLowerCase()} ${response.status}`);
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text), response };
  }

  function expectProblem(result: { status: number; body: Loose; response: Response }, status: number): void {
    expect(result.status).toBe(status);
    expect(result.response.headers.get('content-type')).toBe('application/problem+json');
    const problem = ProblemSchema.parse(result.body);
    expect(problem.status).toBe(status);
  }

  describe('create and read', () => {
    it('creates a case at revision 1 with an ETag and Location, and reads it back intact', async () => {
      const created = await call('POST', '/api/v1/cases', { body: dataset('dataset--alpha') });
      expect(created.status).toBe(201);
      expect(created.response.headers.get('etag')).toBe('"1"');
      expect(created.response.headers.get('location')).toBe('/api/v1/cases/dataset--alpha');
      const resource = CaseResourceSchema.parse(created.body);
      expect(resource).toMatchObject({
        id: 'dataset--alpha',
        organization: 'organization--lab',
        revision: 1,
        withheld: 0,
      });
      const read = await call('GET', '/api/v1/cases/dataset--alpha');
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      expect(read.body.dataset.persons[0].realName).toBe('Alex Example');
      const cached = await call('GET', '/api/v1/cases/dataset--alpha', {
        headers: { 'If-None-Match': '"1"' },
      });
      expect(cached.status).toBe(304);
    });

    it('refuses a second case with the same id (409) and keeps the first', async () => {
      await call('POST', '/api/v1/cases', { body: dataset('dataset--dup') });
      const again = await call('POST', '/api/v1/cases', {
        body: dataset('dataset--dup', { title: 'Other' }),
      });
      expectProblem(again, 409);
      expect((await call('GET', '/api/v1/cases/dataset--dup')).body.dataset.title).toBe('Case dataset--dup');
    });

    it('answers 422 with JSON Pointer paths for an invalid dataset, 400 for bad JSON, 415 for another media type', async () => {
      const invalid = await call('POST', '/api/v1/cases', {
        body: dataset('dataset--bad', {
          title: '',
          persons: [{ id: 'person--x', roles: [], consent: { status: 'nope' } }],
        }),
      });
      expectProblem(invalid, 422);
      const paths = invalid.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toContain('/title');
      expect(paths).toContain('/persons/0/pseudonym');
      expect(paths).toContain('/persons/0/consent/status');
      const dangling = await call('POST', '/api/v1/cases', {
        body: dataset('dataset--dangling', { marking: { tlp: 'red', audience: ['organization--nowhere'] } }),
      });
      expectProblem(dangling, 422);
      expect(dangling.body.errors).toContainEqual(
        expect.objectContaining({ path: '/marking/audience/0', code: 'DANGLING_REFERENCE' }),
      );
      expectProblem(await call('POST', '/api/v1/cases', { body: '{"schemaVersion":' }), 400);
      expectProblem(
        await call('POST', '/api/v1/cases', {
          body: dataset('dataset--x'),
          headers: { 'Content-Type': 'text/plain' },
        }),
        415,
      );
      expectProblem(await call('GET', '/api/v1/cases/dataset--bad'), 404);
      expectProblem(await call('GET', '/api/v1/cases/dataset--x'), 404);
      expectProblem(await call('GET', '/api/v1/cases/dataset--dangling'), 404);
    });

    it('answers 413 for an oversized body', async () => {
      const big = dataset('dataset--big', { description: 'x'.repeat(70 * 1024) });
      expectProblem(await call('POST', '/api/v1/cases', { body: big }), 413);
      expectProblem(await call('GET', '/api/v1/cases/dataset--big'), 404);
    });

    it('checks keys, roles, ownership and ids', async () => {
      expectProblem(await call('GET', '/api/v1/cases', { key: '' }), 401);
      expectProblem(
        await call('POST', '/api/v1/cases', { key: KEYS.ngoReader.key, body: dataset('dataset--ro') }),
        403,
      );
      const forged = await call('POST', '/api/v1/cases', {
        key: KEYS.ngoWriter.key,
        body: dataset('dataset--forged', { owner: 'organization--lab' }),
      });
      expectProblem(forged, 403);
      expect(forged.body.errors[0].path).toBe('/owner');
      expectProblem(await call('GET', '/api/v1/cases/not%20an%20id'), 400);
      expectProblem(
        await call('GET', '/api/v1/cases/dataset--alpha', { headers: { Accept: 'text/html' } }),
        406,
      );
      expectProblem(await call('DELETE', '/api/v1/cases/dataset--alpha'), 405);
    });
  });

  describe('optimistic concurrency', () => {
    it('updates with the current ETag, refuses a stale one (412) and a missing one (428), never merging', async () => {
      await call('POST', '/api/v1/cases', { body: dataset('dataset--cc') });
      const first = await call('PUT', '/api/v1/cases/dataset--cc', {
        body: dataset('dataset--cc', { title: 'First editor' }),
        headers: { 'If-Match': '"1"' },
      });
      expect(first.status).toBe(200);
      expect(first.body.revision).toBe(2);
      expect(first.response.headers.get('etag')).toBe('"2"');
      const stale = await call('PUT', '/api/v1/cases/dataset--cc', {
        body: dataset('dataset--cc', { title: 'Second editor', description: 'from a stale copy' }),
        headers: { 'If-Match': '"1"' },
      });
      expectProblem(stale, 412);
      expect(stale.response.headers.get('etag')).toBe('"2"');
      expectProblem(await call('PUT', '/api/v1/cases/dataset--cc', { body: dataset('dataset--cc') }), 428);
      expectProblem(
        await call('PUT', '/api/v1/cases/dataset--cc', {
          body: dataset('dataset--cc'),
          headers: { 'If-Match': '*' },
        }),
        428,
      );
      expectProblem(
        await call('PUT', '/api/v1/cases/dataset--cc', {
          body: dataset('dataset--cc'),
          headers: { 'If-Match': 'W/"2"' },
        }),
        412,
      );
      const now = await call('GET', '/api/v1/cases/dataset--cc');
      expect(now.body.dataset.title).toBe('First editor');
      expect(now.body.dataset.description).toBeUndefined();
      expect(now.body.revision).toBe(2);
    });

    it('lets exactly one of two concurrent updates from the same revision win', async () => {
      await call('POST', '/api/v1/cases', { body: dataset('dataset--race') });
      const results = await Promise.all(
        ['A', 'B', 'C'].map((who) =>
          call('PUT', '/api/v1/cases/dataset--race', {
            body: dataset('dataset--race', { title: who }),
            headers: { 'If-Match': '"1"' },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
      const winner = results.find((r) => r.status === 200)?.body.dataset.title;
      expect((await call('GET', '/api/v1/cases/dataset--race')).body.dataset.title).toBe(winner);
    });

    it('refuses invalid updates and other organisations, leaving the case as it was', async () => {
      await call('POST', '/api/v1/cases', { body: dataset('dataset--keep') });
      const before = (await call('GET', '/api/v1/cases/dataset--keep')).body;
      expectProblem(
        await call('PUT', '/api/v1/cases/dataset--keep', {
          body: dataset('dataset--other'),
          headers: { 'If-Match': '"1"' },
        }),
        422,
      );
      expectProblem(
        await call('PUT', '/api/v1/cases/dataset--keep', {
          body: { ...dataset('dataset--keep'), title: 7 },
          headers: { 'If-Match': '"1"' },
        }),
        422,
      );
      expectProblem(
        await call('PUT', '/api/v1/cases/dataset--keep', { body: '[', headers: { 'If-Match': '"1"' } }),
        400,
      );
      expectProblem(
        await call('PUT', '/api/v1/cases/dataset--keep', {
          key: KEYS.ngoWriter.key,
          body: dataset('dataset--keep'),
          headers: { 'If-Match': '"1"' },
        }),
        403,
      );
      expectProblem(
        await call('PUT', '/api/v1/cases/dataset--nope', {
          body: dataset('dataset--nope'),
          headers: { 'If-Match': '"1"' },
        }),
        404,
      );
      expect((await call('GET', '/api/v1/cases/dataset--keep')).body).toEqual(before);
    });
  });

  describe('history', () => {
    it('keeps every revision, readable by the owning organisation only', async () => {
      await call('POST', '/api/v1/cases', { body: dataset('dataset--history') });
      await call('PUT', '/api/v1/cases/dataset--history', {
        body: dataset('dataset--history', { title: 'Second' }),
        headers: { 'If-Match': '"1"' },
      });
      const stale = await call('PUT', '/api/v1/cases/dataset--history', {
        body: dataset('dataset--history', { title: 'Lost?' }),
        headers: { 'If-Match': '"1"' },
      });
      expect(stale.status).toBe(412);
      const list = await call('GET', '/api/v1/cases/dataset--history/revisions', { key: KEYS.labAdmin.key });
      expect(list.status).toBe(200);
      expect(CaseRevisionListSchema.parse(list.body).items.map((r) => [r.revision, r.organization])).toEqual([
        [1, 'organization--lab'],
        [2, 'organization--lab'],
      ]);
      const first = await call('GET', '/api/v1/cases/dataset--history/revisions/1');
      expect(CaseResourceSchema.parse(first.body)).toMatchObject({
        revision: 1,
        dataset: { title: 'Case dataset--history' },
      });
      expect(first.response.headers.get('etag')).toBe('"1"');
      expect((await call('GET', '/api/v1/cases/dataset--history/revisions/2')).body.dataset.title).toBe(
        'Second',
      );
      expectProblem(await call('GET', '/api/v1/cases/dataset--history/revisions/3'), 404);
      expectProblem(await call('GET', '/api/v1/cases/dataset--history/revisions/x'), 404);
      expectProblem(
        await call('GET', '/api/v1/cases/dataset--history/revisions', { key: KEYS.ngoReader.key }),
        403,
      );
      expectProblem(
        await call('GET', '/api/v1/cases/dataset--history/revisions/1', { key: KEYS.ngoReader.key }),
        403,
      );
      expectProblem(await call('GET', '/api/v1/cases/dataset--history/other'), 404);
    });
  });

  describe('TLP and sensitive fields', () => {
    beforeAll(async () => {
      await call('POST', '/api/v1/cases', { body: dataset('dataset--tlp') });
      await call('POST', '/api/v1/cases', {
        body: dataset('dataset--secret', {
          title: 'Secret case',
          marking: { tlp: 'red', audience: ['organization--ngo'] },
        }),
      });
    });

    it('serves the owner everything', async () => {
      const own = await call('GET', '/api/v1/cases/dataset--tlp', { key: KEYS.labAdmin.key });
      expect(own.body.dataset.persons.map((p: { id: string }) => p.id)).toEqual([
        'person--journalist-a',
        'person--source-b',
        'person--lawyer-c',
      ]);
      expect(own.body.withheld).toBe(0);
    });

    it('withholds RED and AMBER+STRICT records from organisations outside their audience, and strips sensitive fields', async () => {
      const ngo = await call('GET', '/api/v1/cases/dataset--tlp', { key: KEYS.ngoReader.key });
      expect(ngo.status).toBe(200);
      CaseResourceSchema.parse(ngo.body);
      expect(ngo.body.dataset.persons.map((p: { id: string }) => p.id)).toEqual([
        'person--journalist-a',
        'person--source-b',
      ]);
      expect(ngo.body.withheld).toBe(1);
      expect(ngo.body.dataset.persons[0].realName).toBeUndefined();
      expect(ngo.body.dataset.persons[0].location).toBeUndefined();
      expect(ngo.body.redactedFields).toBe(2);
      const press = await call('GET', '/api/v1/cases/dataset--tlp', { key: KEYS.pressReader.key });
      expect(press.body.dataset.persons.map((p: { id: string }) => p.id)).toEqual(['person--journalist-a']);
      expect(press.body.withheld).toBe(2);
      expect(JSON.stringify(press.body)).not.toContain('Source B');
      expect(JSON.stringify(press.body)).not.toContain('Alex Example');
    });

    it('hides a whole RED case from organisations outside its audience, in reads and in search', async () => {
      expectProblem(await call('GET', '/api/v1/cases/dataset--secret', { key: KEYS.pressReader.key }), 404);
      expect((await call('GET', '/api/v1/cases/dataset--secret', { key: KEYS.ngoReader.key })).status).toBe(
        200,
      );
      const press = await call('GET', '/api/v1/cases?q=secret', { key: KEYS.pressReader.key });
      expect(press.body.items).toEqual([]);
      const ngo = await call('GET', '/api/v1/cases?q=secret', { key: KEYS.ngoReader.key });
      expect(ngo.body.items.map((c: { id: string }) => c.id)).toEqual(['dataset--secret']);
    });

    it('does not let search reveal withheld records or stripped fields', async () => {
      const byName = await call('GET', '/api/v1/cases?q=alex%20example', { key: KEYS.pressReader.key });
      expect(byName.body.items).toEqual([]);
      const own = await call('GET', '/api/v1/cases?q=alex%20example', { key: KEYS.labWriter.key });
      expect(own.body.items.length).toBeGreaterThan(0);
      const mx = await call('GET', '/api/v1/cases?country=MX', { key: KEYS.ngoReader.key });
      // In dataset--tlp, Lawyer C (MX) is AMBER+STRICT for the lab only.
      expect(mx.body.items.map((c: { id: string }) => c.id)).not.toContain('dataset--tlp');
      const mxOwn = await call('GET', '/api/v1/cases?country=MX', { key: KEYS.labWriter.key });
      expect(mxOwn.body.items.map((c: { id: string }) => c.id)).toContain('dataset--tlp');
      const pl = await call('GET', '/api/v1/cases?country=PL', { key: KEYS.ngoReader.key });
      expect(pl.body.items.map((c: { id: string }) => c.id)).toContain('dataset--tlp');
      expect(
        (await call('GET', '/api/v1/cases?country=PL', { key: KEYS.pressReader.key })).body.items,
      ).toEqual([]);
    });
  });

  describe('list and search', () => {
    beforeAll(async () => {
      for (const [id, country, level] of [
        ['dataset--s1', 'HU', 'listed'],
        ['dataset--s2', 'ES', 'infected'],
        ['dataset--s3', 'HU', 'targeted'],
      ] as const) {
        await call('POST', '/api/v1/cases', {
          key: KEYS.ngoWriter.key,
          body: {
            schemaVersion: '1.0',
            id,
            title: `Search ${id}`,
            marking: { tlp: 'green' },
            organizations: [{ id: 'organization--x', name: `Org ${country}`, kind: 'ngo', country }],
            persons: [{ id: 'person--p', pseudonym: 'P', roles: [], consent: { status: 'unknown' } }],
            sources: [
              { id: 'source--s', kind: 'news-article', title: 'A made-up article', reliability: 'B' },
            ],
            devices: [{ id: 'device--d', kind: 'smartphone', user: 'person--p' }],
            findings:
              level === 'listed'
                ? []
                : [
                    {
                      id: 'finding--f',
                      device: 'device--d',
                      performedBy: 'organization--x',
                      outcome: level === 'infected' ? 'infected' : 'attempted',
                    },
                  ],
            targeting: [
              {
                id: 'targeting--t',
                person: 'person--p',
                claimedLevel: level,
                bases: [
                  level === 'listed'
                    ? { kind: 'listed', source: 'source--s' }
                    : level === 'infected'
                      ? { kind: 'finding', finding: 'finding--f' }
                      : { kind: 'attempt', finding: 'finding--f' },
                ],
              },
            ],
          },
        });
      }
    });

    it('filters by country, level, tlp and text, and summarises each case', async () => {
      const hu = await call('GET', '/api/v1/cases?country=HU&q=search', { key: KEYS.pressReader.key });
      const list = CaseListSchema.parse(hu.body);
      expect(list.items.map((c) => c.id)).toEqual(['dataset--s1', 'dataset--s3']);
      expect(list.items[0]).toMatchObject({
        organization: 'organization--ngo',
        tlp: 'green',
        countries: ['HU'],
        levels: ['listed'],
        revision: 1,
      });
      const infected = await call('GET', '/api/v1/cases?level=infected', { key: KEYS.pressReader.key });
      expect(infected.body.items.map((c: { id: string }) => c.id)).toEqual(['dataset--s2']);
      const green = await call('GET', '/api/v1/cases?tlp=green', { key: KEYS.pressReader.key });
      expect(green.body.items).toHaveLength(3);
    });

    it('pages with limit and cursor, and 400s bad parameters', async () => {
      const ids: string[] = [];
      let url = '/api/v1/cases?limit=2';
      for (let i = 0; i < 20; i++) {
        const page = CaseListSchema.parse((await call('GET', url, { key: KEYS.labAdmin.key })).body);
        expect(page.items.length).toBeLessThanOrEqual(2);
        ids.push(...page.items.map((c) => c.id));
        if (page.next === undefined) break;
        url = `/api/v1/cases?limit=2&cursor=${page.next}`;
      }
      expect(ids).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(ids.length);
      const all = (await call('GET', '/api/v1/cases?limit=50', { key: KEYS.labAdmin.key })).body.items.map(
        (c: { id: string }) => c.id,
      );
      expect(ids).toEqual(all);
      for (const q of [
        'limit=0',
        'limit=x',
        'cursor=%%%',
        'cursor=bm9wZQ',
        'country=hungary',
        'level=pwned',
        'tlp=white',
        'sort=id',
        'q=a&q=b',
      ]) {
        const result = await call('GET', `/api/v1/cases?${q}`);
        expectProblem(result, 400);
        expect(result.body.errors.length, q).toBeGreaterThan(0);
      }
    });
  });

  describe('OpenAPI', () => {
    it('is published and matches the exported object', async () => {
      const response = await fetch(`${server.url}/api/v1/openapi.json`);
      expect(response.status).toBe(200);
      const doc = (await response.json()) as Loose;
      expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.components.schemas.CaseResource.properties.dataset).toEqual({
        $ref: '#/components/schemas/Dataset',
      });
      expect(doc.components.schemas.Dataset.required).toContain('persons');
      expect(doc.components.schemas.DatasetInput.required).not.toContain('persons');
    });

    it('documents every path, method and status the tests above produced', () => {
      const paths = openApiDocument.paths as Record<
        string,
        Record<string, { responses?: Record<string, unknown> }>
      >;
      const missing = [...seen].filter((entry) => {
        const [path, method, status] = entry.split(' ') as [string, string, string];
        if (status === '401' || status === '405') return false; // answered on every route
        if (paths[path] === undefined && status === '404') return false; // an unknown route
        return paths[path]?.[method]?.responses?.[status] === undefined;
      });
      expect(missing).toEqual([]);
      expect(seen.size).toBeGreaterThan(15);
    });
  });
});
