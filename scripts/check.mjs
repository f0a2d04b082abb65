#!/usr/bin/env node
// Runs every quality gate in CI order and ends with one line: `Total: N passed, N failed`.
// Tests are counted one by one from vitest's JSON report; every other gate counts as one check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// pnpm 12 is a native executable; older ones are JavaScript run by node.
const execpath = process.env.npm_execpath ?? '';
const pnpm = !execpath.includes('pnpm')
  ? ['npx', '-y', 'pnpm@12.4.2']
  : /\.[cm]?js$/.test(execpath)
    ? [process.execPath, execpath]
    : [execpath];

let passed = 0;
let failed = 0;
const failures = [];
/** Failed tests, repeated at the end of the run so that a log's last screen says what failed and how. */
const failedTests = [];

function run(name, cmd, args, options = {}) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  const ok = result.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`}`);
  return ok;
}

function gate(name, args) {
  if (run(name, pnpm[0], [...pnpm.slice(1), ...args])) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

// Changesets: each file must keep its front matter (Biome's Markdown formatter once turned it into a heading,
// which `changeset version` then refuses at release time). Checked here, without git, on every run.
{
  console.log('\n=== changesets: front matter of .changeset/*.md');
  const names = new Set(
    readdirSync('packages').map(
      (d) => JSON.parse(readFileSync(join('packages', d, 'package.json'), 'utf8')).name,
    ),
  );
  const problems = [];
  for (const f of readdirSync('.changeset').filter((x) => x.endsWith('.md') && x !== 'README.md')) {
    const text = readFileSync(join('.changeset', f), 'utf8');
    const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
    const lines = m === null ? [] : m[1].split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length === 0) problems.push(`${f}: no front matter naming a package and a bump`);
    for (const line of lines) {
      const r = /^["']?(@?[\w./-]+)["']?:\s*(major|minor|patch)\s*$/.exec(line);
      if (r === null) problems.push(`${f}: not "package": major|minor|patch: ${line}`);
      else if (!names.has(r[1])) problems.push(`${f}: no package named ${r[1]}`);
    }
  }
  for (const p of problems) console.log(`  ${p}`);
  console.log(`=== changesets: ${problems.length === 0 ? 'ok' : 'FAILED'}`);
  if (problems.length === 0) passed++;
  else {
    failed++;
    failures.push('changesets');
  }
}

gate('typecheck', ['run', 'typecheck']);
gate('lint', ['run', 'lint']);

// vitest: count individual tests.
const report = join(mkdtempSync(join(tmpdir(), 'vigil-vitest-')), 'report.json');
const vitestOk = run('test', pnpm[0], [
  ...pnpm.slice(1),
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  const total = json.numTotalTests ?? 0;
  for (const file of json.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      // fast-check's message names the seed and path that replay the failure: keep its first lines.
      const message = (test.failureMessages ?? []).join('\n').split('\n').slice(0, 12).join('\n    ');
      failedTests.push(`${file.name.replace(`${process.cwd()}/`, '')} > ${test.fullName}\n    ${message}`);
    }
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0)
      failedTests.push(`${file.name.replace(`${process.cwd()}/`, '')}: ${file.message ?? 'suite failed'}`);
  }
  if (!vitestOk && (json.numFailedTests ?? 0) === 0) {
    failed++;
    failures.push('test (suite error)');
  }
  if (total === 0) {
    failed++;
    failures.push('test (no tests ran)');
  }
} else {
  failed++;
  failures.push('test (no report)');
}

gate('build', ['run', 'build']);
gate('check:pkg', ['run', 'check:pkg']);
// The packed tarballs, installed with npm into an empty project, used from import and require.
if (run('pack', process.execPath, ['scripts/pack-check.mjs'])) passed++;
else {
  failed++;
  failures.push('pack');
}
gate('docs', ['run', 'docs']);
if (existsSync('examples') && existsSync('scripts/examples.mjs')) {
  if (run('examples', process.execPath, ['scripts/examples.mjs'])) passed++;
  else {
    failed++;
    failures.push('examples');
  }
}

if (failedTests.length > 0) console.log(`\nFailed tests:\n${failedTests.map((t) => `  ${t}`).join('\n')}`);
if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\nTotal: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
