import { describe, expectTypeOf, it } from 'vitest';
import type { ObservationExpression, Pattern } from './pattern-ast.js';
import { matchPattern, type PatternBindingSlot } from './pattern-match.js';
import { parsePattern } from './pattern-parse.js';
import { type PatternIssue, validatePattern } from './pattern-validate.js';

describe('patterning types', () => {
  it('validatePattern narrows on valid', () => {
    const r = validatePattern('[a:b = 1]');
    if (r.valid) {
      expectTypeOf(r.pattern).toEqualTypeOf<Pattern>();
    } else {
      // @ts-expect-error no tree when the pattern is not valid
      r.pattern;
    }
    expectTypeOf(r.issues).toEqualTypeOf<readonly PatternIssue[]>();
  });

  it('the tree is a discriminated union', () => {
    const e = parsePattern('[a:b = 1]').expression;
    expectTypeOf(e).toEqualTypeOf<ObservationExpression>();
    if (e.type === 'qualified')
      expectTypeOf(e.qualifiers[0]?.kind).toEqualTypeOf<'within' | 'repeats' | 'start-stop' | undefined>();
    if (e.type === 'observation-and')
      expectTypeOf(e.operands).toEqualTypeOf<readonly ObservationExpression[]>();
  });

  it('matchPattern accepts text or a tree and returns slots that may be null', () => {
    expectTypeOf(matchPattern).parameter(0).toEqualTypeOf<string | Pattern>();
    expectTypeOf(matchPattern('[a:b = 1]', []).bindings[0]?.slots).toEqualTypeOf<
      readonly (PatternBindingSlot | null)[] | undefined
    >();
  });
});
