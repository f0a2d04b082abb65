import { sha256 } from '@vigil/core';
import { assertNoLeak } from '../leak-gate.js';
import type { ReportLanguage } from '../messages.js';
import { REPORT_LANGUAGES } from '../messages.js';
import { idKeyOf, isRedactedCase, sensitiveValuesOf } from '../redact.js';
import type { RedactedCase } from '../redacted-case.js';
import type { RenderedReport, RenderOptions } from '../render-report.js';
import { ReportError } from '../report-error.js';
import { REPORT_JSON_SCHEMA_VERSION } from '../report-json-schema.js';
import { buildDocument, levelsOf } from './build-document.js';
import { canonicalJson } from './canonical-json.js';
import { toHex } from './hmac.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { buildMispEvent } from './render-misp.js';
import { htmlToPdf, pdfInfo } from './render-pdf.js';
import { asOfTimestamp, buildStixBundle } from './render-stix.js';

/** HTML that could fetch, run or link: any of these elements or attributes. */
const UNSAFE_TAG =
  /^<\/?(?:script|img|iframe|frame|link|object|embed|video|audio|source|base|form|svg|math|a|meta|style)\b/i;
const UNSAFE_ATTRIBUTE = /\s(?:src|href|srcset|action|formaction|poster|background|style|on[a-z]+)\s*=/i;

/**
 * Runtime check of the HTML body (case data is always escaped, so no element or attribute of these kinds can
 * come from it). Markdown safety is by construction (an mdast tree serialised by mdast-util-to-markdown) and
 * proved by the parse-back property test.
 */
function assertSafeHtml(content: string): void {
  // Every tag of the body comes from the renderer (case data has its `<` escaped): check the tags only.
  const body = content.replace(/^[\s\S]*?<body>/, '');
  const tags = body.match(/<[^>]*>/g) ?? [];
  if (tags.some((tag) => UNSAFE_TAG.test(tag) || UNSAFE_ATTRIBUTE.test(tag))) {
    throw new ReportError(
      'UNSAFE_OUTPUT',
      'The HTML output would load, run or link something; nothing was returned',
    );
  }
}

export async function render(view: RedactedCase, options: RenderOptions): Promise<RenderedReport> {
  if (!isRedactedCase(view))
    throw new ReportError('INVALID_OPTIONS', 'Renderers accept only a RedactedCase made by redactCase()');
  const lang = options.lang as ReportLanguage;
  if (!(REPORT_LANGUAGES as readonly string[]).includes(lang))
    throw new ReportError('INVALID_OPTIONS', `Unsupported language: ${String(lang)}`);
  const sensitive = sensitiveValuesOf(view);
  const base = `vigil-${view.ref}-${view.audience}-${lang}`;
  const gate = (content: string, extra: string[] = []): void => {
    assertNoLeak(content, sensitive);
    for (const value of extra) assertNoLeak(value, sensitive);
  };
  const buildOptions = options.date !== undefined ? { lang, date: options.date } : { lang };
  const doc = (): ReturnType<typeof buildDocument> => buildDocument(view, buildOptions);
  let result: Omit<RenderedReport, 'sha256'>;
  switch (options.format) {
    case 'markdown':
      result = {
        content: renderMarkdown(doc()),
        mediaType: 'text/markdown; charset=utf-8',
        filename: `${base}.md`,
      };
      break;
    case 'html':
      result = {
        content: renderHtml(doc()),
        mediaType: 'text/html; charset=utf-8',
        filename: `${base}.html`,
      };
      assertSafeHtml(result.content as string);
      break;
    case 'csv':
      result = {
        content: renderCsv(view, lang),
        mediaType: 'text/csv; charset=utf-8; header=present',
        filename: `${base}-timeline.csv`,
      };
      break;
    case 'json': {
      const levels = Object.fromEntries([...levelsOf(view)].sort(([a], [b]) => (a < b ? -1 : 1)));
      const { confidentiality, withheld, warnings: _warnings, ...rest } = view;
      const payload = {
        schema: 'vigil.report-case',
        schemaVersion: REPORT_JSON_SCHEMA_VERSION,
        lang,
        case: rest,
        levels,
        confidentiality,
        withheld,
      };
      result = {
        content: `${canonicalJson(payload)}\n`,
        mediaType: 'application/json',
        filename: `${base}.json`,
      };
      break;
    }
    case 'stix': {
      const bundle = buildStixBundle(
        view,
        idKeyOf(view),
        options.date !== undefined ? { date: options.date, lang } : { lang },
      );
      result = {
        content: `${JSON.stringify(bundle, null, 2)}\n`,
        mediaType: 'application/stix+json;version=2.1',
        filename: `${base}.stix.json`,
      };
      break;
    }
    case 'misp': {
      const markdown = renderMarkdown(doc());
      const event = buildMispEvent(
        view,
        idKeyOf(view),
        options.date !== undefined ? { date: options.date, markdown } : { markdown },
      );
      result = {
        content: `${JSON.stringify(event, null, 2)}\n`,
        mediaType: 'application/json',
        filename: `${base}.misp.json`,
      };
      break;
    }
    case 'pdf': {
      const html = renderHtml(doc());
      gate(html);
      const chromium = options.chromiumPath ?? '/usr/bin/chromium';
      let bytes: Uint8Array;
      try {
        bytes = await htmlToPdf(html, chromium, asOfTimestamp(view, options.date));
      } catch (error) {
        throw new ReportError('PDF_UNAVAILABLE', `Chromium could not print the PDF (${chromium})`, {
          cause: error,
        });
      }
      const info = pdfInfo(bytes);
      gate('', Object.values(info));
      result = { content: bytes, mediaType: 'application/pdf', filename: `${base}.pdf` };
      break;
    }
    default:
      throw new ReportError('INVALID_OPTIONS', `Unsupported format: ${String(options.format)}`);
  }
  if (typeof result.content === 'string') gate(result.content, [result.filename]);
  else gate('', [result.filename]);
  return { ...result, sha256: toHex(sha256(result.content)) };
}
