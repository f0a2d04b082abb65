import type { ReportLanguage } from '../messages.js';
import type { RedactedCase } from '../redacted-case.js';
import { timelineRows } from './build-document.js';
import { createTranslator } from './i18n.js';
import { csvQuote, csvSafeCell, visible } from './text.js';

/** The CSV timeline: UTF-8 with BOM, CRLF, every cell quoted and guarded against formula injection. */
export function renderCsv(view: RedactedCase, lang: ReportLanguage): string {
  const tr = createTranslator(lang);
  const names = new Map(view.persons.map((p) => [p.ref, p.displayName]));
  const header = ['date_iso', 'date', 'kind', 'kind_label', 'description', 'people', 'ref', 'tlp'];
  const lines = [header.map(csvQuote).join(',')];
  for (const row of timelineRows(view, tr)) {
    const cells = [
      row.iso,
      row.date,
      row.kindCode,
      row.kind,
      row.description,
      row.people.map((r) => visible(names.get(r) ?? r)).join('; '),
      row.refs.join(' '),
      `TLP:${view.tlp.toUpperCase()}`,
    ];
    lines.push(cells.map((c) => csvQuote(csvSafeCell(c))).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
