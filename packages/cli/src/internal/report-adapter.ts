/**
 * Everything the CLI asks of @vigil/report, in one place.
 */
import type { Dataset } from '@vigil/core';
import { VigilError } from '@vigil/core';
import {
  AUDIENCES,
  isAudience,
  REPORT_FORMATS,
  REPORT_LANGUAGES,
  type ReportFormat,
  type ReportLanguage,
  renderReport,
} from '@vigil/report';

/** One rendered report. */
export interface RenderedReport {
  readonly content: string | Uint8Array;
  /** File extension without the dot. */
  readonly extension: string;
}

export interface RenderRequest {
  readonly audience: string;
  readonly format: string;
  readonly lang: string;
  readonly person?: string;
  /** The per-case secret keying pseudonymous codes (16+ characters). */
  readonly secret: string;
  /** The report's date (`YYYY-MM-DD`); the latest date in the case by default. */
  readonly date?: string;
}

export const EXTENSIONS: Readonly<Record<ReportFormat, string>> = {
  markdown: 'md',
  html: 'html',
  pdf: 'pdf',
  csv: 'csv',
  json: 'json',
  stix: 'stix.json',
  misp: 'misp.json',
};

export { AUDIENCES, REPORT_FORMATS, REPORT_LANGUAGES };

function isFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

function isLanguage(value: string): value is ReportLanguage {
  return (REPORT_LANGUAGES as readonly string[]).includes(value);
}

/** Renders a report with @vigil/report; an unknown audience, format or language is a typed error. */
export async function render(dataset: Dataset, request: RenderRequest): Promise<RenderedReport> {
  const { audience, format, lang } = request;
  if (!isAudience(audience))
    throw new VigilError(
      'INVALID_INPUT',
      `--audience must be one of ${AUDIENCES.join(', ')} (got ${JSON.stringify(audience)})`,
    );
  if (!isFormat(format))
    throw new VigilError(
      'INVALID_INPUT',
      `--format must be one of ${REPORT_FORMATS.join(', ')} (got ${JSON.stringify(format)})`,
    );
  if (!isLanguage(lang))
    throw new VigilError(
      'INVALID_INPUT',
      `--lang must be one of ${REPORT_LANGUAGES.join(', ')} (got ${JSON.stringify(lang)})`,
    );
  const out = await renderReport(dataset, {
    audience,
    format,
    lang,
    secret: request.secret,
    ...(request.person === undefined ? {} : { person: request.person }),
    ...(request.date === undefined ? {} : { date: request.date }),
  });
  return { content: out.content, extension: EXTENSIONS[format] };
}
