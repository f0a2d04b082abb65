import type { PhrasingContent, Root, RootContent, TableRow } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { Inline, ReportDocument } from './document.js';

function phrasing(inline: Inline): PhrasingContent {
  switch (inline.t) {
    case 'code':
      return { type: 'inlineCode', value: inline.v };
    case 'strong':
      return { type: 'strong', children: [{ type: 'text', value: inline.v }] };
    default:
      return { type: 'text', value: inline.v };
  }
}

/** Renders the document as GitHub-flavoured Markdown, built as an mdast tree (so escaping is done by the serialiser). */
export function renderMarkdown(doc: ReportDocument): string {
  const children: RootContent[] = [];
  for (const block of doc.blocks) {
    switch (block.t) {
      case 'heading':
        children.push({
          type: 'heading',
          depth: block.depth,
          children: block.content.map(phrasing),
        });
        break;
      case 'paragraph':
        children.push({ type: 'paragraph', children: block.content.map(phrasing) });
        break;
      case 'list':
        children.push({
          type: 'list',
          ordered: false,
          spread: false,
          children: block.items.map((item) => ({
            type: 'listItem',
            spread: false,
            children: [{ type: 'paragraph', children: item.map(phrasing) }],
          })),
        });
        break;
      case 'table': {
        const head: TableRow = {
          type: 'tableRow',
          children: block.head.map((h) => ({ type: 'tableCell', children: [{ type: 'text', value: h }] })),
        };
        const rows: TableRow[] = block.rows.map((row) => ({
          type: 'tableRow',
          children: row.map((cell) => ({ type: 'tableCell', children: cell.map(phrasing) })),
        }));
        children.push({ type: 'table', align: block.head.map(() => null), children: [head, ...rows] });
        break;
      }
    }
  }
  const root: Root = { type: 'root', children };
  return toMarkdown(root, {
    extensions: [gfmToMarkdown()],
    bullet: '-',
    emphasis: '_',
    strong: '*',
    rule: '-',
  });
}
