#!/usr/bin/env node
// Typechecks and runs every example: `tsc -p examples/<task>` then
// `tsx --conditions=@vigil/source examples/<task>/index.ts`. One result line per example; exit 1 on any failure.
// Folders without an index.ts (data such as device-artifacts and coalition-letter) are listed as data.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);
const dirs = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

let failed = 0;
let passed = 0;
for (const name of dirs) {
  const dir = join(root, 'examples', name);
  if (!existsSync(join(dir, 'index.ts'))) {
    console.log(`data  ${name} (no index.ts)`);
    continue;
  }
  const started = Date.now();
  const tsc = spawnSync(bin('tsc'), ['-p', join('examples', name)], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (tsc.status !== 0) {
    failed++;
    console.log(`FAIL  ${name}: typecheck (exit ${tsc.status ?? tsc.signal})`);
    console.log(`${tsc.stdout}${tsc.stderr}`.trim().replace(/^/gmu, '      '));
    continue;
  }
  const run = spawnSync(bin('tsx'), ['--conditions=@vigil/source', join('examples', name, 'index.ts')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, VIGIL_EXAMPLE: '1' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed++;
    console.log(`FAIL  ${name}: run (exit ${run.status ?? run.signal}, ${seconds} s)`);
    console.log(`${run.stdout}${run.stderr}`.trim().replace(/^/gmu, '      '));
    continue;
  }
  passed++;
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  console.log(`ok    ${name} (${seconds} s): ${last}`);
}
console.log(`\nExamples: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
