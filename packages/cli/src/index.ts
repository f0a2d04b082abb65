/**
 * @vigil/cli. The vigil command: update indicators, check MVT results and artifacts, validate cases, render reports, serve the registry.
 *
 * @packageDocumentation
 */

/** The version of this package's public API. */
export const VERSION = '0.0.0';
