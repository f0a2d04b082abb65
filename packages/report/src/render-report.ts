import type { Dataset } from '@vigil/core';
import { safeParseDataset } from '@vigil/core';
import { render as renderFormat } from './internal/render-format.js';
import type { ReportLanguage } from './messages.js';
import type { RedactOptions } from './redact.js';
import { redactCase } from './redact.js';
import type { RedactedCase } from './redacted-case.js';
import { ReportError } from './report-error.js';

/**
 * The output formats: `markdown` (GFM), `html` (self-contained page), `pdf` (that page printed by headless
 * Chromium), `csv` (the timeline), `json` (canonical, versioned), `stix` (STIX 2.1 bundle), `misp` (MISP event).
 *
 * @example
 * ```ts
 * import { REPORT_FORMATS } from '@vigil/report';
 *
 * REPORT_FORMATS.includes('stix'); // true
 * ```
 */
export const REPORT_FORMATS = ['markdown', 'html', 'pdf', 'csv', 'json', 'stix', 'misp'] as const;

/**
 * One output format, see {@link REPORT_FORMATS}.
 *
 * @example
 * ```ts
 * import type { ReportFormat } from '@vigil/report';
 *
 * const format: ReportFormat = 'html';
 * ```
 */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Options of {@link renderRedactedCase}.
 *
 * @example
 * ```ts
 * import type { RenderOptions } from '@vigil/report';
 *
 * const options: RenderOptions = { format: 'markdown', lang: 'fr' };
 * ```
 */
export interface RenderOptions {
  /** The output format. */
  readonly format: ReportFormat;
  /** The language of the fixed text. */
  readonly lang: ReportLanguage;
  /** The date of this version (`YYYY-MM-DD`), shown and used as the STIX/MISP timestamp; default: the latest date in the case. Injected, never read from a clock. */
  readonly date?: string;
  /**
   * Path of the Chromium executable for `pdf`.
   * @default '/usr/bin/chromium'
   */
  readonly chromiumPath?: string;
}

/**
 * Options of {@link renderReport}: the redaction options and the render options.
 *
 * @example
 * ```ts
 * import type { RenderReportOptions } from '@vigil/report';
 *
 * const options: RenderReportOptions = { audience: 'public', format: 'html', lang: 'ar', secret: 'per-case secret of 16+ chars' };
 * ```
 */
export type RenderReportOptions = RedactOptions & RenderOptions;

/**
 * A rendered report: the bytes or text, its media type and a file name (made of the opaque case reference,
 * the audience and the language: no name or local path).
 *
 * @example
 * ```ts
 * import type { RenderedReport } from '@vigil/report';
 *
 * declare const report: RenderedReport;
 * console.log(report.filename, report.mediaType);
 * ```
 */
export interface RenderedReport {
  /** Text for every format except `pdf` (bytes). */
  readonly content: string | Uint8Array;
  /** The IANA media type. */
  readonly mediaType: string;
  /** A safe file name. */
  readonly filename: string;
  /** Lower-case hex SHA-256 of the content (UTF-8 for text), for a provenance manifest. */
  readonly sha256: string;
}

/**
 * Renders a case for an audience, in a format and a language. The dataset is parsed and checked with
 * `@vigil/core`'s schema and integrity rules first (refused with its issues listed), projected with {@link redactCase}, rendered, and
 * every output goes through the leak gate ({@link assertNoLeak}) before it is returned.
 *
 * @throws {@link ReportError} `INTEGRITY_ERROR` (with `issues`), `INVALID_OPTIONS`, `AUDIENCE_REFUSED`,
 * `LEAK_DETECTED`, `PDF_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * import { renderReport } from '@vigil/report';
 * import { parseDataset } from '@vigil/core';
 *
 * declare const json: string;
 * const report = await renderReport(parseDataset(json), {
 *   audience: 'public',
 *   format: 'markdown',
 *   lang: 'en',
 *   secret: 'per-case secret of 16+ chars',
 * });
 * console.log(report.content);
 * ```
 */
export async function renderReport(dataset: Dataset, options: RenderReportOptions): Promise<RenderedReport> {
  // Parse again rather than trust the static type: JavaScript callers may pass raw JSON, and a dataset must
  // pass the schema and the integrity rules before anything is rendered.
  const parsed = safeParseDataset(dataset);
  const issues = parsed.issues.filter((issue) => issue.severity === 'error');
  if (!parsed.success || issues.length > 0) {
    throw new ReportError(
      'INTEGRITY_ERROR',
      `The dataset fails ${issues.length} schema or integrity rule(s): ${issues
        .slice(0, 5)
        .map((i) => `${i.code} at ${i.path.join('.')}`)
        .join('; ')}${issues.length > 5 ? '; ...' : ''}`,
      { issues },
    );
  }
  const view = redactCase(parsed.data, options);
  return renderRedactedCase(view, options);
}

/**
 * Renders an already redacted case (see {@link redactCase}); the leak gate runs on the output.
 *
 * @throws {@link ReportError} `INVALID_OPTIONS` (not a RedactedCase, unknown format or language),
 * `LEAK_DETECTED`, `PDF_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * import { redactCase, renderRedactedCase } from '@vigil/report';
 * import type { Dataset } from '@vigil/core';
 *
 * declare const dataset: Dataset;
 * const view = redactCase(dataset, { audience: 'partners', secret: 'per-case secret of 16+ chars' });
 * const csv = await renderRedactedCase(view, { format: 'csv', lang: 'es' });
 * ```
 */
export async function renderRedactedCase(
  view: RedactedCase,
  options: RenderOptions,
): Promise<RenderedReport> {
  return renderFormat(view, options);
}
