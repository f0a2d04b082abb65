import { describe, expectTypeOf, it } from 'vitest';
import type { Auth } from './http-options.js';
import type { createRegistryClient } from './registry-client.js';
import { createTaxiiClient, type Page, type TaxiiCollection } from './taxii-client.js';
import type { StixObject } from './taxii-resources.js';

describe('types', () => {
  it('types pages and iterators', () => {
    expectTypeOf<TaxiiCollection['getObjects']>().returns.resolves.toEqualTypeOf<Page<StixObject>>();
    expectTypeOf<ReturnType<TaxiiCollection['versions']>>().toEqualTypeOf<AsyncIterable<string>>();
    expectTypeOf(createTaxiiClient).parameter(0).toHaveProperty('url');
  });

  it('takes Basic or token auth, not a mix of half of each', () => {
    expectTypeOf<{ username: string; password: string }>().toExtend<Auth>();
    expectTypeOf<{ token: string }>().toExtend<Auth>();
    expectTypeOf<{ username: string }>().not.toExtend<Auth>();
  });

  it('requires a revision to update a case', () => {
    type Update = Parameters<ReturnType<typeof createRegistryClient>['updateCase']>[1];
    expectTypeOf<Update>().toHaveProperty('revision').toEqualTypeOf<number>();
  });
});
