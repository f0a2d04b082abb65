import { z } from 'zod';
import { DatasetSchema } from './dataset.js';

/**
 * The dataset format as a JSON Schema (draft 2020-12), for tools that do not use TypeScript. It describes the
 * JSON a dataset file may hold (collections may be omitted). The integrity rules of {@link checkDataset}
 * (references, the evidence ladder, dates, consent) are not expressible in JSON Schema and are not in it.
 * The same schema is published as `@vigil/core/schema/dataset.schema.json`.
 *
 * @returns A fresh JSON Schema object.
 *
 * @example
 * ```ts
 * import { datasetJsonSchema } from '@vigil/core';
 *
 * const schema = datasetJsonSchema();
 * console.log(schema.$schema); // 'https://json-schema.org/draft/2020-12/schema'
 * ```
 */
export function datasetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DatasetSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: 'https://github.com/vigil-project/vigil/blob/main/packages/core/schema/dataset.schema.json',
    title: 'Vigil dataset',
    description:
      'A Vigil case dataset (schema version 1.0). Integrity rules (references, evidence ladder, dates, consent) are checked by @vigil/core checkDataset, not by this schema.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}
