import type { Tlp } from './common.js';

/**
 * The id of the OASIS TLP 2.0 extension definition that STIX 2.1 marking definitions for TLP 2.0 use.
 *
 * @example
 * ```ts
 * import { TLP2_EXTENSION_ID } from '@vigil/core';
 *
 * TLP2_EXTENSION_ID; // 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d'
 * ```
 */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d' as const;

/**
 * The official STIX 2.1 marking-definition ids of the TLP 2.0 levels (OASIS `cti-stix-common-objects`).
 *
 * @example
 * ```ts
 * import { TLP_MARKING_IDS } from '@vigil/core';
 *
 * TLP_MARKING_IDS.red; // 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1'
 * ```
 */
export const TLP_MARKING_IDS: { readonly [K in Tlp]: string } = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/**
 * A STIX 2.1 TLP 2.0 marking definition, as published by OASIS.
 *
 * @example
 * ```ts
 * import type { StixTlpMarkingDefinition } from '@vigil/core';
 *
 * const amber: StixTlpMarkingDefinition | undefined = undefined;
 * ```
 */
export type StixTlpMarkingDefinition = {
  type: 'marking-definition';
  spec_version: '2.1';
  id: string;
  created: string;
  name: string;
  extensions: Record<string, { extension_type: 'property-extension'; tlp_2_0: Tlp }>;
};

/**
 * The STIX 2.1 marking-definition object for a TLP 2.0 level (official id, created 2022-10-01, the TLP 2.0
 * property extension).
 *
 * @example
 * ```ts
 * import { tlpMarkingDefinition } from '@vigil/core';
 *
 * tlpMarkingDefinition('amber+strict').name; // 'TLP:AMBER+STRICT'
 * ```
 */
export function tlpMarkingDefinition(tlp: Tlp): StixTlpMarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}

/**
 * The TLP 2.0 level of a STIX marking-definition id (TLP 2.0 ids, and the TLP 1.0 ids mapped to their 2.0
 * level: WHITE to CLEAR), or `undefined` for any other marking.
 *
 * @example
 * ```ts
 * import { tlpOfMarkingId } from '@vigil/core';
 *
 * tlpOfMarkingId('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'); // 'green'
 * ```
 */
export function tlpOfMarkingId(id: string): Tlp | undefined {
  for (const [tlp, markingId] of Object.entries(TLP_MARKING_IDS)) if (markingId === id) return tlp as Tlp;
  const tlp1: Record<string, Tlp> = {
    'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
    'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
    'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
    'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
  };
  return tlp1[id];
}
