import { describe, expectTypeOf, it } from 'vitest';
import type { IndicatorSet, IndicatorType } from './indicator.js';
import { type IndicatorFormat, type LoadIndicatorsOptions, loadIndicators } from './load-indicators.js';
import { loadMvtIndex, type MvtIndex } from './load-mvt-index.js';
import { type NormalizeResult, normalizeIndicatorValue } from './normalize.js';

describe('loader types', () => {
  it('loadIndicators takes a string or bytes and returns an IndicatorSet', () => {
    expectTypeOf(loadIndicators).parameter(0).toEqualTypeOf<string | Uint8Array>();
    expectTypeOf(loadIndicators('x')).toEqualTypeOf<IndicatorSet>();
    expectTypeOf(loadMvtIndex('x')).toEqualTypeOf<MvtIndex>();
    expectTypeOf<IndicatorFormat>().toEqualTypeOf<'stix2' | 'mvt-index' | 'echap-yaml' | 'list' | 'auto'>();
    expectTypeOf<LoadIndicatorsOptions['type']>().toEqualTypeOf<IndicatorType | undefined>();
    // @ts-expect-error: not a format
    loadIndicators('x', { format: 'csv' });
    // @ts-expect-error: exactOptionalPropertyTypes: undefined is not a file name
    loadIndicators('x', { file: undefined });
  });

  it('NormalizeResult narrows on ok', () => {
    const r = normalizeIndicatorValue('domain', 'evil.test');
    expectTypeOf(r).toEqualTypeOf<NormalizeResult>();
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<string>();
    else expectTypeOf(r.code).toBeString();
  });
});
