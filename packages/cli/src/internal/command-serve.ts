import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { VigilError } from '@vigil/core';
import { type ApiKeyConfig, startServer } from '@vigil/server';
import { EXIT_CODES } from '../exit-codes.js';
import { type CommandContext, line, usage, writeJson } from './command.js';

function readKeys(path: string): ApiKeyConfig[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(data))
    throw new VigilError('INVALID_INPUT', `${path} must hold a JSON array of API keys`);
  return data as ApiKeyConfig[];
}

/** The URL with its password replaced, for printing. */
function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export async function serveCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      keys: { type: 'string' },
      org: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw usage(`serve takes no arguments (got ${JSON.stringify(positionals[0])})`);
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw usage(`--port must be 0 to 65535 (got ${JSON.stringify(values.port)})`);
  const db = values.db ?? 'vigil-registry.sqlite';
  // A PostgreSQL URL passes through unchanged; anything else is a SQLite file path.
  const isPostgres = /^postgres(ql)?:\/\//i.test(db);
  const database = isPostgres || db === ':memory:' ? db : ctx.path(db);
  const shown = isPostgres ? redactPassword(db) : database;
  let keys: ApiKeyConfig[];
  let generated: string | undefined;
  if (values.keys !== undefined) keys = readKeys(ctx.path(values.keys));
  else {
    const fromEnv = ctx.io.env.VIGIL_ADMIN_KEY;
    if (fromEnv === undefined || fromEnv === '') generated = randomBytes(18).toString('base64url');
    const key = generated ?? (fromEnv as string);
    keys = [{ key, organization: values.org ?? 'organization--local', role: 'admin', label: 'admin' }];
  }
  const server = await startServer({ database, keys, port, host: values.host ?? '127.0.0.1' });
  if (ctx.json)
    writeJson(ctx, {
      url: server.url,
      port: server.port,
      database: shown,
      ...(generated === undefined ? {} : { adminKey: generated }),
    });
  else {
    line(
      ctx,
      `Vigil registry on ${server.url} (TAXII 2.1 discovery: ${server.url}/taxii2/), database ${shown}`,
    );
    if (generated !== undefined) line(ctx, `Admin API key for this run (not stored): ${generated}`);
    line(ctx, 'Press Ctrl-C to stop.');
  }
  await ctx.io.untilStopped();
  await server.close();
  if (!ctx.json) line(ctx, 'Stopped.');
  return EXIT_CODES.ok;
}
