import type { Dataset } from '@vigil/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { CaseResource } from './case-resource.js';
import type { RunningServer } from './create-server.js';
import type { ServerConfig } from './server-config.js';
import { type StartServerOptions, startServer } from './start-server.js';

describe('types', () => {
  it('a parsed config file is valid startServer options', () => {
    expectTypeOf<ServerConfig>().toExtend<StartServerOptions>();
    expectTypeOf(startServer).returns.resolves.toEqualTypeOf<RunningServer>();
  });

  it('a case resource carries a core Dataset', () => {
    expectTypeOf<CaseResource['dataset']>().toEqualTypeOf<Dataset>();
    expectTypeOf<CaseResource['revision']>().toEqualTypeOf<number>();
  });
});
