// Sync a TAXII 2.1 collection: a lab publishes indicators to a Vigil registry, a helpline pulls them
// (all, then only what was added since) and checks a link from a suspicious SMS, all over real HTTP on
// 127.0.0.1. The indicators are the made-up ExampleSpy set from examples/device-artifacts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTaxiiClient, type StixObject } from '@vigil/client';
import { createMatcher, loadIndicators } from '@vigil/matcher';
import { DEFAULT_COLLECTION_ID, startServer } from '@vigil/server';

const bundle = JSON.parse(
  readFileSync(new URL('../device-artifacts/indicators.stix2', import.meta.url), 'utf8'),
) as { objects: StixObject[] };

const dir = mkdtempSync(join(tmpdir(), 'vigil-taxii-sync-'));
const server = await startServer({
  database: join(dir, 'registry.sqlite'),
  host: '127.0.0.1',
  port: 0,
  keys: [
    { key: 'example-lab-writer-key', organization: 'organization--example-lab', role: 'write' },
    { key: 'example-helpline-reader-key', organization: 'organization--example-helpline', role: 'read' },
  ],
});

try {
  // The lab publishes everything but the last indicator and its relationship.
  const lab = createTaxiiClient({ url: `${server.url}/taxii2/`, auth: { token: 'example-lab-writer-key' } });
  const [labRoot] = (await lab.discover()).api_roots ?? [];
  if (labRoot === undefined) throw new Error('the registry lists no API root');
  const labCollection = await lab.collection(labRoot, DEFAULT_COLLECTION_ID);
  const first = bundle.objects.slice(0, -2);
  const status = await labCollection.addObjects(first);
  console.log(`Lab published ${status.success_count} objects (status ${status.status}).`);

  // The helpline pulls the whole collection, page by page.
  const helpline = createTaxiiClient({
    url: `${server.url}/taxii2/`,
    auth: { token: 'example-helpline-reader-key' },
  });
  const [root] = (await helpline.discover()).api_roots ?? [];
  if (root === undefined) throw new Error('the registry lists no API root');
  const collection = await helpline.collection(root, DEFAULT_COLLECTION_ID);
  const pulled: StixObject[] = [];
  let lastAdded: string | undefined;
  for await (const page of collection.objectPages({ limit: 5 })) {
    pulled.push(...page.items);
    lastAdded = page.dateAddedLast ?? lastAdded;
  }
  console.log(`Helpline pulled ${pulled.length} objects.`);

  // Later the lab adds one more indicator; the helpline asks only for what was added since.
  await labCollection.addObjects(bundle.objects.slice(-2));
  const fresh: StixObject[] = [];
  for await (const object of collection.objects(lastAdded === undefined ? {} : { addedAfter: lastAdded }))
    fresh.push(object);
  pulled.push(...fresh);
  console.log(`Incremental sync: ${fresh.length} new objects.`);
  if (fresh.length !== 2) throw new Error(`expected 2 new objects, got ${fresh.length}`);

  // Load what was synced into the matcher and check links from a suspicious SMS.
  const set = loadIndicators(JSON.stringify({ type: 'bundle', id: 'bundle--synced', objects: pulled }), {
    format: 'stix2',
    file: 'taxii-sync',
  });
  const matcher = createMatcher([set]);
  for (const link of ['https://msg-delivery.test/r/8f2k1', 'https://news.example.org/today']) {
    const hits = matcher.match({ type: 'url', value: link });
    const names = [...new Set(hits.flatMap((h) => h.indicator.provenance.indicates))];
    console.log(
      `${link}: ${hits.length === 0 ? 'no match' : `${hits.length} match(es), ${names.join(', ')}`}`,
    );
  }
  if (matcher.match({ type: 'url', value: 'https://msg-delivery.test/r/8f2k1' }).length === 0)
    throw new Error('the synced indicators should match the SMS link');
  console.log(`taxii-sync: ${set.indicators.length} indicators synced over TAXII 2.1 and matched locally.`);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
