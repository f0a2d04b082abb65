import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_CODES } from '../exit-codes.js';
import { runMainJob } from '../main-job.js';
import { type CommandContext, line, writeJson } from './command.js';

export async function demoCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: 'string', short: 'o' }, root: { type: 'string' } },
  });
  const result = await runMainJob({
    root: ctx.path(values.root ?? '.'),
    outDir: ctx.path(values.out ?? 'out'),
    log: ctx.json ? () => {} : (text) => line(ctx, text),
  });
  const rel = (p: string): string => relative(ctx.io.cwd, p) || '.';
  if (ctx.json) {
    writeJson(ctx, {
      outDir: result.outDir,
      alerts: result.check.alerts.length,
      outcome: result.outcome,
      valid: result.valid,
      reports: result.reports,
      reportsUnavailable: result.reportsUnavailable ?? null,
      files: result.files,
    });
  } else {
    line(ctx);
    line(
      ctx,
      `Check results: ${rel(`${result.outDir}/check/alerts.json`)} (${result.check.alerts.length} alerts; finding outcome: ${result.outcome})`,
    );
    line(
      ctx,
      `Dataset: ${rel(`${result.outDir}/dataset.json`)}; validation: ${rel(`${result.outDir}/validation.txt`)}`,
    );
    for (const r of result.reports)
      line(
        ctx,
        r.file === undefined
          ? `  not rendered: ${r.audience} ${r.format} ${r.lang}: ${r.error}`
          : `  report: ${rel(r.file)}`,
      );
    if (result.reportsUnavailable !== undefined)
      line(ctx, `Reports not rendered: ${result.reportsUnavailable}.`);
    line(ctx, `Reports are in ${rel(result.outDir)}/`);
  }
  return result.valid ? EXIT_CODES.ok : EXIT_CODES.error;
}
