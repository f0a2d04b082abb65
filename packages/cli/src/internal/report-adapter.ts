/**
 * Everything the CLI asks of @vigil/report, in one place.
 */

import type { Dataset } from '@vigil/core';
import { VigilError } from '@vigil/core';

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

interface ReportModule {
  renderReport?: (dataset: Dataset, options: Record<string, unknown>) => unknown;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  markdown: 'md',
  md: 'md',
  html: 'html',
  pdf: 'pdf',
  csv: 'csv',
  json: 'json',
  stix: 'stix.json',
  stix2: 'stix.json',
  misp: 'misp.json',
};

/** True when @vigil/report provides `renderReport`. */
export async function reportAvailable(): Promise<boolean> {
  const mod = (await import('@vigil/report')) as unknown as ReportModule;
  return typeof mod.renderReport === 'function';
}

/** Renders a report with @vigil/report. */
export async function render(dataset: Dataset, request: RenderRequest): Promise<RenderedReport> {
  const mod = (await import('@vigil/report')) as unknown as ReportModule;
  if (typeof mod.renderReport !== 'function')
    throw new VigilError(
      'UNSUPPORTED',
      'report rendering is not available yet: @vigil/report does not export renderReport',
    );
  const options: Record<string, unknown> = {
    audience: request.audience,
    format: request.format,
    lang: request.lang,
    secret: request.secret,
  };
  if (request.person !== undefined) options.person = request.person;
  if (request.date !== undefined) options.date = request.date;
  const out = (await mod.renderReport(dataset, options)) as unknown;
  const extension = EXTENSIONS[request.format] ?? request.format;
  if (typeof out === 'string' || out instanceof Uint8Array) return { content: out, extension };
  const o = out as { content?: unknown; text?: unknown; bytes?: unknown; body?: unknown } | null;
  const content = o?.content ?? o?.text ?? o?.bytes ?? o?.body;
  if (typeof content === 'string' || content instanceof Uint8Array) return { content, extension };
  throw new VigilError('UNSUPPORTED', 'renderReport returned a value the CLI cannot write');
}
