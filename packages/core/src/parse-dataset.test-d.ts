import { describe, expectTypeOf, it } from 'vitest';
import type { Marking } from './common.js';
import type { Dataset, DatasetInput } from './dataset.js';
import { effectiveMarking } from './effective-marking.js';
import type { EvidenceLevel } from './evidence.js';
import { evidenceLevelOf, evidenceLevels } from './evidence-levels.js';
import type { Issue } from './issue.js';
import { parseDataset, safeParseDataset } from './parse-dataset.js';
import type { StixBundle } from './stix-bundle.js';
import { toStixBundle } from './to-stix-bundle.js';

describe('types', () => {
  it('safeParseDataset narrows on success', () => {
    const result = safeParseDataset('{}');
    if (result.success) {
      expectTypeOf(result.data).toEqualTypeOf<Dataset>();
      expectTypeOf(result.issues).toEqualTypeOf<Issue[]>();
    } else {
      expectTypeOf(result).not.toHaveProperty('data');
      expectTypeOf(result.issues).toEqualTypeOf<Issue[]>();
    }
    expectTypeOf(parseDataset).parameter(0).toBeUnknown();
    expectTypeOf(parseDataset).returns.toEqualTypeOf<Dataset>();
  });

  it('Issue has exactly its documented shape', () => {
    expectTypeOf<Issue['code']>().toEqualTypeOf<string>();
    expectTypeOf<Issue['path']>().toEqualTypeOf<(string | number)[]>();
    expectTypeOf<Issue['severity']>().toEqualTypeOf<'error' | 'warning'>();
  });

  it('parsed collections are always present; input collections are optional', () => {
    expectTypeOf<Dataset['persons']>().not.toBeUndefined();
    expectTypeOf<DatasetInput['persons']>().toMatchTypeOf<unknown[] | undefined>();
    // A person's roles default to [] after parsing.
    expectTypeOf<Dataset['persons'][number]['roles']>().toBeArray();
  });

  it('ladder and marking helpers', () => {
    expectTypeOf(evidenceLevels).returns.toEqualTypeOf<Map<string, EvidenceLevel>>();
    expectTypeOf(evidenceLevelOf).returns.toEqualTypeOf<EvidenceLevel | undefined>();
    expectTypeOf<EvidenceLevel>().toEqualTypeOf<
      'listed' | 'targeted' | 'infected' | 'independently-confirmed'
    >();
    expectTypeOf(effectiveMarking).returns.toEqualTypeOf<Marking>();
    expectTypeOf(toStixBundle).returns.toEqualTypeOf<StixBundle>();
  });
});
