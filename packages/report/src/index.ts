/**
 * @vigil/report. Vigil case reports for every audience (public, partners, victim, UN submission) in Markdown, HTML, PDF, CSV, JSON, STIX and MISP, with redaction that fails closed.
 *
 * @packageDocumentation
 */

/** The version of this package's public API. */
export const VERSION = '0.0.0';
