// The registry client against servers that misbehave (real node:http servers on loopback).
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, HttpError, type InvalidResponseError } from './errors.js';
import { startTestServer, type TestHandler, type TestServer } from './internal/test-server.js';
import { createRegistryClient } from './registry-client.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function serve(handler: TestHandler): Promise<TestServer> {
  server = await startTestServer(handler);
  return server;
}

const CASE = {
  id: 'dataset--alpha',
  organization: 'organization--lab',
  revision: 3,
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-02T00:00:00.000Z',
  withheld: 0,
  redactedFields: 0,
  dataset: { schemaVersion: '1.0', id: 'dataset--alpha', title: 'Alpha', marking: { tlp: 'green' } },
};

describe('createRegistryClient with a misbehaving server', () => {
  it('sends the key as a bearer token and If-Match with the revision', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(CASE));
    });
    const registry = createRegistryClient({ url: s.url, apiKey: 'lab-secret-1' });
    await registry.updateCase('dataset--alpha', { revision: 3, dataset: CASE.dataset as never });
    const request = s.requests[0];
    expect([request?.method, request?.url]).toEqual(['PUT', '/api/v1/cases/dataset--alpha']);
    expect(request?.headers.authorization).toBe('Bearer lab-secret-1');
    expect(request?.headers['if-match']).toBe('"3"');
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('reads RFC 9457 problems into HttpError and 409/412 into ConflictError', async () => {
    const s = await serve((req, res) => {
      const status = req.method === 'PUT' ? 412 : 500;
      res.writeHead(status, { 'Content-Type': 'application/problem+json' });
      res.end(
        JSON.stringify({
          type: 'https://vigil.example/problems/x',
          title: 'Nope',
          status,
          detail: 'because',
        }),
      );
    });
    const registry = createRegistryClient({ url: s.url, apiKey: 'k', retry: 0 });
    const error = await registry.getCase('dataset--alpha').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect([
      (error as HttpError).title,
      (error as HttpError).description,
      (error as HttpError).errorCode,
    ]).toEqual(['Nope', 'because', 'https://vigil.example/problems/x']);
    const conflict = await registry
      .updateCase('dataset--alpha', { revision: 1, dataset: CASE.dataset as never })
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
  });

  it('refuses an HTML page, a case that is not a valid dataset, and a cursor sent twice', async () => {
    const s = await serve((req, res) => {
      if (req.url.startsWith('/api/v1/cases/dataset--html')) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>proxy login</html>');
        return;
      }
      if (req.url.startsWith('/api/v1/cases/')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ...CASE, dataset: { ...CASE.dataset, marking: { tlp: 'purple' } } }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ items: [], next: 'again' }));
    });
    const registry = createRegistryClient({ url: s.url, apiKey: 'k' });
    const html = await registry.getCase('dataset--html').catch((e: unknown) => e);
    expect((html as InvalidResponseError).issues[0]?.code).toBe('WRONG_MEDIA_TYPE');
    const invalid = await registry.getCase('dataset--alpha').catch((e: unknown) => e);
    expect((invalid as InvalidResponseError).issues[0]?.path).toEqual(['dataset', 'marking', 'tlp']);
    const loop = await (async () => {
      for await (const _ of registry.cases()) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect((loop as { code: string }).code).toBe('INVALID_RESPONSE');
  });

  it('rejects a bad URL or an empty key at creation', () => {
    expect(() => createRegistryClient({ url: 'ftp://registry.example', apiKey: 'k' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => createRegistryClient({ url: 'https://registry.example', apiKey: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
