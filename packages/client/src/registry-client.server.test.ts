// The registry client against the real @vigil/server (case API on SQLite) over loopback HTTP.
import { DatasetError, type DatasetInput, isVigilError } from '@vigil/core';
import { createServer, type RunningServer } from '@vigil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, HttpError } from './errors.js';
import { REGISTRY_OPERATIONS } from './internal/registry-operations.js';
import {
  CasePageSchema,
  CaseRecordSchema,
  CaseSummarySchema,
  createRegistryClient,
  type RegistryClient,
} from './registry-client.js';

const KEYS = {
  labWriter: { key: 'lab-writer-key-0001', organization: 'organization--lab', role: 'write' },
  ngoReader: { key: 'ngo-reader-key-0001', organization: 'organization--ngo', role: 'read' },
} as const;

let running: RunningServer;
let lab: RegistryClient;
let ngo: RegistryClient;

function dataset(
  id: string,
  title: string,
  tlp: 'clear' | 'green' | 'amber' | 'red' = 'green',
): DatasetInput {
  return { schemaVersion: '1.0', id, title, marking: { tlp } };
}

beforeAll(async () => {
  running = await createServer({ database: ':memory:', keys: Object.values(KEYS), maxPageSize: 2 }).listen({
    port: 0,
    host: '127.0.0.1',
  });
  lab = createRegistryClient({ url: running.url, apiKey: KEYS.labWriter.key, retry: 0 });
  ngo = createRegistryClient({ url: running.url, apiKey: KEYS.ngoReader.key, retry: 0 });
});
afterAll(async () => {
  await running.close();
});

describe('createRegistryClient against @vigil/server', () => {
  it('matches the OpenAPI document the server publishes: every path, method, status and parameter', async () => {
    const doc = (await lab.openApi()) as {
      openapi?: string;
      paths?: Record<
        string,
        Record<string, { responses?: Record<string, unknown>; parameters?: { name: string; in: string }[] }>
      >;
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const [name, operation] of Object.entries(REGISTRY_OPERATIONS)) {
      const pathItem = doc.paths?.[operation.path] as Record<string, unknown> | undefined;
      expect(pathItem, `${name}: ${operation.path} is not in the OpenAPI document`).toBeDefined();
      const described = pathItem?.[operation.method.toLowerCase()] as
        | { responses?: Record<string, unknown>; parameters?: { name: string; in: string }[] }
        | undefined;
      expect(described, `${name}: ${operation.method} ${operation.path} is not described`).toBeDefined();
      const statuses = Object.keys(described?.responses ?? {});
      for (const status of [operation.success, ...operation.errors]) {
        expect(statuses, `${name}: status ${status} is not described`).toContain(String(status));
      }
      const shared = (pathItem?.parameters ?? []) as { name: string; in: string }[];
      const parameters = [...shared, ...(described?.parameters ?? [])];
      for (const query of Object.values(operation.query)) {
        expect(
          parameters.some((p) => p.in === 'query' && p.name === query),
          `${name}: query parameter ${query} is not described`,
        ).toBe(true);
      }
      for (const header of operation.headers) {
        expect(
          parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === header.toLowerCase()),
          `${name}: header ${header} is not described`,
        ).toBe(true);
      }
    }
  });

  it('validates the same response shapes the OpenAPI document promises (properties and required fields)', async () => {
    type JsonSchema = { $ref?: string; properties?: Record<string, unknown>; required?: string[] };
    const doc = (await lab.openApi()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> }>
      >;
      components: { schemas: Record<string, JsonSchema> };
    };
    const clientSchemas: Record<string, z.ZodType> = {
      createCase: CaseRecordSchema,
      getCase: CaseRecordSchema,
      updateCase: CaseRecordSchema,
      listCases: CasePageSchema,
      searchCases: CasePageSchema,
    };
    const deref = (schema: JsonSchema): JsonSchema =>
      schema.$ref ? (doc.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {}) : schema;
    for (const [name, schema] of Object.entries(clientSchemas)) {
      const operation = REGISTRY_OPERATIONS[name as keyof typeof REGISTRY_OPERATIONS];
      const response =
        doc.paths[operation.path]?.[operation.method.toLowerCase()]?.responses[String(operation.success)];
      const served = deref(response?.content?.['application/json']?.schema ?? {});
      const ours = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
      expect(Object.keys(ours.properties ?? {}).sort(), name).toEqual(
        Object.keys(served.properties ?? {}).sort(),
      );
      expect([...(ours.required ?? [])].sort(), name).toEqual([...(served.required ?? [])].sort());
    }
    const summary = z.toJSONSchema(CaseSummarySchema) as JsonSchema;
    expect(Object.keys(summary.properties ?? {}).sort()).toEqual(
      Object.keys(doc.components.schemas.CaseSummary?.properties ?? {}).sort(),
    );
  });

  it('creates, reads and updates a case with If-Match; a stale revision is a ConflictError and nothing is merged', async () => {
    const created = await lab.createCase(dataset('dataset--alpha', 'Alpha case'));
    expect(created.revision).toBe(1);
    expect(created.organization).toBe('organization--lab');
    expect((await lab.getCase('dataset--alpha')).dataset.title).toBe('Alpha case');

    const updated = await lab.updateCase('dataset--alpha', {
      revision: 1,
      dataset: dataset('dataset--alpha', 'Alpha, revised'),
    });
    expect(updated.revision).toBe(2);
    const stale = await lab
      .updateCase('dataset--alpha', { revision: 1, dataset: dataset('dataset--alpha', 'Lost update') })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).code).toBe('CONFLICT');
    const now = await lab.getCase('dataset--alpha');
    expect([now.revision, now.dataset.title]).toEqual([2, 'Alpha, revised']);
  });

  it('lists every case across capped pages, and searches', async () => {
    await lab.createCase(dataset('dataset--bravo', 'Bravo newsroom case'));
    await lab.createCase(dataset('dataset--charlie', 'Charlie helpline case'));
    const ids: string[] = [];
    for await (const summary of lab.cases({ limit: 50 })) ids.push(summary.id);
    expect(ids).toEqual(expect.arrayContaining(['dataset--alpha', 'dataset--bravo', 'dataset--charlie']));
    expect(new Set(ids).size).toBe(ids.length);
    const first = await lab.listCases({ limit: 50 });
    expect(first.items.length).toBeLessThanOrEqual(2);
    expect(first.next).toEqual(expect.any(String));
    const found = await lab.searchCases({ q: 'helpline' });
    expect(found.items.map((c) => c.id)).toEqual(['dataset--charlie']);
  });

  it('never shows a TLP:RED case to an organisation outside its audience', async () => {
    await lab.createCase(dataset('dataset--red', 'Red case', 'red'));
    const error = await ngo.getCase('dataset--red').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect([403, 404]).toContain((error as HttpError).status);
    const visible: string[] = [];
    for await (const summary of ngo.cases()) visible.push(summary.id);
    expect(visible).not.toContain('dataset--red');
  });

  it('reports server refusals as typed errors with the problem title', async () => {
    const missing = await lab.getCase('dataset--missing').catch((e: unknown) => e);
    expect((missing as HttpError).status).toBe(404);
    expect((missing as HttpError).title).toEqual(expect.any(String));
    const readOnly = await ngo.createCase(dataset('dataset--ngo', 'Not allowed')).catch((e: unknown) => e);
    expect((readOnly as HttpError).status).toBe(403);
  });

  it('refuses bad input before sending: an invalid dataset, a forged id, a mismatched id', async () => {
    const invalid = await lab
      .createCase({ schemaVersion: '1.0', id: 'dataset--x', title: '', marking: { tlp: 'purple' } } as never)
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(DatasetError);
    await expect(lab.getCase('../../etc/passwd')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const mismatch = await lab
      .updateCase('dataset--alpha', { revision: 2, dataset: dataset('dataset--other', 'x') })
      .catch((e: unknown) => e);
    expect(isVigilError(mismatch) && mismatch.code).toBe('INVALID_INPUT');
  });
});
