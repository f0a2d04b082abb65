import { describe, expect, it } from 'vitest';
import { ServerConfigSchema } from './server-config.js';
import { startServer } from './start-server.js';

describe('ServerConfigSchema', () => {
  it('accepts a config that startServer takes as is', async () => {
    const config = ServerConfigSchema.parse({
      database: ':memory:',
      host: '127.0.0.1',
      port: 0,
      keys: [{ key: 'lab-secret-0001', organization: 'organization--lab', role: 'admin' }],
      collections: [{ id: 'feed', title: 'Feed', alias: 'f' }],
    });
    const running = await startServer(config);
    try {
      const response = await fetch(`${running.url}/vigil/collections/f/`, {
        headers: { Accept: 'application/taxii+json;version=2.1', Authorization: 'Bearer lab-secret-0001' },
      });
      expect(((await response.json()) as { id: string }).id).toBe('feed');
    } finally {
      await running.close();
    }
  });

  it('reports each problem with a path', () => {
    const result = ServerConfigSchema.safeParse({
      port: 70000,
      keys: [{ key: 'short', organization: 'organization--lab', role: 'root' }],
      collections: [{ id: 'a/b', title: '' }],
      extra: true,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual([
      '',
      'collections.0.id',
      'collections.0.title',
      'keys.0.key',
      'keys.0.role',
      'port',
    ]);
  });

  it('takes a database object: SQLite path or PostgreSQL URL, schema and pool size', () => {
    const keys = [{ key: 'lab-secret-0001', organization: 'organization--lab', role: 'admin' }];
    const pg = {
      kind: 'postgres',
      url: 'postgres://vigil@db.example:5432/vigil',
      schema: 'registry',
      poolSize: 5,
    };
    expect(ServerConfigSchema.parse({ database: pg, keys }).database).toEqual(pg);
    expect(ServerConfigSchema.parse({ database: { kind: 'sqlite', path: 'x.db' }, keys }).database).toEqual({
      kind: 'sqlite',
      path: 'x.db',
    });
    const bad = ServerConfigSchema.safeParse({
      database: { kind: 'postgres', url: 'mysql://db.example/vigil', schema: 'Bad-Name' },
      keys,
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0])).toContain('database');
  });
});
