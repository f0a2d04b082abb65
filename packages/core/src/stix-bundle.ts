/**
 * A STIX 2.1 object as Vigil writes and reads it: the common properties are typed, the rest is open.
 *
 * @example
 * ```ts
 * import type { StixObject } from '@vigil/core';
 *
 * const malware: StixObject = {
 *   type: 'malware', spec_version: '2.1', id: 'malware--2ed6657d-e927-568b-95e1-2665a8aea6a2',
 *   created: '2021-09-30T00:00:00.000Z', modified: '2021-09-30T00:00:00.000Z', name: 'ExampleSpy', is_family: true,
 * };
 * ```
 */
export type StixObject = {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  created_by_ref?: string;
  object_marking_refs?: string[];
  external_references?: StixExternalReference[];
  [property: string]: unknown;
};

/**
 * A STIX 2.1 external reference.
 *
 * @example
 * ```ts
 * import type { StixExternalReference } from '@vigil/core';
 *
 * const ref: StixExternalReference = { source_name: 'vigil', external_id: 'person--p1' };
 * ```
 */
export type StixExternalReference = {
  source_name: string;
  description?: string;
  url?: string;
  external_id?: string;
};

/**
 * A STIX 2.1 bundle.
 *
 * @example
 * ```ts
 * import type { StixBundle } from '@vigil/core';
 *
 * const empty: StixBundle = { type: 'bundle', id: 'bundle--2ed6657d-e927-568b-95e1-2665a8aea6a2', objects: [] };
 * ```
 */
export type StixBundle = { type: 'bundle'; id: string; objects: StixObject[] };
