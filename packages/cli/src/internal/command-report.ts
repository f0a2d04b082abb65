import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hasErrors, safeParseDataset, VigilError } from '@vigil/core';
import { EXIT_CODES } from '../exit-codes.js';
import { type CommandContext, line, oneOf, usage, writeJson } from './command.js';
import { formatIssue } from './command-validate.js';
import { AUDIENCES, EXTENSIONS, REPORT_FORMATS, REPORT_LANGUAGES, render } from './report-adapter.js';

export async function reportCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      audience: { type: 'string', short: 'a' },
      format: { type: 'string', short: 'f', multiple: true },
      lang: { type: 'string', short: 'l', multiple: true },
      person: { type: 'string' },
      date: { type: 'string' },
      'secret-file': { type: 'string' },
      out: { type: 'string', short: 'o' },
    },
  });
  const [file, extra] = positionals;
  if (file === undefined)
    throw usage('report needs a dataset file: vigil report <dataset.json> --audience public');
  if (extra !== undefined) throw usage('report takes one dataset file');
  const audience = oneOf('audience', values.audience, AUDIENCES, 'public');
  const formats = (values.format ?? ['html']).map((f) => oneOf('format', f, REPORT_FORMATS, 'html'));
  const langs = (values.lang ?? ['en']).map((l) => oneOf('lang', l, REPORT_LANGUAGES, 'en'));
  if (audience === 'victim' && values.person === undefined)
    throw usage('a victim report needs --person <person id>');
  const secret =
    values['secret-file'] === undefined
      ? ctx.io.env.VIGIL_CASE_SECRET
      : readFileSync(ctx.path(values['secret-file']), 'utf8').trim();
  if (secret === undefined || secret.length < 16)
    throw usage(
      'reports need the per-case secret (16+ characters): --secret-file <file> or $VIGIL_CASE_SECRET',
    );

  const parsed = safeParseDataset(readFileSync(ctx.path(file), 'utf8'));
  if (!parsed.success || hasErrors(parsed.issues)) {
    if (ctx.json) writeJson(ctx, { file, valid: false, issues: parsed.issues });
    else {
      for (const issue of parsed.issues) line(ctx, formatIssue(issue));
      line(ctx, `${file} is NOT valid: no report rendered.`);
    }
    return EXIT_CODES.found;
  }
  const outDir = ctx.path(values.out ?? 'out');
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const lang of langs)
    for (const format of formats) {
      const rendered = await render(parsed.data, {
        audience,
        format,
        lang,
        secret,
        ...(values.person === undefined ? {} : { person: values.person }),
        ...(values.date === undefined ? {} : { date: values.date }),
      });
      const path = join(outDir, `${audience}-${lang}.${EXTENSIONS[format]}`);
      writeFileSync(path, rendered.content);
      written.push(path);
    }
  if (written.length === 0) throw new VigilError('INVALID_INPUT', 'nothing to render');
  if (ctx.json) writeJson(ctx, { audience, files: written });
  else for (const path of written) line(ctx, `Wrote ${path}`);
  return EXIT_CODES.ok;
}
