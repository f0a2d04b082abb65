// Writes schema/dataset.schema.json from the zod schemas. Run: npx tsx packages/core/scripts/write-json-schema.ts
import { writeFileSync } from 'node:fs';
import { datasetJsonSchema } from '../src/dataset-json-schema.js';

const file = new URL('../schema/dataset.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
