/**
 * @vigil/matcher. Indicators of compromise for Vigil: loaders (STIX 2.1, MVT, Echap, lists), the STIX 2.1 patterning language and a fast compiled index.
 *
 * @packageDocumentation
 */

/** The version of this package's public API. */
export const VERSION = '0.0.0';
