import { randomUUID } from 'node:crypto';
import { createServer, type RunningServer } from '../create-server.js';
import type { ServerOptions } from '../server-options.js';

/** Media type sent on TAXII requests in tests. */
export const TAXII = 'application/taxii+json;version=2.1';

/** Keys used by the tests: two organisations, every role. */
export const KEYS = {
  labAdmin: { key: 'lab-admin-key-0001', organization: 'organization--lab', role: 'admin' },
  labWriter: { key: 'lab-writer-key-0001', organization: 'organization--lab', role: 'write' },
  ngoWriter: { key: 'ngo-writer-key-0001', organization: 'organization--ngo', role: 'write' },
  ngoReader: { key: 'ngo-reader-key-0001', organization: 'organization--ngo', role: 'read' },
  pressReader: { key: 'press-reader-key-01', organization: 'organization--press', role: 'read' },
  restricted: {
    key: 'restricted-key-0001',
    organization: 'organization--ngo',
    role: 'write',
    collections: ['other'],
  },
} as const;

/** Starts a real server on 127.0.0.1, port 0, with an in-memory database unless told otherwise. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const server = createServer({ database: ':memory:', keys: Object.values(KEYS), ...options });
  return server.listen({ port: 0, host: '127.0.0.1' });
}

/** Headers for a TAXII request with a key. */
export function taxiiHeaders(key: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Accept: TAXII, Authorization: `Bearer ${key}`, ...extra };
}

/** A valid STIX 2.1 indicator with a fresh id unless one is given. */
export function indicator(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: 'Spyware domain',
    pattern: "[domain-name:value = 'c2.spyware.test']",
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}
