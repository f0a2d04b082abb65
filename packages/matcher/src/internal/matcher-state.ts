import type { Diagnostic, Indicator } from '../indicator.js';
import type { IndexData } from './fast-index.js';

/** What `serializeMatcher` needs from a matcher, kept out of its public shape. */
export interface MatcherState {
  readonly data: IndexData;
  readonly indicatorAt: (id: number) => Indicator;
  readonly diagnostics: readonly Diagnostic[];
}

export const matcherStates: WeakMap<object, MatcherState> = new WeakMap();
