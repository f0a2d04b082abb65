import { parseArgs } from 'node:util';
import { updateFeeds } from '@vigil/client';
import { VigilError } from '@vigil/core';
import { EXIT_CODES } from '../exit-codes.js';
import { defaultCacheDir } from './cache-dir.js';
import { type CommandContext, line, usage, writeJson } from './command.js';
import { fileSha256, readCacheManifest } from './feed-manifest.js';
import { loadIndicatorSets } from './matcher-adapter.js';

/** MVT's index of indicator sets. */
export const MVT_INDEX_URL =
  'https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/indicators.yaml';

export async function iocsCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      cache: { type: 'string' },
      index: { type: 'string' },
      url: { type: 'string', multiple: true },
      'no-index': { type: 'boolean' },
      offline: { type: 'boolean' },
    },
  });
  const [action, extra] = positionals;
  if (extra !== undefined) throw usage(`unexpected argument ${JSON.stringify(extra)}`);
  const cacheDir = ctx.path(values.cache ?? defaultCacheDir(ctx.io.env));
  if (action === 'update') return update(ctx, cacheDir, values);
  if (action === 'list') return list(ctx, cacheDir);
  if (action === 'verify') return verify(ctx, cacheDir);
  throw usage('iocs needs an action: update, list or verify');
}

async function update(
  ctx: CommandContext,
  cacheDir: string,
  values: { index?: string; url?: string[]; 'no-index'?: boolean; offline?: boolean },
): Promise<number> {
  let index: string | undefined;
  if (values['no-index'] !== true) {
    const given = values.index ?? MVT_INDEX_URL;
    if (/^https?:\/\//iu.test(given)) index = given;
    else {
      const { readFileSync } = await import('node:fs');
      index = readFileSync(ctx.path(given), 'utf8');
    }
  }
  if (index === undefined && (values.url ?? []).length === 0)
    throw usage('nothing to update: give --index or --url');
  if (!ctx.json) line(ctx, `Updating ${cacheDir}${values.offline === true ? ' (offline)' : ''} …`);
  const result = await updateFeeds({
    cacheDir,
    ...(index === undefined ? {} : { index }),
    ...(values.url === undefined ? {} : { urls: values.url }),
    ...(values.offline === true ? { offline: true } : {}),
  });
  if (ctx.json)
    writeJson(ctx, {
      cacheDir,
      files: result.files,
      problems: result.problems.map(({ cause: _c, ...p }) => p),
    });
  else {
    for (const f of result.files)
      line(
        ctx,
        `  ${f.status.padEnd(12)} ${f.name} (${f.format}, ${f.bytes} bytes, sha256 ${f.sha256.slice(0, 16)}…)`,
      );
    for (const p of result.problems) line(ctx, `  problem      ${p.code}: ${p.message}`);
    line(
      ctx,
      `${result.files.length} set(s) available in ${cacheDir}; ${result.problems.length} problem(s).`,
    );
  }
  if (result.files.length === 0 && result.problems.length > 0)
    throw new VigilError(
      'NOT_FOUND',
      `no indicator set could be downloaded or read from the cache (${result.problems[0]?.message ?? ''})`,
    );
  return EXIT_CODES.ok;
}

async function list(ctx: CommandContext, cacheDir: string): Promise<number> {
  const entries = readCacheManifest(cacheDir);
  if (entries === undefined)
    throw new VigilError('NOT_FOUND', `no indicator cache in ${cacheDir}: run "vigil iocs update"`);
  // The set's own name and version, read offline from the cached copy (a copy that fails to load says so).
  const described = [];
  for (const e of entries) {
    if (e.isIndex || fileSha256(e.path) !== e.sha256) {
      described.push({
        ...e,
        ...(e.isIndex ? {} : { problem: 'missing or altered: run vigil iocs verify' }),
      });
      continue;
    }
    try {
      const [set] = await loadIndicatorSets([e.path]);
      described.push({
        ...e,
        setName: set?.name,
        ...(set?.version === undefined ? {} : { setVersion: set.version }),
        indicators: set?.indicators.length ?? 0,
      });
    } catch (error) {
      described.push({ ...e, problem: (error as Error).message });
    }
  }
  if (ctx.json) writeJson(ctx, { cacheDir, entries: described });
  else {
    for (const e of described) {
      const d = e as typeof e & { setVersion?: string; indicators?: number; problem?: string };
      const version = d.setVersion === undefined ? '' : `  version ${d.setVersion}`;
      const count = d.indicators === undefined ? '' : `  ${d.indicators} indicators`;
      const remote = [
        d.etag === undefined ? '' : `etag ${d.etag}`,
        d.lastModified === undefined ? '' : `last-modified ${d.lastModified}`,
      ]
        .filter((x) => x !== '')
        .join(', ');
      line(
        ctx,
        `${d.isIndex ? 'index' : 'set  '}  ${d.name}${version}${count}  (${d.format}, ${d.bytes} bytes)`,
      );
      line(ctx, `       sha256 ${d.sha256}  fetched ${d.fetchedAt}${remote === '' ? '' : `  ${remote}`}`);
      line(ctx, `       ${d.url}`);
      if (d.problem !== undefined) line(ctx, `       problem: ${d.problem}`);
    }
    line(ctx, `${entries.filter((e) => !e.isIndex).length} set(s) in ${cacheDir}.`);
  }
  return EXIT_CODES.ok;
}

async function verify(ctx: CommandContext, cacheDir: string): Promise<number> {
  const entries = readCacheManifest(cacheDir);
  if (entries === undefined)
    throw new VigilError('NOT_FOUND', `no indicator cache in ${cacheDir}: run "vigil iocs update"`);
  const results: {
    name: string;
    path: string;
    status: 'ok' | 'missing' | 'altered' | 'unloadable';
    indicators?: number;
    diagnostics?: number;
    detail?: string;
  }[] = [];
  for (const e of entries) {
    const actual = fileSha256(e.path);
    if (actual === undefined) {
      results.push({ name: e.name, path: e.path, status: 'missing' });
      continue;
    }
    if (actual !== e.sha256) {
      results.push({
        name: e.name,
        path: e.path,
        status: 'altered',
        detail: `sha256 ${actual}, manifest says ${e.sha256}`,
      });
      continue;
    }
    if (e.isIndex) {
      results.push({ name: e.name, path: e.path, status: 'ok' });
      continue;
    }
    try {
      const [set] = await loadIndicatorSets([e.path]);
      results.push({
        name: e.name,
        path: e.path,
        status: 'ok',
        indicators: set?.indicators.length ?? 0,
        diagnostics: set?.diagnostics.length ?? 0,
      });
    } catch (error) {
      results.push({ name: e.name, path: e.path, status: 'unloadable', detail: (error as Error).message });
    }
  }
  const bad = results.filter((r) => r.status !== 'ok');
  if (ctx.json) writeJson(ctx, { cacheDir, ok: bad.length === 0, results });
  else {
    for (const r of results) {
      const counts =
        r.indicators === undefined ? '' : ` ${r.indicators} indicators, ${r.diagnostics} diagnostic(s)`;
      line(
        ctx,
        `  ${r.status.padEnd(10)} ${r.name}${counts}${r.detail === undefined ? '' : `: ${r.detail}`}`,
      );
    }
    line(
      ctx,
      bad.length === 0
        ? `All ${results.length} cached file(s) verified.`
        : `${bad.length} of ${results.length} cached file(s) failed verification.`,
    );
  }
  return bad.length === 0 ? EXIT_CODES.ok : EXIT_CODES.found;
}
