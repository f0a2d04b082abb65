import type { Inline, ReportDocument } from './document.js';

/** Escapes text for HTML text and attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inline(node: Inline): string {
  switch (node.t) {
    case 'code':
      return `<bdi dir="ltr"><code>${escapeHtml(node.v)}</code></bdi>`;
    case 'strong':
      return `<strong>${escapeHtml(node.v)}</strong>`;
    case 'data':
      return `<bdi>${escapeHtml(node.v)}</bdi>`;
    default:
      return escapeHtml(node.v);
  }
}

const TLP_COLOURS: Record<string, [string, string]> = {
  'TLP:CLEAR': ['#ffffff', '#000000'],
  'TLP:GREEN': ['#33ff00', '#000000'],
  'TLP:AMBER': ['#ffc000', '#000000'],
  'TLP:AMBER+STRICT': ['#ffc000', '#000000'],
  'TLP:RED': ['#ff2b2b', '#000000'],
};

/** The Content-Security-Policy of every HTML report: nothing may load or run; inline styles only. */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Renders the document as one self-contained HTML page: escaped by default, inline CSS, no script. */
export function renderHtml(doc: ReportDocument): string {
  const [fg, bg] = TLP_COLOURS[doc.tlp] ?? ['#ffffff', '#000000'];
  const css = `
:root { color-scheme: light; }
body { font-family: "Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; color: #111; }
.tlp { display: inline-block; font-weight: bold; font-family: monospace; color: ${fg}; background: ${bg}; padding: 0.1rem 0.5rem; margin-block-end: 0.5rem; }
h1 { font-size: 1.6rem; } h2 { border-block-end: 1px solid #999; margin-block-start: 2rem; } h3 { margin-block-start: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin-block: 0.5rem; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; background: #f4f4f4; unicode-bidi: isolate; overflow-wrap: anywhere; }
ul { padding-inline-start: 1.5rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  .tlp-print { position: fixed; top: 0; inset-inline-end: 0; }
  h2, h3 { break-after: avoid; } tr { break-inside: avoid; }
  @page { margin: 1.5cm 1.2cm; }
}`;
  const body: string[] = [];
  for (const block of doc.blocks) {
    switch (block.t) {
      case 'heading':
        body.push(`<h${block.depth}>${block.content.map(inline).join('')}</h${block.depth}>`);
        break;
      case 'paragraph':
        body.push(`<p>${block.content.map(inline).join('')}</p>`);
        break;
      case 'list':
        body.push(`<ul>${block.items.map((item) => `<li>${item.map(inline).join('')}</li>`).join('')}</ul>`);
        break;
      case 'table':
        body.push(
          `<table><thead><tr>${block.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${block.rows
            .map((row) => `<tr>${row.map((cell) => `<td>${cell.map(inline).join('')}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
        );
        break;
    }
  }
  return `<!DOCTYPE html>
<html lang="${escapeHtml(doc.lang)}" dir="${doc.dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(HTML_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${css}</style>
</head>
<body>
<div class="tlp tlp-print" role="note">${escapeHtml(doc.tlp)}</div>
${body.join('\n')}
<p><span class="tlp">${escapeHtml(doc.tlp)}</span> ${escapeHtml(doc.tlpStatement)}</p>
</body>
</html>
`;
}
