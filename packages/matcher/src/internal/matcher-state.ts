import type { Diagnostic, Indicator } from '../indicator.js';
import type { IndexData } from './fast-index.js';

/** What `serializeMatcher` and the bulk path need from a matcher, kept out of its public shape. */
export interface MatcherState {
  readonly data: IndexData;
  readonly indicatorAt: (id: number) => Indicator;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A registered symbol rather than a module-level WeakMap: the state stays reachable when the package is
 * bundled into several entry points (`@vigil/matcher` and `@vigil/matcher/node`, ESM and CJS).
 */
const STATE = Symbol.for('@vigil/matcher.state');

export const matcherStates = {
  get(matcher: object): MatcherState | undefined {
    return (matcher as { [STATE]?: MatcherState })[STATE];
  },
  set(matcher: object, state: MatcherState): void {
    Object.defineProperty(matcher, STATE, { value: state, enumerable: false });
  },
};
