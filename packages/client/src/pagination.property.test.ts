// Property: whatever page sizes a server caps to, and whether it paginates with `next` or leaves the
// client to fall back to X-TAXII-Date-Added-Last, iterating yields every object exactly once, in order.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { send, startTestServer, type TestServer } from './internal/test-server.js';
import { createTaxiiClient } from './taxii-client.js';

const COLLECTION = 'c1';
const PATH = `/api1/collections/${COLLECTION}/objects/`;

interface Scenario {
  count: number;
  cap: number;
  /** Per page index: true = send `next`, false = `more` without `next`. */
  useNext: boolean[];
  /** Per page index: an extra empty page with `more: true` before the real one. */
  emptyFirst: boolean[];
}

let scenario: Scenario = { count: 0, cap: 1, useNext: [], emptyFirst: [] };
let server: TestServer;
const stamp = (i: number): string => `2026-01-01T00:00:${String(i).padStart(2, '0')}.000000Z`;
const id = (i: number): string => `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const emptied = new Set<string>();

beforeAll(async () => {
  server = await startTestServer((_req, res, url) => {
    if (url.pathname !== PATH)
      return send(res, 200, { id: COLLECTION, title: 'c', can_read: true, can_write: false });
    const next = url.searchParams.get('next');
    const after = url.searchParams.get('added_after');
    let start = 0;
    if (next !== null) start = Number(next);
    else if (after !== null)
      start = Array.from({ length: scenario.count }, (_, i) => stamp(i)).filter((s) => s <= after).length;
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000), scenario.cap);
    const pageNo = Math.floor(start / scenario.cap);
    const key = `${start}`;
    if (scenario.emptyFirst[pageNo] && start < scenario.count && !emptied.has(key)) {
      emptied.add(key);
      // An empty page that still says more; the client must ask again from the same place.
      // Either with a next pointing to the same place, or with nothing (no next, no headers).
      return send(res, 200, scenario.useNext[pageNo] ? { more: true, next: `${start}` } : { more: true });
    }
    const items = Array.from({ length: scenario.count }, (_, i) => i).slice(start, start + limit);
    if (items.length === 0) return send(res, 200, {});
    const end = start + items.length;
    const more = end < scenario.count;
    const envelope: Record<string, unknown> = {
      objects: items.map((i) => ({ type: 'indicator', id: id(i) })),
      more,
    };
    if (more && scenario.useNext[pageNo]) envelope.next = String(end);
    send(res, 200, envelope, {
      'X-TAXII-Date-Added-First': stamp(items[0] ?? 0),
      'X-TAXII-Date-Added-Last': stamp(items.at(-1) ?? 0),
    });
  });
});
afterAll(async () => {
  await server.close();
});

it('yields every object exactly once, in order, for any cap and any mix of next and header fallback', async () => {
  const client = createTaxiiClient({ url: server.url, retry: 0 });
  const collection = await client.collection('/api1/', COLLECTION);
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 50 }),
      fc.array(fc.boolean(), { minLength: 41, maxLength: 41 }),
      fc.array(fc.boolean(), { minLength: 41, maxLength: 41 }),
      async (count, cap, limit, useNext, emptyFirst) => {
        scenario = { count, cap, useNext, emptyFirst };
        emptied.clear();
        const seen: string[] = [];
        for await (const object of collection.objects({ limit })) seen.push(object.id);
        expect(seen).toEqual(Array.from({ length: count }, (_, i) => id(i)));
      },
    ),
    { numRuns: 60 },
  );
});
