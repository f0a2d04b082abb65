import type { Dataset } from '@vigil/core';
import { expectTypeOf, test } from 'vitest';
import type { RedactedCase } from './redacted-case.js';
import { renderRedactedCase } from './render-report.js';

test('renderers accept only a RedactedCase, never a raw Dataset or a look-alike', () => {
  expectTypeOf(renderRedactedCase).parameter(0).toEqualTypeOf<RedactedCase>();
  expectTypeOf<Dataset>().not.toMatchTypeOf<RedactedCase>();
  type LookAlike = Omit<RedactedCase, typeof import('./redacted-case.js').REDACTED_CASE>;
  expectTypeOf<LookAlike>().not.toMatchTypeOf<RedactedCase>();
  // @ts-expect-error a raw dataset cannot be rendered
  void renderRedactedCase({} as Dataset, { format: 'markdown', lang: 'en' });
});
