import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, SourceLocation } from '../indicator.js';

/** A YAML document parsed for the loaders: every scalar stays a string (failsafe schema), aliases are not followed. */
export interface YamlRead {
  readonly root: unknown;
  readonly diagnostics: Diagnostic[];
  /** Line and column (1-based) of a node. */
  readonly at: (node: unknown) => { line?: number; column?: number };
}

export function readYaml(text: string, file: string | undefined): YamlRead {
  const lineCounter = new LineCounter();
  const fileLoc = file === undefined ? {} : { file };
  const diagnostics: Diagnostic[] = [];
  const doc = parseDocument(text, { lineCounter, schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    diagnostics.push({
      code: 'MALFORMED_YAML',
      severity: 'error',
      message: `YAML error ${e.code}: ${e.message.split('\n')[0]}`,
      location: { ...fileLoc, line: pos.line, column: pos.col },
    });
  }
  const at = (node: unknown): { line?: number; column?: number } => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range === undefined) return {};
    const p = lineCounter.linePos(range[0]);
    return { line: p.line, column: p.col };
  };
  // A document with syntax errors is not read at all: the parser's recovery could turn a broken line into
  // a wrong value, and a wrong indicator is worse than a missing one that is reported.
  if (diagnostics.length > 0) {
    const first = diagnostics[0] as Diagnostic;
    diagnostics[0] = { ...first, message: `${first.message} Nothing was loaded from this file.` };
    return { root: undefined, diagnostics, at };
  }
  return { root: doc.contents, diagnostics, at };
}

/** The string value of a scalar node, or `undefined` for anything else. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' ? v : (node.source ?? String(v));
}

/** The entries of a map node as `[key, valueNode, keyNode]`; keys that are not scalars are skipped. */
export function mapEntries(node: unknown): [string, unknown, unknown][] {
  if (!isMap(node)) return [];
  const out: [string, unknown, unknown][] = [];
  for (const pair of node.items) {
    const key = scalarText(pair.key);
    if (key !== undefined) out.push([key, pair.value, pair.key]);
  }
  return out;
}

/** The items of a sequence node, or `undefined` when `node` is not a sequence. */
export function seqItems(node: unknown): readonly unknown[] | undefined {
  return isSeq(node) ? node.items : undefined;
}

export { isAlias, isScalar };

/** Builds a location from a file, a path and a node. */
export function locate(
  yaml: YamlRead,
  file: string | undefined,
  path: (string | number)[],
  node: unknown,
): SourceLocation {
  return { ...(file === undefined ? {} : { file }), path, ...yaml.at(node) };
}
