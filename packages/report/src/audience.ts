import type { Tlp } from '@vigil/core';

/**
 * The readers a report can be rendered for, from the most to the least restricted disclosure:
 * - `public`: the world (TLP:CLEAR);
 * - `partners`: peer labs, helplines, coalition members (TLP:GREEN or TLP:AMBER);
 * - `internal`: the lab itself (TLP:AMBER+STRICT);
 * - `victim`: the targeted person's own copy (TLP:RED, one named recipient);
 * - `un-submission`: the fields of a communication to the UN Special Procedures, with per-field
 *   confidentiality and consent.
 *
 * @example
 * ```ts
 * import { AUDIENCES } from '@vigil/report';
 *
 * for (const audience of AUDIENCES) console.log(audience);
 * ```
 */
export const AUDIENCES = ['public', 'partners', 'internal', 'victim', 'un-submission'] as const;

/**
 * One audience, see {@link AUDIENCES}.
 *
 * @example
 * ```ts
 * import type { Audience } from '@vigil/report';
 *
 * const audience: Audience = 'partners';
 * ```
 */
export type Audience = (typeof AUDIENCES)[number];

/**
 * The TLP 2.0 level a report for each audience is marked with (for `partners`, the default; a report can
 * be made GREEN with `partnerTlp`). `un-submission` is not a TLP audience: its pack is marked AMBER and each
 * field carries its own confidentiality.
 *
 * @example
 * ```ts
 * import { AUDIENCE_TLP } from '@vigil/report';
 *
 * AUDIENCE_TLP.public; // 'clear'
 * ```
 */
export const AUDIENCE_TLP: { readonly [A in Audience]: Tlp } = {
  public: 'clear',
  partners: 'amber',
  internal: 'amber+strict',
  victim: 'red',
  'un-submission': 'amber',
};

/**
 * Tells whether a string names an audience.
 *
 * @example
 * ```ts
 * import { isAudience } from '@vigil/report';
 *
 * isAudience('public'); // true
 * isAudience('everyone'); // false
 * ```
 */
export function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}
