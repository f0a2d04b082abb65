#!/usr/bin/env node
// Every exported symbol of every package has a summary and an `@example` (TypeDoc itself checks the summary,
// through `notDocumented`). Reads the JSON model that `pnpm docs` writes beside the site.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'docs/api/api.json';
const api = JSON.parse(readFileSync(file, 'utf8'));
const KINDS = new Set([32, 64, 128, 256, 2097152]); // variable, function, class, interface, type alias
const CONTAINERS = new Set([1, 2, 4]); // project, module, namespace

const hasExample = (comment) => comment?.blockTags?.some((tag) => tag.tag === '@example') === true;

let total = 0;
const missing = [];
const walk = (node, path) => {
  for (const child of node.children ?? []) {
    const here = `${path}/${child.name}`;
    if (CONTAINERS.has(child.kind)) walk(child, here);
    else if (KINDS.has(child.kind)) {
      total++;
      if (!hasExample(child.comment) && !(child.signatures ?? []).some((s) => hasExample(s.comment)))
        missing.push(here);
    }
  }
};
walk(api, '');
if (total === 0) {
  console.error(`${file}: no exported symbols found`);
  process.exit(1);
}
for (const name of missing) console.error(`no @example: ${name}`);
console.log(`${total} exported symbols, ${missing.length} without an @example`);
process.exit(missing.length === 0 ? 0 : 1);
