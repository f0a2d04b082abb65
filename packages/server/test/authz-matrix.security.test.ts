/**
 * Authorisation matrix: every endpoint (TAXII 2.1 and the case API) is tried with every kind of key and
 * every TLP marking, against a real registry on loopback with a real (in-memory) SQLite database. The
 * expected outcome of each cell is written out below, from docs/registry.md and the ServerOptions docs:
 *
 * - No key (or an unknown one) gets 401 everywhere except `/api/v1/openapi.json`.
 * - `read` keys read; `write` keys also add objects and create and update their organisation's cases;
 *   `admin` keys also delete other organisations' objects and write `adminWriteOnly` collections.
 * - TAXII objects marked TLP:AMBER+STRICT or TLP:RED stay with the organisation that added them (an admin of
 *   another organisation does not see them either); CLEAR, GREEN and AMBER are visible to every key.
 * - A case marked AMBER+STRICT or RED is seen by its organisation and by the organisations its `audience`
 *   names, no one else; inside a visible case, records whose marking excludes the caller are withheld.
 * - Only the owning organisation's write keys update a case; only the owning organisation reads its
 *   revision history.
 */
import { randomUUID } from 'node:crypto';
import { TLP_MARKING_IDS } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/index.js';
import { BACKENDS, dropSchema, skipUnavailable, testDatabase } from '../src/internal/test-helpers.js';

const TAXII = 'application/taxii+json;version=2.1';
const OWNER = 'organization--lab';
const OTHER = 'organization--other';
const REGISTRY = 'organization--registry';

/** The kinds of caller. `unknown` sends a well-formed key that the server does not know. */
const CALLERS = ['none', 'unknown', 'otherOrg', 'read', 'write', 'admin'] as const;
type CallerKind = (typeof CALLERS)[number];

const SCOPED_SECRET = 'lab-curated-only-key-0001';
const SECRETS: Record<Exclude<CallerKind, 'none'>, string> = {
  unknown: 'not-a-configured-key-0001',
  otherOrg: 'other-org-write-key-0001',
  read: 'lab-read-only-key-0001',
  write: 'lab-read-write-key-0001',
  admin: 'registry-admin-key-0001',
};

/** TAXII markings (object_marking_refs); case markings add RED with the other organisation in its audience. */
const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
type Tlp = (typeof TLPS)[number];
const CASE_MARKINGS = [...TLPS, 'red+audience'] as const;
type CaseMarking = (typeof CASE_MARKINGS)[number];

/** An outcome: an HTTP status, or what a 200 list/status said about the item. */
type Outcome = number | 'absent' | 'withheld' | 'stored' | 'refused';
type Row<M extends string> = readonly Outcome[] & { length: M extends Tlp ? 5 : 6 };
type Table<M extends string> = Record<CallerKind, Row<M>>;

/** Same outcome for every marking. */
const all5 = (o: Outcome): Row<Tlp> => [o, o, o, o, o] as Row<Tlp>;
const all6 = (o: Outcome): Row<CaseMarking> => [o, o, o, o, o, o] as Row<CaseMarking>;

// ---------------------------------------------------------------------------------------------------------
// The expected table. Columns: CLEAR, GREEN, AMBER, AMBER+STRICT, RED (and, for cases, RED with the other
// organisation in the audience).
// ---------------------------------------------------------------------------------------------------------

const TAXII_EXPECTED: Record<string, Table<Tlp>> = {
  'GET /taxii2/': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: all5(200),
    read: all5(200),
    write: all5(200),
    admin: all5(200),
  },
  'GET /vigil/': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: all5(200),
    read: all5(200),
    write: all5(200),
    admin: all5(200),
  },
  'GET /vigil/collections/': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: all5(200),
    read: all5(200),
    write: all5(200),
    admin: all5(200),
  },
  'GET /vigil/collections/{c}/': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: all5(200),
    read: all5(200),
    write: all5(200),
    admin: all5(200),
  },
  'GET /vigil/collections/{c}/objects/?match[id]={o}': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: [200, 200, 200, 'absent', 'absent'],
    read: all5(200),
    write: all5(200),
    admin: [200, 200, 200, 'absent', 'absent'],
  },
  'GET /vigil/collections/{c}/manifest/?match[id]={o}': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: [200, 200, 200, 'absent', 'absent'],
    read: all5(200),
    write: all5(200),
    admin: [200, 200, 200, 'absent', 'absent'],
  },
  'GET /vigil/collections/{c}/objects/{o}/': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: [200, 200, 200, 404, 404],
    read: all5(200),
    write: all5(200),
    admin: [200, 200, 200, 404, 404],
  },
  'GET /vigil/collections/{c}/objects/{o}/versions/': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: [200, 200, 200, 404, 404],
    read: all5(200),
    write: all5(200),
    admin: [200, 200, 200, 404, 404],
  },
  // A new object carrying the marking: anyone who may write stores it.
  'POST /vigil/collections/{c}/objects/ (new object)': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: all5('stored'),
    read: all5(403),
    write: all5('stored'),
    admin: all5('stored'),
  },
  // A new version of the owner's object: only the owning organisation (or an admin) may add versions.
  'POST /vigil/collections/{c}/objects/ (new version of the owner object)': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: all5('refused'),
    read: all5(403),
    write: all5('stored'),
    admin: all5('stored'),
  },
  'POST /vigil/collections/curated/objects/ (adminWriteOnly)': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: all5(403),
    read: all5(403),
    write: all5(403),
    admin: all5('stored'),
  },
  // Another organisation's write key sees CLEAR..AMBER objects but may not delete them; restricted ones are
  // invisible to it (404). An admin of another organisation deletes what it can see.
  'DELETE /vigil/collections/{c}/objects/{o}/': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: [403, 403, 403, 404, 404],
    read: all5(403),
    write: all5(200),
    admin: [200, 200, 200, 404, 404],
  },
  // The status of the owner's envelope: its organisation and admins only.
  'GET /vigil/status/{s}/': {
    none: all5(401),
    unknown: all5(401),
    otherOrg: all5(404),
    read: all5(200),
    write: all5(200),
    admin: all5(200),
  },
};

const CASE_EXPECTED: Record<string, Table<CaseMarking>> = {
  'GET /api/v1/openapi.json': {
    none: all6(200),
    unknown: all6(200),
    otherOrg: all6(200),
    read: all6(200),
    write: all6(200),
    admin: all6(200),
  },
  'GET /api/v1/cases?q={title}': {
    none: all6(401),
    unknown: all6(401),
    otherOrg: [200, 200, 200, 'absent', 'absent', 200],
    read: all6(200),
    write: all6(200),
    admin: [200, 200, 200, 'absent', 'absent', 'absent'],
  },
  'GET /api/v1/cases/{id}': {
    none: all6(401),
    unknown: all6(401),
    otherOrg: [200, 200, 200, 404, 404, 200],
    read: all6(200),
    write: all6(200),
    admin: [200, 200, 200, 404, 404, 404],
  },
  'POST /api/v1/cases (new case)': {
    none: all6(401),
    unknown: all6(401),
    otherOrg: all6(201),
    read: all6(403),
    write: all6(201),
    admin: all6(201),
  },
  'PUT /api/v1/cases/{id}': {
    none: all6(401),
    unknown: all6(401),
    otherOrg: [403, 403, 403, 404, 404, 403],
    read: all6(403),
    write: all6(200),
    admin: [403, 403, 403, 404, 404, 404],
  },
  'GET /api/v1/cases/{id}/revisions': {
    none: all6(401),
    unknown: all6(401),
    otherOrg: [403, 403, 403, 404, 404, 403],
    read: all6(200),
    write: all6(200),
    admin: [403, 403, 403, 404, 404, 404],
  },
  'GET /api/v1/cases/{id}/revisions/1': {
    none: all6(401),
    unknown: all6(401),
    otherOrg: [403, 403, 403, 404, 404, 403],
    read: all6(200),
    write: all6(200),
    admin: [403, 403, 403, 404, 404, 404],
  },
  // A GREEN case holding one person record with the marking: is the record shown or withheld?
  'GET /api/v1/cases/{id} (record marking)': {
    none: all6(401),
    unknown: all6(401),
    otherOrg: [200, 200, 200, 'withheld', 'withheld', 200],
    read: all6(200),
    write: all6(200),
    admin: [200, 200, 200, 'withheld', 'withheld', 'withheld'],
  },
};

// ---------------------------------------------------------------------------------------------------------

let server: RunningServer;

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are probed field by field
  body: any;
}

async function call(
  caller: CallerKind,
  method: string,
  path: string,
  options: { body?: unknown; taxii?: boolean; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const taxii = options.taxii ?? !path.startsWith('/api/');
  const headers: Record<string, string> = { Accept: taxii ? TAXII : 'application/json' };
  if (caller !== 'none') headers.Authorization = `Bearer ${SECRETS[caller]}`;
  if (options.body !== undefined) headers['Content-Type'] = taxii ? TAXII : 'application/json';
  const response = await fetch(server.url + path, {
    method,
    headers: { ...headers, ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

function indicator(tlp: Tlp, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: `Made-up spyware domain (${tlp})`,
    pattern: "[domain-name:value = 'c2.spyware.test']",
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
    object_marking_refs: [TLP_MARKING_IDS[tlp]],
    ...overrides,
  };
}

/** The owner's write key adds one object with this marking; returns its id and the status id. */
async function seedObject(
  tlp: Tlp,
): Promise<{ id: string; status: string; object: Record<string, unknown> }> {
  const object = indicator(tlp);
  const answer = await call('write', 'POST', '/vigil/collections/indicators/objects/', {
    body: { objects: [object] },
  });
  expect(answer.status).toBe(202);
  expect(answer.body.success_count).toBe(1);
  return { id: object.id as string, status: answer.body.id as string, object };
}

function caseMarking(m: CaseMarking): Record<string, unknown> {
  return m === 'red+audience' ? { tlp: 'red', audience: [OTHER] } : { tlp: m };
}

let caseCounter = 0;
/** A made-up case (reserved names only) with this marking; `recordMarking` marks its one person instead. */
function dataset(
  m: CaseMarking,
  options: { recordMarking?: boolean; id?: string; title?: string } = {},
): Record<string, unknown> {
  caseCounter++;
  const id = options.id ?? `dataset--authz-${caseCounter}`;
  return {
    schemaVersion: '1.0',
    id,
    title: options.title ?? `Authz case ${caseCounter}`,
    marking: options.recordMarking ? { tlp: 'green' } : caseMarking(m),
    organizations: [
      { id: OWNER, name: 'Example Lab', kind: 'forensic-lab' },
      { id: OTHER, name: 'Example Other', kind: 'ngo' },
    ],
    persons: [
      {
        id: 'person--subject-a',
        pseudonym: 'Subject A',
        roles: ['journalist'],
        consent: { status: 'unknown' },
        ...(options.recordMarking ? { marking: caseMarking(m) } : {}),
      },
    ],
  };
}

async function seedCase(
  m: CaseMarking,
  options: { recordMarking?: boolean } = {},
): Promise<{ id: string; title: string }> {
  const body = dataset(m, options);
  const answer = await call('write', 'POST', '/api/v1/cases', { body });
  expect(answer.status).toBe(201);
  return { id: body.id as string, title: body.title as string };
}

/** Runs `probe` for every caller and marking and returns the table of outcomes. */
async function matrix<M extends string>(
  markings: readonly M[],
  probe: (caller: CallerKind, marking: M) => Promise<Outcome>,
): Promise<Record<CallerKind, Outcome[]>> {
  const table = {} as Record<CallerKind, Outcome[]>;
  for (const caller of CALLERS) {
    table[caller] = [];
    for (const m of markings) table[caller].push(await probe(caller, m));
  }
  return table;
}

/** 200 when the list holds the item, `absent` when it is a 200 without it, the status otherwise. */
function listed(answer: Answer, holds: (body: Answer['body']) => boolean): Outcome {
  if (answer.status !== 200) return answer.status;
  return holds(answer.body) ? 200 : 'absent';
}

/** `stored` or `refused` for a 202 status resource with one object, else the HTTP status. */
function envelopeOutcome(answer: Answer): Outcome {
  if (answer.status !== 202) return answer.status;
  if (answer.body.success_count === 1 && answer.body.failure_count === 0) return 'stored';
  if (answer.body.success_count === 0 && answer.body.failure_count === 1) return 'refused';
  throw new Error(`unexpected status resource ${JSON.stringify(answer.body)}`);
}

describe.each(BACKENDS)('authorisation on %s', (backend) => {
  if (skipUnavailable(backend)) return;
  const database = testDatabase(backend);
  beforeAll(async () => {
    server = await createServer({
      database,
      keys: [
        { key: SECRETS.otherOrg, organization: OTHER, role: 'write' },
        { key: SECRETS.read, organization: OWNER, role: 'read' },
        { key: SECRETS.write, organization: OWNER, role: 'write' },
        { key: SECRETS.admin, organization: REGISTRY, role: 'admin' },
        // Not one of the five kinds of the matrix: a write key of the owner limited to the curated collection.
        { key: SCOPED_SECRET, organization: OWNER, role: 'write', collections: ['curated'] },
      ],
      collections: [
        { id: 'c0ffee00-0000-4000-8000-000000000001', title: 'Indicators', alias: 'indicators' },
        { id: 'curated', title: 'Curated', adminWriteOnly: true },
      ],
    }).listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    if (database.kind === 'postgres') await dropSchema(database.schema as string);
  });

  describe('TAXII 2.1 authorisation matrix (every key kind × every TLP marking)', () => {
    const seeded = new Map<Tlp, { id: string; status: string; object: Record<string, unknown> }>();
    beforeAll(async () => {
      for (const tlp of TLPS) seeded.set(tlp, await seedObject(tlp));
    });
    const seed = (tlp: Tlp) =>
      seeded.get(tlp) as { id: string; status: string; object: Record<string, unknown> };

    const simple: Record<string, string> = {
      'GET /taxii2/': '/taxii2/',
      'GET /vigil/': '/vigil/',
      'GET /vigil/collections/': '/vigil/collections/',
      'GET /vigil/collections/{c}/': '/vigil/collections/indicators/',
    };
    for (const [name, path] of Object.entries(simple)) {
      it(name, async () => {
        const actual = await matrix(TLPS, async (caller) => (await call(caller, 'GET', path)).status);
        expect(actual).toEqual(TAXII_EXPECTED[name]);
      });
    }

    it('GET /vigil/collections/ lists can_write per key (write keys cannot write curated)', async () => {
      const canWrite: Record<string, unknown> = {};
      for (const caller of ['otherOrg', 'read', 'write', 'admin'] as const) {
        const answer = await call(caller, 'GET', '/vigil/collections/');
        canWrite[caller] = Object.fromEntries(
          // biome-ignore lint/suspicious/noExplicitAny: probed
          answer.body.collections.map((c: any) => [c.alias ?? c.id, [c.can_read, c.can_write]]),
        );
      }
      expect(canWrite).toEqual({
        otherOrg: { indicators: [true, true], curated: [true, false] },
        read: { indicators: [true, false], curated: [true, false] },
        write: { indicators: [true, true], curated: [true, false] },
        admin: { indicators: [true, true], curated: [true, true] },
      });
    });

    it('GET /vigil/collections/{c}/objects/?match[id]={o}', async () => {
      const name = 'GET /vigil/collections/{c}/objects/?match[id]={o}';
      const actual = await matrix(TLPS, async (caller, tlp) => {
        const { id } = seed(tlp);
        const answer = await call(caller, 'GET', `/vigil/collections/indicators/objects/?match[id]=${id}`);
        // biome-ignore lint/suspicious/noExplicitAny: probed
        return listed(answer, (b) => (b.objects ?? []).some((o: any) => o.id === id));
      });
      expect(actual).toEqual(TAXII_EXPECTED[name]);
    });

    it('GET /vigil/collections/{c}/objects/ without a filter never lists a restricted object of another organisation', async () => {
      for (const caller of ['otherOrg', 'admin'] as const) {
        const answer = await call(caller, 'GET', '/vigil/collections/indicators/objects/?limit=100');
        expect(answer.status).toBe(200);
        // biome-ignore lint/suspicious/noExplicitAny: probed
        const ids = new Set((answer.body.objects ?? []).map((o: any) => o.id));
        for (const tlp of TLPS) {
          expect(ids.has(seed(tlp).id), `${caller} ${tlp}`).toBe(tlp !== 'red' && tlp !== 'amber+strict');
        }
      }
    });

    it('GET /vigil/collections/{c}/manifest/?match[id]={o}', async () => {
      const name = 'GET /vigil/collections/{c}/manifest/?match[id]={o}';
      const actual = await matrix(TLPS, async (caller, tlp) => {
        const { id } = seed(tlp);
        const answer = await call(caller, 'GET', `/vigil/collections/indicators/manifest/?match[id]=${id}`);
        // biome-ignore lint/suspicious/noExplicitAny: probed
        return listed(answer, (b) => (b.objects ?? []).some((o: any) => o.id === id));
      });
      expect(actual).toEqual(TAXII_EXPECTED[name]);
    });

    for (const name of [
      'GET /vigil/collections/{c}/objects/{o}/',
      'GET /vigil/collections/{c}/objects/{o}/versions/',
    ]) {
      it(name, async () => {
        const actual = await matrix(TLPS, async (caller, tlp) => {
          const { id } = seed(tlp);
          const path = name.replace('GET ', '').replace('{c}', 'indicators').replace('{o}', id);
          return (await call(caller, 'GET', path)).status;
        });
        expect(actual).toEqual(TAXII_EXPECTED[name]);
      });
    }

    it('POST /vigil/collections/{c}/objects/ (new object), and the writer then sees what it stored', async () => {
      const name = 'POST /vigil/collections/{c}/objects/ (new object)';
      const actual = await matrix(TLPS, async (caller, tlp) => {
        const object = indicator(tlp);
        const outcome = envelopeOutcome(
          await call(caller, 'POST', '/vigil/collections/indicators/objects/', {
            body: { objects: [object] },
          }),
        );
        if (outcome === 'stored') {
          const back = await call(caller, 'GET', `/vigil/collections/indicators/objects/${object.id}/`);
          expect(back.status).toBe(200);
        } else {
          // Nothing was stored: the owner's write key does not find it either.
          const back = await call('write', 'GET', `/vigil/collections/indicators/objects/${object.id}/`);
          expect(back.status).toBe(404);
        }
        return outcome;
      });
      expect(actual).toEqual(TAXII_EXPECTED[name]);
    });

    it('POST /vigil/collections/{c}/objects/ (new version of the owner object)', async () => {
      const name = 'POST /vigil/collections/{c}/objects/ (new version of the owner object)';
      let minute = 0;
      const actual = await matrix(TLPS, async (caller, tlp) => {
        minute++;
        const version = {
          ...seed(tlp).object,
          modified: `2026-01-02T00:${String(minute).padStart(2, '0')}:00.000Z`,
          name: `changed by ${caller}`,
        };
        return envelopeOutcome(
          await call(caller, 'POST', '/vigil/collections/indicators/objects/', {
            body: { objects: [version] },
          }),
        );
      });
      expect(actual).toEqual(TAXII_EXPECTED[name]);
    });

    it('POST /vigil/collections/curated/objects/ (adminWriteOnly)', async () => {
      const name = 'POST /vigil/collections/curated/objects/ (adminWriteOnly)';
      const actual = await matrix(TLPS, async (caller, tlp) =>
        envelopeOutcome(
          await call(caller, 'POST', '/vigil/collections/curated/objects/', {
            body: { objects: [indicator(tlp)] },
          }),
        ),
      );
      expect(actual).toEqual(TAXII_EXPECTED[name]);
    });

    it('DELETE /vigil/collections/{c}/objects/{o}/ (a fresh object of the owner each time; refused deletes delete nothing)', async () => {
      const name = 'DELETE /vigil/collections/{c}/objects/{o}/';
      const actual = await matrix(TLPS, async (caller, tlp) => {
        const { id } = await seedObject(tlp);
        const status = (await call(caller, 'DELETE', `/vigil/collections/indicators/objects/${id}/`)).status;
        const after = (await call('write', 'GET', `/vigil/collections/indicators/objects/${id}/`)).status;
        expect(after, `${caller} ${tlp}: the object is gone only after a 200`).toBe(
          status === 200 ? 404 : 200,
        );
        return status;
      });
      expect(actual).toEqual(TAXII_EXPECTED[name]);
    });

    it('GET /vigil/status/{s}/', async () => {
      const name = 'GET /vigil/status/{s}/';
      const actual = await matrix(TLPS, async (caller, tlp) => {
        const answer = await call(caller, 'GET', `/vigil/status/${seed(tlp).status}/`);
        if (answer.status === 200) expect(answer.body.id).toBe(seed(tlp).status);
        return answer.status;
      });
      expect(actual).toEqual(TAXII_EXPECTED[name]);
    });

    it('covers every endpoint in the expected table', () => {
      // Guards against an expected row that no test reads.
      expect(Object.keys(TAXII_EXPECTED)).toHaveLength(13);
    });
  });

  describe('case API authorisation matrix (every key kind × every case marking)', () => {
    const seeded = new Map<CaseMarking, { id: string; title: string }>();
    const recordSeeded = new Map<CaseMarking, { id: string; title: string }>();
    beforeAll(async () => {
      for (const m of CASE_MARKINGS) {
        seeded.set(m, await seedCase(m));
        recordSeeded.set(m, await seedCase(m, { recordMarking: true }));
      }
    });
    const seed = (m: CaseMarking) => seeded.get(m) as { id: string; title: string };

    it('GET /api/v1/openapi.json', async () => {
      const name = 'GET /api/v1/openapi.json';
      const actual = await matrix(
        CASE_MARKINGS,
        async (caller) => (await call(caller, 'GET', '/api/v1/openapi.json')).status,
      );
      expect(actual).toEqual(CASE_EXPECTED[name]);
    });

    it('GET /api/v1/cases?q={title}', async () => {
      const name = 'GET /api/v1/cases?q={title}';
      const actual = await matrix(CASE_MARKINGS, async (caller, m) => {
        const { id, title } = seed(m);
        const answer = await call(caller, 'GET', `/api/v1/cases?q=${encodeURIComponent(title)}`);
        // biome-ignore lint/suspicious/noExplicitAny: probed
        return listed(answer, (b) => b.items.some((c: any) => c.id === id));
      });
      expect(actual).toEqual(CASE_EXPECTED[name]);
    });

    it('GET /api/v1/cases lists no restricted case of another organisation outside its audience (every page)', async () => {
      for (const caller of ['otherOrg', 'admin'] as const) {
        const ids = new Set<string>();
        let next: string | undefined;
        let pages = 0;
        do {
          const answer = await call(caller, 'GET', `/api/v1/cases?limit=5${next ? `&cursor=${next}` : ''}`);
          expect(answer.status).toBe(200);
          // biome-ignore lint/suspicious/noExplicitAny: probed
          for (const c of answer.body.items as any[]) ids.add(c.id);
          next = answer.body.next;
          pages++;
        } while (next !== undefined && pages < 100);
        for (const m of CASE_MARKINGS) {
          const visible = CASE_EXPECTED['GET /api/v1/cases/{id}']?.[caller][CASE_MARKINGS.indexOf(m)] === 200;
          expect(ids.has(seed(m).id), `${caller} ${m}`).toBe(visible);
        }
      }
    });

    it('GET /api/v1/cases/{id}', async () => {
      const name = 'GET /api/v1/cases/{id}';
      const actual = await matrix(CASE_MARKINGS, async (caller, m) => {
        const answer = await call(caller, 'GET', `/api/v1/cases/${seed(m).id}`);
        if (answer.status === 200) expect(answer.body.id).toBe(seed(m).id);
        return answer.status;
      });
      expect(actual).toEqual(CASE_EXPECTED[name]);
    });

    it('POST /api/v1/cases (new case), owned by the caller’s organisation', async () => {
      const name = 'POST /api/v1/cases (new case)';
      const organizations: Record<string, string> = { otherOrg: OTHER, write: OWNER, admin: REGISTRY };
      const actual = await matrix(CASE_MARKINGS, async (caller, m) => {
        const answer = await call(caller, 'POST', '/api/v1/cases', { body: dataset(m) });
        if (answer.status === 201) expect(answer.body.organization).toBe(organizations[caller]);
        return answer.status;
      });
      expect(actual).toEqual(CASE_EXPECTED[name]);
    });

    it('POST /api/v1/cases refuses a dataset whose owner is another organisation (every key that may write)', async () => {
      for (const caller of ['otherOrg', 'write', 'admin'] as const) {
        const body: Record<string, unknown> = {
          ...dataset('green'),
          owner: caller === 'otherOrg' ? OWNER : OTHER,
        };
        const answer = await call(caller, 'POST', '/api/v1/cases', { body });
        expect(answer.status, caller).toBe(403);
        expect((await call('admin', 'GET', `/api/v1/cases/${String(body.id)}`)).status).toBe(404);
      }
    });

    it('PUT /api/v1/cases/{id} (a fresh case each time; a refused update changes nothing)', async () => {
      const name = 'PUT /api/v1/cases/{id}';
      const actual = await matrix(CASE_MARKINGS, async (caller, m) => {
        const { id } = await seedCase(m);
        const changed = dataset(m, { id, title: `Retitled by ${caller}` });
        const answer = await call(caller, 'PUT', `/api/v1/cases/${id}`, {
          body: changed,
          headers: { 'If-Match': '"1"' },
        });
        const after = await call('write', 'GET', `/api/v1/cases/${id}`);
        expect(after.body.revision, `${caller} ${m}`).toBe(answer.status === 200 ? 2 : 1);
        expect(after.body.dataset.title === `Retitled by ${caller}`).toBe(answer.status === 200);
        return answer.status;
      });
      expect(actual).toEqual(CASE_EXPECTED[name]);
    });

    for (const name of ['GET /api/v1/cases/{id}/revisions', 'GET /api/v1/cases/{id}/revisions/1']) {
      it(name, async () => {
        const actual = await matrix(CASE_MARKINGS, async (caller, m) => {
          const path = name.replace('GET ', '').replace('{id}', seed(m).id);
          return (await call(caller, 'GET', path)).status;
        });
        expect(actual).toEqual(CASE_EXPECTED[name]);
      });
    }

    it('GET /api/v1/cases/{id} (record marking): a record outside the caller’s audience is withheld, and counted', async () => {
      const name = 'GET /api/v1/cases/{id} (record marking)';
      const actual = await matrix(CASE_MARKINGS, async (caller, m) => {
        const { id } = recordSeeded.get(m) as { id: string };
        const answer = await call(caller, 'GET', `/api/v1/cases/${id}`);
        if (answer.status !== 200) return answer.status;
        const persons = answer.body.dataset.persons as unknown[];
        if (persons.length === 1 && answer.body.withheld === 0) return 200;
        if (persons.length === 0 && answer.body.withheld === 1) return 'withheld';
        throw new Error(`inconsistent view ${JSON.stringify(answer.body)}`);
      });
      expect(actual).toEqual(CASE_EXPECTED[name]);
    });

    it('covers every endpoint in the expected table', () => {
      expect(Object.keys(CASE_EXPECTED)).toHaveLength(8);
    });
  });

  describe('credentials and collection scope', () => {
    it('Bearer, Token, Basic (key as password or as user name) and any scheme case give the same answers; malformed ones are 401', async () => {
      const forms = (secret: string): Record<string, string> => ({
        bearer: `Bearer ${secret}`,
        token: `Token ${secret}`,
        lower: `bearer ${secret}`,
        basicPassword: `Basic ${Buffer.from(`someone:${secret}`).toString('base64')}`,
        basicUser: `Basic ${Buffer.from(`${secret}:`).toString('base64')}`,
      });
      const probes = ['/taxii2/', '/vigil/collections/curated/objects/', '/api/v1/cases'];
      for (const caller of ['otherOrg', 'read', 'write', 'admin'] as const) {
        for (const path of probes) {
          const accept = path.startsWith('/api/') ? 'application/json' : TAXII;
          const statuses = new Set<number>();
          for (const authorization of Object.values(forms(SECRETS[caller]))) {
            const response = await fetch(server.url + path, {
              headers: { Accept: accept, Authorization: authorization },
            });
            await response.arrayBuffer();
            statuses.add(response.status);
          }
          expect([...statuses], `${caller} ${path}`).toEqual([200]);
        }
      }
      for (const authorization of [
        'Bearer',
        'Bearer ',
        `Bearer ${SECRETS.write}x`,
        `Bearer x${SECRETS.write}`,
        `Digest ${SECRETS.write}`,
        SECRETS.write,
        `Basic ${Buffer.from(`${SECRETS.write}x:`).toString('base64')}`,
        'Basic !!!notbase64',
        `Bearer ${SECRETS.write.toUpperCase()}`,
      ]) {
        const response = await fetch(`${server.url}/taxii2/`, {
          headers: { Accept: TAXII, Authorization: authorization },
        });
        await response.arrayBuffer();
        expect(response.status, authorization).toBe(401);
        expect(response.headers.get('www-authenticate')).toContain('Bearer');
      }
    });

    it('a key limited to one collection sees and writes only that one (others are 404, not 403)', async () => {
      const headers = { Accept: TAXII, Authorization: `Bearer ${SCOPED_SECRET}` };
      const list = await fetch(`${server.url}/vigil/collections/`, { headers });
      const body = (await list.json()) as { collections: { id: string }[] };
      expect(body.collections.map((c) => c.id)).toEqual(['curated']);
      for (const path of [
        '/vigil/collections/indicators/',
        '/vigil/collections/c0ffee00-0000-4000-8000-000000000001/objects/',
        '/vigil/collections/indicators/manifest/',
      ]) {
        const response = await fetch(server.url + path, { headers });
        await response.arrayBuffer();
        expect(response.status, path).toBe(404);
      }
      const post = await fetch(`${server.url}/vigil/collections/indicators/objects/`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': TAXII },
        body: JSON.stringify({ objects: [indicator('clear')] }),
      });
      await post.arrayBuffer();
      expect(post.status).toBe(404);
      // The curated collection is adminWriteOnly: visible, readable, not writable by this write key.
      const curated = await fetch(`${server.url}/vigil/collections/curated/objects/`, { headers });
      await curated.arrayBuffer();
      expect(curated.status).toBe(200);
      const write = await fetch(`${server.url}/vigil/collections/curated/objects/`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': TAXII },
        body: JSON.stringify({ objects: [indicator('clear')] }),
      });
      await write.arrayBuffer();
      expect(write.status).toBe(403);
    });
  });
});
