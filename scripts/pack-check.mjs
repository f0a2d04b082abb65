#!/usr/bin/env node
// Packs the six publishable packages with `pnpm -r pack` (which turns `workspace:^` into real versions),
// installs the tarballs with npm into an empty project in a temporary folder, and uses every package there
// for real, once from an ES module (`import`) and once from a CommonJS script (`require`), plus the
// installed `vigil` bin. Prints one line per check; exits 1 on any failure.
//
// Packages must be built (`pnpm run build`); when a `dist` folder is missing this builds first.
// Environment: VIGIL_PACK_CHECK_KEEP=1 keeps the temporary folder; npm uses its usual (shared) cache.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const PACKAGES = ['core', 'matcher', 'report', 'client', 'server', 'cli'];

// pnpm 12 is a native executable; older ones are JavaScript run by node (same rule as check.mjs).
const execpath = process.env.npm_execpath ?? '';
const pnpm = !execpath.includes('pnpm')
  ? ['npx', '-y', 'pnpm@12.4.2']
  : /\.[cm]?js$/.test(execpath)
    ? [process.execPath, execpath]
    : [execpath];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const started = Date.now();
let failures = 0;
function report(ok, name, detail = '') {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}
function sh(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return {
    ok: result.status === 0,
    status: result.status ?? result.signal ?? result.error?.message,
    out: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}
function tail(text, lines = 30) {
  return text.trim().split('\n').slice(-lines).join('\n');
}
function fatal(message, output = '') {
  if (output) console.log(tail(output));
  report(false, message);
  finish();
}
function finish() {
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (process.env.VIGIL_PACK_CHECK_KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  console.log(`pack-check: ${failures === 0 ? 'all passed' : `${failures} failed`} (${seconds} s)`);
  process.exit(failures === 0 ? 0 : 1);
}

const work = mkdtempSync(join(tmpdir(), 'vigil-pack-check-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
mkdirSync(tarballs);
mkdirSync(project);

// 1. Build a package whose dist is missing or older than its sources (check.mjs builds just before).
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}
const stale = PACKAGES.filter((p) => {
  const dir = join(repo, 'packages', p);
  const built = join(dir, 'dist/index.js');
  if (!existsSync(built)) return true;
  const inputs = ['src', 'package.json', 'tsup.config.ts']
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f));
  return Math.max(...inputs.map(newest)) > statSync(built).mtimeMs;
});
if (stale.length > 0) {
  const filters = stale.flatMap((p) => ['--filter', `@vigil/${p}`]);
  const build = sh(pnpm[0], [...pnpm.slice(1), ...filters, 'run', 'build'], { cwd: repo });
  if (!build.ok) fatal(`build of ${stale.join(', ')} (not built or older than src)`, build.out);
  report(true, 'build', `rebuilt ${stale.join(', ')} (not built or older than src)`);
}

// 2. Pack.
const pack = sh(
  pnpm[0],
  [...pnpm.slice(1), '-r', '--filter', './packages/*', 'pack', '--pack-destination', tarballs],
  { cwd: repo },
);
if (!pack.ok) fatal(`pnpm -r pack (exit ${pack.status})`, pack.out);
const files = new Map();
for (const name of PACKAGES) {
  const file = join(tarballs, readdirSync(tarballs).find((f) => f.startsWith(`vigil-${name}-`)) ?? '-');
  if (!existsSync(file)) fatal(`pnpm -r pack made no tarball for @vigil/${name}`, pack.out);
  files.set(name, file);
}
report(true, 'pnpm -r pack', [...files.values()].map((f) => f.split('/').pop()).join(', '));

// 3. Static checks on each tarball: every path package.json points to is packed, no `workspace:` left.
function targets(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) targets(v, out);
  return out;
}
for (const [name, file] of files) {
  const listing = sh('tar', ['-tvzf', file]);
  const packed = new Set(
    listing.out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(line.indexOf('package/') + 'package/'.length)),
  );
  const manifest = JSON.parse(sh('tar', ['-xzOf', file, 'package/package.json']).out);
  const exportTargets = targets(manifest.exports).filter((t) => !t.endsWith('.ts') || t.endsWith('.d.ts'));
  const wanted = [
    manifest.main,
    manifest.module,
    manifest.types,
    ...exportTargets,
    ...targets(manifest.bin ?? {}),
  ]
    .filter((t) => typeof t === 'string')
    .map((t) => t.replace(/^\.\//, ''));
  const missing = [...new Set(wanted)].filter((t) => !packed.has(t));
  const workspace = Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies }).filter(
    ([, v]) => String(v).startsWith('workspace:'),
  );
  report(
    missing.length === 0 && workspace.length === 0,
    `tarball @vigil/${name}: entry points packed, dependencies resolved`,
    [
      missing.length ? `missing ${missing.join(', ')}` : `${packed.size} files`,
      workspace.length ? `left: ${workspace.map(([k, v]) => `${k}@${v}`).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  );
  for (const bin of targets(manifest.bin ?? {})) {
    const path = bin.replace(/^\.\//, '');
    const line = listing.out.split('\n').find((l) => l.endsWith(`package/${path}`)) ?? '';
    const text = sh('tar', ['-xzOf', file, `package/${path}`]).out;
    report(
      /^-rwx/.test(line) && text.startsWith('#!/usr/bin/env node\n'),
      `tarball @vigil/${name}: bin ${path} is executable with a node shebang`,
      line.split(/\s+/)[0],
    );
  }
}

// 4. Install the tarballs into an empty project.
writeFileSync(
  join(project, 'package.json'),
  `${JSON.stringify({ name: 'vigil-pack-check', version: '0.0.0', private: true }, null, 2)}\n`,
);
const installStarted = Date.now();
const install = sh(
  npm,
  ['install', '--no-audit', '--no-fund', '--loglevel=error', '--foreground-scripts=false', ...files.values()],
  // better-sqlite3 compiles from source when no prebuilt binary can be downloaded; JOBS lets node-gyp
  // compile its two translation units in parallel.
  { cwd: project, env: { JOBS: 'max', ...process.env, npm_config_update_notifier: 'false' } },
);
if (!install.ok) fatal(`npm install of the tarballs (exit ${install.status})`, install.out);
const installSeconds = ((Date.now() - installStarted) / 1000).toFixed(0);
const installed = PACKAGES.map((p) =>
  JSON.parse(readFileSync(join(project, 'node_modules/@vigil', p, 'package.json'), 'utf8')),
);
report(
  true,
  `npm install into an empty project (${installSeconds} s)`,
  installed.map((m) => `${m.name}@${m.version}`).join(', '),
);

// 5. Fixtures: a tiny made-up dataset (valid, and an inflated copy), a tiny STIX bundle.
const dataset = {
  schemaVersion: '1.0',
  id: 'dataset--pack-check',
  title: 'Pack check case (made up)',
  marking: { tlp: 'clear' },
  sources: [
    {
      id: 'source--pack-check-intake',
      kind: 'interview',
      publisher: 'Example helpline (made up)',
      title: 'Intake notes',
      date: { value: '2026-03-02' },
      reliability: 'B',
    },
  ],
  organizations: [
    { id: 'organization--pack-check-lab', name: 'Example lab (made up)', kind: 'forensic-lab' },
  ],
  persons: [
    {
      id: 'person--pack-check-a',
      pseudonym: 'Reporter A',
      realName: 'Zorvanna Quillet',
      roles: ['journalist'],
      consent: { status: 'given' },
      // The record is AMBER, so a public report shows the pseudonym and never the real name.
      marking: { tlp: 'amber' },
    },
  ],
  devices: [
    { id: 'device--pack-check-phone', kind: 'smartphone', platform: 'ios', user: 'person--pack-check-a' },
  ],
  findings: [
    {
      id: 'finding--pack-check-phone',
      device: 'device--pack-check-phone',
      performedBy: 'organization--pack-check-lab',
      tool: { name: 'vigil check', version: '0.0.0' },
      outcome: 'infected',
      citations: [{ source: 'source--pack-check-intake' }],
    },
  ],
  targeting: [
    {
      id: 'targeting--pack-check-a',
      person: 'person--pack-check-a',
      claimedLevel: 'infected',
      bases: [{ kind: 'finding', finding: 'finding--pack-check-phone' }],
    },
  ],
};
const inflated = {
  ...dataset,
  persons: [
    ...dataset.persons,
    { id: 'person--pack-check-b', pseudonym: 'Lawyer B', roles: ['lawyer'], consent: { status: 'unknown' } },
  ],
  targeting: [
    ...dataset.targeting,
    {
      id: 'targeting--pack-check-b',
      person: 'person--pack-check-b',
      claimedLevel: 'infected',
      // A listing is not a forensic finding: "infected" is more than this evidence supports.
      bases: [{ kind: 'listed', source: 'source--pack-check-intake' }],
    },
  ],
};
const ts = '2026-03-01T00:00:00.000Z';
const stix = {
  type: 'bundle',
  id: 'bundle--3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  objects: [
    {
      type: 'malware',
      spec_version: '2.1',
      id: 'malware--6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      created: ts,
      modified: ts,
      name: 'PackCheckSpy (made up)',
      is_family: true,
    },
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e',
      created: ts,
      modified: ts,
      pattern: "[domain-name:value = 'c2.pack-check.example']",
      pattern_type: 'stix',
      valid_from: ts,
    },
    {
      type: 'relationship',
      spec_version: '2.1',
      id: 'relationship--8c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f',
      created: ts,
      modified: ts,
      relationship_type: 'indicates',
      source_ref: 'indicator--7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e',
      target_ref: 'malware--6a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    },
  ],
};
writeFileSync(join(project, 'dataset.json'), JSON.stringify(dataset, null, 2));
writeFileSync(join(project, 'inflated.json'), JSON.stringify(inflated, null, 2));
writeFileSync(join(project, 'indicators.stix2'), JSON.stringify(stix, null, 2));

// 6. The same checks from `import` and from `require`. `lib` holds the six modules and `entry` how one
// of them resolved; `label` prefixes each line.
const body = String.raw`
let failed = 0;
function check(name, fn) {
  return Promise.resolve()
    .then(fn)
    .then(
      (detail) => console.log('ok   ' + label + ' ' + name + (detail ? ': ' + detail : '')),
      (error) => {
        failed++;
        console.log('FAIL ' + label + ' ' + name + ': ' + (error && error.stack ? error.stack : String(error)));
      },
    );
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}
async function main() {
  const { core, matcher, matcherNode, report, client, server, cli } = lib;
  await check('resolves the ' + condition + ' build', () => {
    for (const [name, file] of Object.entries(entries)) expect(file.endsWith(extension), name + ' resolved to ' + file);
    return Object.values(entries).map((f) => f.split('node_modules/').pop()).join(', ');
  });
  await check('@vigil/core safeParseDataset', () => {
    const good = core.safeParseDataset(fs.readFileSync('dataset.json', 'utf8'));
    expect(good.success, 'valid dataset rejected: ' + JSON.stringify(good.issues));
    const level = core.evidenceLevelOf(good.data, 'person--pack-check-a');
    expect(level === 'infected', 'ladder level ' + level);
    const bad = core.safeParseDataset(fs.readFileSync('inflated.json', 'utf8'));
    const inflation = bad.issues.find((i) => i.code === 'LEVEL_NOT_SUPPORTED');
    expect(!bad.success && inflation !== undefined, 'inflated claim not refused: ' + JSON.stringify(bad.issues));
    expect(bad.issues.every((i) => typeof i.code === 'string' && Array.isArray(i.path)), 'issue without code or path');
    let thrown;
    try {
      core.parseDataset('{"schemaVersion":"1.0"');
    } catch (error) {
      thrown = error;
    }
    expect(core.isVigilError(thrown) && thrown instanceof core.DatasetError, 'parseDataset did not throw a DatasetError');
    return 'valid case at level ' + level + '; inflated claim refused (' + inflation.code + ' at ' + inflation.path.join('.') + ')';
  });
  let m;
  await check('@vigil/matcher loadIndicators + createMatcher + match', () => {
    const set = matcher.loadIndicators(fs.readFileSync('indicators.stix2'), { file: 'indicators.stix2' });
    expect(set.indicators.length === 1, set.indicators.length + ' indicators, diagnostics ' + JSON.stringify(set.diagnostics));
    m = matcher.createMatcher([set]);
    const hits = m.match({ type: 'url', value: 'https://cdn.C2.pack-check.example:8443/x?y' });
    expect(hits.length === 1 && hits[0].rule === 'subdomain', 'hits ' + JSON.stringify(hits));
    expect(hits[0].indicator.provenance.stixId === 'indicator--7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', 'provenance');
    expect(m.match({ type: 'domain', value: 'notc2.pack-check.example' }).length === 0, 'matched a non-subdomain');
    return 'subdomain match with provenance ' + hits[0].indicator.provenance.stixId;
  });
  await check('@vigil/matcher/node matchLines + createBulkMatcher (worker thread)', async () => {
    const lines = new TextEncoder().encode('https://safe.example/\nhttps://c2.pack-check.example/a\n');
    const hits = matcherNode.matchLines(m, lines);
    expect(hits.length === 1 && hits[0].line === 2, 'matchLines ' + JSON.stringify(hits));
    const bulk = await matcherNode.createBulkMatcher(m, { workers: 1 });
    try {
      const bulkHits = await bulk.match(lines);
      expect(bulkHits.length === 1 && bulkHits[0].line === 2, 'bulk ' + JSON.stringify(bulkHits));
    } finally {
      await bulk.close();
    }
    return 'line 2 matched on the calling thread and on a worker';
  });
  await check('@vigil/report renderReport (markdown, public)', async () => {
    const data = core.parseDataset(fs.readFileSync('dataset.json', 'utf8'));
    const out = await report.renderReport(data, {
      audience: 'public',
      format: 'markdown',
      lang: 'en',
      secret: 'pack-check-secret-0123456789',
    });
    expect(typeof out.content === 'string' && out.content.length > 0, 'empty report');
    expect(out.content.includes('Pack check case (made up)'), 'title missing from the report');
    expect(out.content.includes('Reporter A'), 'pseudonym missing from the report');
    expect(!out.content.includes('Zorvanna'), 'real name leaked into the public report');
    expect(/^[0-9a-f]{64}$/.test(out.sha256), 'sha256 ' + out.sha256);
    return out.filename + ', ' + out.content.length + ' chars, ' + out.mediaType + ', pseudonym shown, real name withheld';
  });
  await check('@vigil/client createTaxiiClient -> @vigil/server createServer (discovery)', async () => {
    const registry = server.createServer({
      database: ':memory:',
      keys: [{ key: 'pack-check-key-0001', organization: 'organization--pack-check-lab', role: 'admin' }],
      title: 'Pack check registry',
    });
    const running = await registry.listen({ host: '127.0.0.1', port: 0 });
    try {
      const taxii = client.createTaxiiClient({ url: running.url + '/taxii2/', auth: { token: 'pack-check-key-0001' } });
      const discovery = await taxii.discover();
      expect(discovery.title === 'Pack check registry', 'title ' + discovery.title);
      const root = discovery.default ?? discovery.api_roots?.[0];
      expect(typeof root === 'string' && root.startsWith(running.url), 'api root ' + root);
      const collections = await taxii.collections(root);
      expect(collections.length > 0, 'no collections');
      let denied;
      try {
        await client.createTaxiiClient({ url: running.url + '/taxii2/', auth: { token: 'wrong-key-0000' } }).discover();
      } catch (error) {
        denied = error;
      }
      expect(core.isVigilError(denied) && denied.status === 401, 'a wrong key was not refused with a typed 401: ' + denied);
      return 'root ' + root.slice(running.url.length) + ', ' + collections.length + ' collection(s), wrong key -> ' + denied.code;
    } finally {
      await running.close();
      await registry.close();
    }
  });
  await check('@vigil/cli exportRules', () => {
    const rules = cli.exportRules([{ type: 'domain', value: 'c2.pack-check.example' }], { format: 'hosts' });
    expect(rules.text.includes('c2.pack-check.example'), 'hosts output ' + rules.text);
    expect(typeof cli.runCli === 'function' && cli.EXIT_CODES !== undefined, 'runCli/EXIT_CODES missing');
    return 'hosts rule written';
  });
  if (failed > 0) process.exitCode = 1;
}
main().catch((error) => {
  console.log('FAIL ' + label + ' crashed: ' + (error && error.stack ? error.stack : String(error)));
  process.exitCode = 1;
});
`;
const names = {
  core: '@vigil/core',
  matcher: '@vigil/matcher',
  matcherNode: '@vigil/matcher/node',
  report: '@vigil/report',
  client: '@vigil/client',
  server: '@vigil/server',
  cli: '@vigil/cli',
};
writeFileSync(
  join(project, 'check.mjs'),
  [
    "import * as fs from 'node:fs';",
    ...Object.entries(names).map(([k, n]) => `import * as ${k} from '${n}';`),
    `const lib = { ${Object.keys(names).join(', ')} };`,
    `const entries = { ${Object.entries(names)
      .map(([k, n]) => `${k}: import.meta.resolve('${n}')`)
      .join(', ')} };`,
    "const label = 'esm'; const condition = 'import'; const extension = '.js';",
    body,
  ].join('\n'),
);
writeFileSync(
  join(project, 'check.cjs'),
  [
    "'use strict';",
    "const fs = require('node:fs');",
    `const lib = { ${Object.entries(names)
      .map(([k, n]) => `${k}: require('${n}')`)
      .join(', ')} };`,
    `const entries = { ${Object.entries(names)
      .map(([k, n]) => `${k}: require.resolve('${n}')`)
      .join(', ')} };`,
    "const label = 'cjs'; const condition = 'require'; const extension = '.cjs';",
    body,
  ].join('\n'),
);
for (const script of ['check.mjs', 'check.cjs']) {
  const run = sh(process.execPath, [script], { cwd: project, timeout: 60_000 });
  const text = run.out.trim();
  if (text) console.log(text);
  const lineFailures = (text.match(/^FAIL /gm) ?? []).length;
  failures += lineFailures;
  if (!run.ok && lineFailures === 0) report(false, `node ${script} (exit ${run.status})`);
}

// 7. The installed bin: spawned directly, so the shebang and the executable bit are what run it.
const vigil = join(project, 'node_modules/.bin/vigil');
const binTarget = join(project, 'node_modules/@vigil/cli/dist/bin.js');
report(
  existsSync(vigil) && (statSync(binTarget).mode & 0o111) !== 0,
  'bin: node_modules/.bin/vigil installed, dist/bin.js executable',
);
const help = sh(vigil, ['--help'], { cwd: project, timeout: 30_000 });
report(
  help.ok && /validate/.test(help.out) && /report/.test(help.out),
  'bin: vigil --help',
  `exit ${help.status}`,
);
if (!help.ok) console.log(tail(help.out));
const valid = sh(vigil, ['validate', 'dataset.json'], { cwd: project, timeout: 30_000 });
report(valid.status === 0, 'bin: vigil validate dataset.json exits 0', `exit ${valid.status}`);
if (valid.status !== 0) console.log(tail(valid.out));
const invalid = sh(vigil, ['validate', 'inflated.json'], { cwd: project, timeout: 30_000 });
report(
  invalid.status === 2 &&
    /targeting\[1\]/.test(invalid.out) &&
    /LEVEL_NOT_SUPPORTED/.test(invalid.out) &&
    !/\n\s+at /.test(invalid.out),
  'bin: vigil validate inflated.json exits 2 and names the path',
  `exit ${invalid.status}`,
);
if (invalid.status !== 2) console.log(tail(invalid.out));

finish();
