import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { hasErrors, type Issue, safeParseDataset } from '@vigil/core';
import type { VigilAlert } from '../alerts.js';
import { isArtifactType } from '../artifact-lists.js';
import { type CheckResult, checkArtifacts, writeCheckResults } from '../check.js';
import { EXIT_CODES } from '../exit-codes.js';
import { addFindingRecords, findingFromCheck } from '../finding.js';
import { defaultCacheDir } from './cache-dir.js';
import { type CommandContext, line, oneOf, usage, writeJson } from './command.js';
import { formatIssue } from './command-validate.js';
import { createProgress } from './progress.js';

function short(value: string, max = 70): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function describeInput(result: CheckResult['inputs'][number]): string {
  if (result.kind === 'mvt-folder' || result.kind === 'mvt-file') {
    const layout = result.layout === 'mvt3' ? 'MVT 3' : result.layout === 'mvt2' ? 'MVT 2.x' : 'unrecognised';
    const used = result.files?.filter((f) => f.used).length ?? 0;
    const version = result.mvtVersion === undefined ? '' : `, written by MVT ${result.mvtVersion}`;
    const earlier =
      result.previousDetections === undefined || result.previousDetections === 0
        ? ''
        : `; the earlier run recorded ${result.previousDetections} detection(s)`;
    return `${result.path}: ${layout} results${version}, ${used} file(s) read, ${result.artifacts} artifacts${earlier}`;
  }
  return `${result.path}: ${result.kind === 'list' ? 'plain list' : 'JSON lines'}, ${result.artifacts} artifacts`;
}

function alertLine(a: VigilAlert): string {
  const when = a.event_time ?? 'no time';
  const names = a.vigil.indicator.provenance.indicates.join(', ') || a.vigil.set.name;
  return `  ${a.level.padEnd(8)} ${a.module.padEnd(16)} ${when.padEnd(26)} ${a.vigil.indicator.type} ${short(a.vigil.indicator.value, 40)} (${names}) in ${short(a.vigil.artifact.value)}`;
}

/** The verdict line: careful wording, never "clean". */
export function verdict(result: CheckResult): string {
  if (result.artifacts === 0)
    return 'NOTHING CHECKED: no artifact could be read from the inputs (see the diagnostics above); this says nothing about the device.';
  if (result.alerts.length === 0)
    return `NO MATCH: none of the ${result.indicatorSets.reduce((n, s) => n + s.indicators, 0)} indicators loaded matched. This does not show the device is clean: only these indicators were checked.`;
  const names = [
    ...new Set(
      result.alerts.flatMap((a) =>
        a.vigil.indicator.provenance.indicates.length > 0
          ? a.vigil.indicator.provenance.indicates
          : [a.vigil.set.name],
      ),
    ),
  ];
  return `DETECTIONS: ${result.alerts.length} alert(s) matched indicators of ${names.join(', ')}. A match is a lead for a forensic examination, not a conclusion on its own.`;
}

export async function checkCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      iocs: { type: 'string', short: 'i', multiple: true },
      cache: { type: 'string' },
      profile: { type: 'string' },
      type: { type: 'string' },
      output: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q' },
      dataset: { type: 'string' },
      'dataset-out': { type: 'string' },
      device: { type: 'string' },
      person: { type: 'string' },
      lab: { type: 'string' },
      evidence: { type: 'string', multiple: true },
      'finding-id': { type: 'string' },
    },
  });
  if (positionals.length === 0)
    throw usage('check needs at least one input (an MVT results folder, a list, JSON lines, or -)');
  const profile = oneOf('profile', values.profile, ['default', 'mvt'] as const, 'default');
  if (values.type !== undefined && !isArtifactType(values.type))
    throw usage(
      `--type must be an artifact type such as url, domain, ip, hash, email, process-name (got ${JSON.stringify(values.type)})`,
    );
  let iocs = (values.iocs ?? []).map(ctx.path);
  if (iocs.length === 0) {
    const cache = ctx.path(values.cache ?? defaultCacheDir(ctx.io.env));
    if (existsSync(cache) && readdirSync(cache).length > 0) iocs = [cache];
    else throw usage(`no indicators: pass --iocs <file|dir>, or run "vigil iocs update" to fill ${cache}`);
  }
  const inputs = positionals.map(ctx.path);
  let bar: ReturnType<typeof createProgress> | undefined;
  const result = await checkArtifacts({
    inputs,
    iocs,
    profile,
    ...(values.type !== undefined && isArtifactType(values.type) ? { type: values.type } : {}),
    stdin: ctx.io.readStdin,
    onProgress: (done, total) => {
      bar ??= createProgress(ctx.io.stderr, total, 'Matching');
      bar.update(done);
      if (done === total) bar.finish();
    },
  });
  if (
    values.dataset === undefined &&
    (values.device ?? values.person ?? values.lab ?? values['dataset-out']) !== undefined
  )
    throw usage(
      '--device, --person, --lab and --dataset-out record the finding in a dataset: give --dataset <case.json>',
    );
  const written = values.output === undefined ? [] : writeCheckResults(result, ctx.path(values.output));
  let recorded: { file: string; valid: boolean; issues: readonly Issue[]; outcome: string } | undefined;
  if (values.dataset !== undefined) {
    const target =
      values['dataset-out'] ??
      (values.output === undefined ? undefined : join(values.output, 'dataset.json'));
    if (target === undefined)
      throw usage('--dataset needs --dataset-out <file> (or --output <dir>) for the updated dataset');
    const input = JSON.parse(readFileSync(ctx.path(values.dataset), 'utf8')) as Record<string, unknown>;
    const slug = (values.device ?? 'device').replace(/^[a-z-]*--/u, '');
    const records = findingFromCheck(result, {
      id: values['finding-id'] ?? `finding--${slug}-vigil-check`,
      ...(values.device === undefined ? {} : { device: values.device }),
      ...(values.person === undefined ? {} : { person: values.person }),
      ...(values.lab === undefined ? {} : { performedBy: values.lab }),
      ...(values.evidence === undefined ? {} : { evidence: values.evidence }),
    });
    const updated = addFindingRecords(input, records);
    const parsed = safeParseDataset(updated);
    const file = ctx.path(target);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(updated, null, 2)}\n`);
    recorded = {
      file,
      valid: parsed.success && !hasErrors(parsed.issues),
      issues: parsed.issues,
      outcome: records.finding.outcome,
    };
  }
  if (ctx.json) {
    writeJson(ctx, {
      ...result,
      verdict: verdict(result),
      written,
      ...(recorded === undefined ? {} : { recorded }),
    });
  } else if (values.quiet === true) {
    line(ctx, verdict(result));
  } else {
    const setCount = result.indicatorSets.length;
    const indicatorCount = result.indicatorSets.reduce((n, s) => n + s.indicators, 0);
    line(
      ctx,
      `Checked ${result.artifacts} artifacts against ${indicatorCount} indicators from ${setCount} set(s); profile ${result.profile}; offline.`,
    );
    for (const input of result.inputs) line(ctx, `  input  ${describeInput(input)}`);
    for (const set of result.indicatorSets) {
      const problems = set.diagnostics.length === 0 ? '' : `, ${set.diagnostics.length} diagnostic(s)`;
      line(
        ctx,
        `  iocs   ${set.name}${set.version === undefined ? '' : ` ${set.version}`}: ${set.indicators} indicators (${set.format}, sha256 ${set.sha256.slice(0, 12)}…)${problems}`,
      );
    }
    for (const d of result.diagnostics.slice(0, 20))
      line(ctx, `  ${d.severity.padEnd(7)} ${d.code}: ${d.message}`);
    if (result.diagnostics.length > 20)
      line(
        ctx,
        `  … and ${result.diagnostics.length - 20} more input diagnostic(s) (see check.json or --json)`,
      );
    line(ctx);
    if (result.alerts.length > 0) {
      const counts = Object.entries(result.counts)
        .filter(([, n]) => n > 0)
        .reverse()
        .map(([level, n]) => `${n} ${level}`)
        .join(', ');
      const fresh = result.alerts.filter((a) => a.vigil.earlierRun === 'new').length;
      const known = result.alerts.filter((a) => a.vigil.earlierRun === 'reported').length;
      const sinceEarlier =
        fresh + known === 0
          ? ''
          : `; ${fresh} new since the earlier MVT run, ${known} it had already reported`;
      line(ctx, `${result.alerts.length} alert(s): ${counts}${sinceEarlier}`);
      for (const a of result.alerts.slice(0, 50)) line(ctx, alertLine(a));
      if (result.alerts.length > 50) line(ctx, `  … and ${result.alerts.length - 50} more (see alerts.json)`);
      line(ctx);
    }
    if (written.length > 0) line(ctx, `Results: ${written.join(', ')}`);
    if (recorded !== undefined) {
      for (const issue of recorded.issues) line(ctx, formatIssue(issue));
      line(
        ctx,
        `Finding (outcome suggested: ${recorded.outcome}) recorded in ${recorded.file}; the dataset is ${recorded.valid ? 'valid' : 'NOT valid (see the issues above)'}.`,
      );
    }
    line(ctx, verdict(result));
  }
  if (recorded !== undefined && !recorded.valid) return EXIT_CODES.error;
  if (result.alerts.length > 0) return EXIT_CODES.found;
  // Nothing read is not a clean result: scripts must not take it for one.
  return result.artifacts === 0 ? EXIT_CODES.error : EXIT_CODES.ok;
}
