#!/usr/bin/env node
// Typechecks and runs every example: `tsc -p examples/<task>` then
// `tsx --conditions=@vigil/source examples/<task>/index.ts`. One result line per example, in name order;
// exit 1 on any failure. Folders without an index.ts (data such as device-artifacts and coalition-letter)
// are listed as data. Two examples run at a time (VIGIL_EXAMPLES_JOBS to change); `node scripts/examples.mjs
// <task>...` runs only those.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);
const jobs = Math.max(1, Number(process.env.VIGIL_EXAMPLES_JOBS ?? 2) || 1);
const dirs = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, VIGIL_EXAMPLE: '1' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 'spawn error', output: `${output}${error.message}\n` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, output });
    });
  });
}

async function example(name) {
  if (!existsSync(join(root, 'examples', name, 'index.ts')))
    return { ok: null, line: `data  ${name} (no index.ts)` };
  const started = Date.now();
  const tsc = await run(bin('tsc'), ['-p', join('examples', name)]);
  const indent = (text) => text.trim().replace(/^/gmu, '      ');
  if (tsc.code !== 0)
    return { ok: false, line: `FAIL  ${name}: typecheck (exit ${tsc.code})\n${indent(tsc.output)}` };
  const tsx = await run(bin('tsx'), ['--conditions=@vigil/source', join('examples', name, 'index.ts')]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (tsx.code !== 0)
    return { ok: false, line: `FAIL  ${name}: run (exit ${tsx.code}, ${seconds} s)\n${indent(tsx.output)}` };
  const last = tsx.output.trim().split('\n').at(-1) ?? '';
  return { ok: true, line: `ok    ${name} (${seconds} s): ${last}` };
}

const results = new Array(dirs.length);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(jobs, dirs.length) }, async () => {
    while (next < dirs.length) {
      const i = next++;
      results[i] = await example(dirs[i]);
    }
  }),
);
for (const r of results) console.log(r.line);
const passed = results.filter((r) => r.ok === true).length;
const failed = results.filter((r) => r.ok === false).length;
console.log(`\nExamples: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
