import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatDatasetSummary, hasErrors, type Issue, safeParseDataset, summarizeDataset } from '@vigil/core';
import { EXIT_CODES } from '../exit-codes.js';
import { type CommandContext, line, usage, writeJson } from './command.js';

/** `persons[3].name` from `['persons', 3, 'name']`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function formatIssue(issue: Issue): string {
  const at =
    issue.position === undefined ? '' : ` (line ${issue.position.line}, column ${issue.position.column})`;
  return `${issue.severity.padEnd(7)} ${formatPath(issue.path)}${at}: ${issue.code}: ${issue.message}`;
}

export async function validateCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { quiet: { type: 'boolean', short: 'q' } },
  });
  const [file, extra] = positionals;
  if (file === undefined) throw usage('validate needs a dataset file: vigil validate <dataset.json>');
  if (extra !== undefined) throw usage('validate takes one dataset file');
  const path = ctx.path(file);
  const result = safeParseDataset(readFileSync(path, 'utf8'));
  const failed = !result.success || hasErrors(result.issues);
  const summary = result.success ? summarizeDataset(result.data) : undefined;
  if (ctx.json) {
    writeJson(ctx, {
      file: path,
      valid: !failed,
      issues: result.issues,
      ...(summary === undefined ? {} : { summary }),
    });
    return failed ? EXIT_CODES.found : EXIT_CODES.ok;
  }
  for (const issue of result.issues) line(ctx, formatIssue(issue));
  if (summary !== undefined && values.quiet !== true) {
    if (result.issues.length > 0) line(ctx);
    line(ctx, formatDatasetSummary(summary));
    line(ctx);
  }
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  const warnings = result.issues.length - errors;
  line(
    ctx,
    failed
      ? `${file} is NOT valid: ${errors} error(s), ${warnings} warning(s).`
      : `${file} is valid${warnings > 0 ? ` (${warnings} warning(s))` : ''}.`,
  );
  return failed ? EXIT_CODES.found : EXIT_CODES.ok;
}
