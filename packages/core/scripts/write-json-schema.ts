// Writes schema/dataset.schema.json from the zod schemas, formatted as Biome formats it (so lint stays clean).
// Run: pnpm --filter @vigil/core schema
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { datasetJsonSchema } from '../src/dataset-json-schema.js';

const file = fileURLToPath(new URL('../schema/dataset.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
execFileSync('npx', ['biome', 'format', '--write', file], { stdio: 'inherit' });
console.log(`wrote ${file}`);
