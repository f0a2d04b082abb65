// A small, format-neutral document model. The builder fills it from a RedactedCase; the Markdown and HTML
// renderers turn it into their syntax. Every string that came from data is already passed through
// `visible()` (controls and bidi characters shown as <U+XXXX>); `code` inlines are technical values shown
// left-to-right and never as links.

export type Inline =
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'code'; readonly v: string }
  | { readonly t: 'strong'; readonly v: string }
  /** Text that came from the case (any language, any direction): isolated from the surrounding direction. */
  | { readonly t: 'data'; readonly v: string };

export type Cell = readonly Inline[];

export type Block =
  | { readonly t: 'heading'; readonly depth: 1 | 2 | 3; readonly content: readonly Inline[] }
  | { readonly t: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly t: 'list'; readonly items: readonly (readonly Inline[])[] }
  | { readonly t: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly Cell[])[] };

export interface ReportDocument {
  readonly title: string;
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly tlp: string;
  readonly tlpStatement: string;
  readonly blocks: readonly Block[];
}

export const text = (v: string): Inline => ({ t: 'text', v });
export const code = (v: string): Inline => ({ t: 'code', v });
export const strong = (v: string): Inline => ({ t: 'strong', v });
export const data = (v: string): Inline => ({ t: 'data', v });
