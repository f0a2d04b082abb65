import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { datasetJsonSchema } from './dataset-json-schema.js';
import { sampleDataset } from './internal/fixtures.js';

const committed = new URL('../schema/dataset.schema.json', import.meta.url);
const example = new URL('../../../examples/coalition-letter/dataset.json', import.meta.url);

function validator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(datasetJsonSchema());
}

describe('datasetJsonSchema', () => {
  it('matches the committed schema/dataset.schema.json (run scripts/write-json-schema.ts if not)', () => {
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(datasetJsonSchema());
  });

  it('accepts the sample and the example dataset', () => {
    const validate = validator();
    expect(validate(sampleDataset()), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(readFileSync(example, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the zod schema rejects: unknown enum values, unknown keys, a bad id', () => {
    const validate = validator();
    expect(validate({ ...sampleDataset(), marking: { tlp: 'purple' } })).toBe(false);
    expect(validate({ ...sampleDataset(), extra: 1 })).toBe(false);
    expect(validate({ ...sampleDataset(), id: 'no id' })).toBe(false);
  });
});
