import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_CODES } from '../exit-codes.js';
import { exportRules, RULE_FORMATS } from '../export-rules.js';
import { type CommandContext, line, oneOf, usage, writeJson } from './command.js';
import { loadIndicatorSets } from './matcher-adapter.js';

export async function exportRulesCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      iocs: { type: 'string', short: 'i', multiple: true },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      'sid-start': { type: 'string' },
      source: { type: 'string' },
      sinkhole: { type: 'string' },
    },
  });
  const iocs = [...(values.iocs ?? []), ...positionals].map(ctx.path);
  if (iocs.length === 0) throw usage('export-rules needs indicators: --iocs <file|dir>');
  const format = oneOf('format', values.format, RULE_FORMATS, 'suricata');
  let sidStart: number | undefined;
  if (values['sid-start'] !== undefined) {
    sidStart = Number(values['sid-start']);
    if (!Number.isInteger(sidStart) || sidStart < 1 || sidStart > 4_000_000_000)
      throw usage(`--sid-start must be a positive integer (got ${JSON.stringify(values['sid-start'])})`);
  }
  const sets = await loadIndicatorSets(iocs);
  const result = exportRules(
    sets.flatMap((s) => s.indicators),
    {
      format,
      ...(sidStart === undefined ? {} : { sidStart }),
      ...(values.source === undefined ? {} : { source: values.source }),
      ...(values.sinkhole === undefined ? {} : { sinkhole: values.sinkhole }),
    },
  );
  if (values.out !== undefined) {
    const out = ctx.path(values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, result.text);
    if (ctx.json) writeJson(ctx, { format, file: out, rules: result.rules, skipped: result.skipped });
    else {
      line(ctx, `Wrote ${result.rules} ${format} ${format === 'suricata' ? 'rules' : 'entries'} to ${out}.`);
      if (result.skipped.length > 0)
        line(
          ctx,
          `Skipped ${result.skipped.length} indicator(s) the format cannot express (use --json to list them).`,
        );
    }
  } else if (ctx.json) writeJson(ctx, result);
  else ctx.io.stdout.write(result.text);
  return EXIT_CODES.ok;
}
