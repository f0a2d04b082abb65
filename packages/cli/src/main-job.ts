/**
 * The README's main job: check the example device, add the finding to the coalition-letter dataset,
 * validate it and render the reports under `./out/`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  type DatasetInput,
  formatDatasetSummary,
  hasErrors,
  type Issue,
  safeParseDataset,
  summarizeDataset,
} from '@vigil/core';
import { type CheckResult, checkArtifacts, writeCheckResults } from './check.js';
import { addFindingRecords, findingFromCheck } from './finding.js';
import { formatIssue } from './internal/command-validate.js';
import { render } from './internal/report-adapter.js';

/**
 * Options for {@link runMainJob}.
 *
 * @example
 * ```ts
 * import type { MainJobOptions } from '@vigil/cli';
 *
 * const options: MainJobOptions = { root: '.', outDir: 'out' };
 * ```
 */
export interface MainJobOptions {
  /** The repository root, where `examples/` is. @default process.cwd() */
  readonly root?: string;
  /** Where to write. @default '<root>/out' */
  readonly outDir?: string;
  /** Progress lines, for a person watching. */
  readonly log?: (line: string) => void;
  /**
   * The per-case secret that keys pseudonymous codes in reports. The example uses a fixed, public one;
   * a real case keeps its own secret with the case.
   * @default $VIGIL_CASE_SECRET, else an example secret
   */
  readonly secret?: string;
  /**
   * Also render a PDF (through headless Chromium at `/usr/bin/chromium`) when Chromium is there.
   * @default true
   */
  readonly pdf?: boolean;
}

/**
 * A report the main job wrote (or could not write).
 *
 * @example
 * ```ts
 * import type { MainJobReport } from '@vigil/cli';
 *
 * const r: MainJobReport = { audience: 'public', format: 'html', lang: 'en', file: 'out/reports/public-en.html' };
 * ```
 */
export interface MainJobReport {
  readonly audience: string;
  readonly format: string;
  readonly lang: string;
  /** The file written; absent when rendering failed. */
  readonly file?: string;
  /** Why it was not written. */
  readonly error?: string;
}

/**
 * What {@link runMainJob} did.
 *
 * @example
 * ```ts
 * import { runMainJob } from '@vigil/cli';
 *
 * const result = await runMainJob({ outDir: 'out' });
 * console.log(result.outcome, result.valid, result.reports.map((r) => r.file));
 * ```
 */
export interface MainJobResult {
  readonly outDir: string;
  readonly check: CheckResult;
  /** The outcome recorded in the finding. */
  readonly outcome: string;
  /** Whether the combined dataset passed @vigil/core's integrity rules. */
  readonly valid: boolean;
  readonly issues: readonly Issue[];
  /** Reports rendered; empty, with `reportsUnavailable` saying why, when the combined dataset is not valid. */
  readonly reports: readonly MainJobReport[];
  readonly reportsUnavailable?: string;
  /** Every file written. */
  readonly files: readonly string[];
}

/** The example's per-case secret: public on purpose, for made-up data only. */
const EXAMPLE_SECRET = 'vigil-example-case-secret (public, made-up data only)';

/** The reports the main job renders. */
const REPORTS: readonly { audience: string; format: string; lang: string; person?: string }[] = [
  { audience: 'public', format: 'html', lang: 'en' },
  { audience: 'public', format: 'markdown', lang: 'en' },
  { audience: 'public', format: 'html', lang: 'ar' },
  { audience: 'partners', format: 'html', lang: 'fr' },
  { audience: 'victim', format: 'html', lang: 'es', person: 'person--example-aster' },
  { audience: 'un-submission', format: 'markdown', lang: 'en' },
  { audience: 'public', format: 'csv', lang: 'en' },
  { audience: 'public', format: 'stix', lang: 'en' },
];

type Collections = Record<string, unknown[]>;

/**
 * Runs the main job on the example data that ships with the repository:
 *
 * 1. `vigil check` on `examples/device-artifacts/mvt-results` (a made-up phone's MVT 3 results) with the
 *    example's own indicators (`examples/device-artifacts/indicators.stix2`), offline; alerts go to
 *    `<out>/check/` (`alerts.json`, `alerts.csv`, `check.json`).
 * 2. The coalition-letter dataset (`examples/coalition-letter/dataset.json`) plus the made-up case records
 *    (`examples/device-artifacts/case.json`) plus the finding made from the check (see
 *    {@link findingFromCheck}) are validated with @vigil/core's integrity rules; the combined dataset and
 *    the validation summary are written to `<out>/dataset.json` and `<out>/validation.txt`.
 * 3. When the dataset is valid, reports for several audiences, formats and languages are rendered with
 *    @vigil/report into `<out>/reports/`. A report that fails is listed with its error; the others are kept.
 *
 * @throws `VigilError` (from `@vigil/core`) when the example files are missing or indicators cannot be loaded.
 *
 * @example
 * ```ts
 * import { runMainJob } from '@vigil/cli';
 *
 * const result = await runMainJob({ root: '.', outDir: 'out', log: console.log });
 * for (const report of result.reports) console.log(report.file ?? report.error);
 * ```
 */
export async function runMainJob(options: MainJobOptions = {}): Promise<MainJobResult> {
  const root = resolve(options.root ?? process.cwd());
  const outDir = resolve(root, options.outDir ?? 'out');
  const log = options.log ?? (() => {});
  const rel = (p: string): string => relative(process.cwd(), p) || '.';
  const files: string[] = [];
  const device = join(root, 'examples', 'device-artifacts');

  log(
    `1. Checking ${rel(join(device, 'mvt-results'))} against ${rel(join(device, 'indicators.stix2'))} (offline)`,
  );
  const check = await checkArtifacts({
    inputs: [join(device, 'mvt-results')],
    iocs: [join(device, 'indicators.stix2')],
  });
  files.push(...writeCheckResults(check, join(outDir, 'check')));
  log(`   ${check.artifacts} artifacts, ${check.alerts.length} alert(s)`);

  const letter = JSON.parse(
    readFileSync(join(root, 'examples', 'coalition-letter', 'dataset.json'), 'utf8'),
  ) as Collections & DatasetInput;
  const extra = JSON.parse(readFileSync(join(device, 'case.json'), 'utf8')) as Collections;
  const records = findingFromCheck(check, {
    id: 'finding--example-aster-recheck',
    device: 'device--example-aster-phone',
    evidence: ['evidence--example-aster-backup'],
    performedBy: 'organization--example-lab',
    performedAt: '2026-03-02',
    person: 'person--example-aster',
  });
  const withCase: Collections = { ...letter };
  for (const [key, value] of Object.entries(extra))
    if (Array.isArray(value)) withCase[key] = [...((withCase[key] as unknown[] | undefined) ?? []), ...value];
  // The finding is made-up example data too: marked so, and CLEAR like the rest of the example case.
  const marked = {
    ...records,
    finding: {
      ...records.finding,
      marking: { tlp: 'clear' as const, statement: 'Made-up example record; not from the letter.' },
    },
  };
  const combined = addFindingRecords(withCase, marked);
  log(
    `2. Adding the finding (outcome: ${records.finding.outcome}) to the coalition-letter dataset and validating it`,
  );
  const parsed = safeParseDataset(combined);
  const valid = parsed.success && !hasErrors(parsed.issues);
  mkdirSync(outDir, { recursive: true });
  const datasetPath = join(outDir, 'dataset.json');
  writeFileSync(datasetPath, `${JSON.stringify(combined, null, 2)}\n`);
  files.push(datasetPath);
  const validation = [
    ...parsed.issues.map(formatIssue),
    ...(parsed.success ? ['', formatDatasetSummary(summarizeDataset(parsed.data))] : []),
    '',
    valid ? 'The combined dataset is valid.' : 'The combined dataset is NOT valid: no report was rendered.',
  ].join('\n');
  const validationPath = join(outDir, 'validation.txt');
  writeFileSync(validationPath, `${validation}\n`);
  files.push(validationPath);
  log(`   ${valid ? 'valid' : 'NOT valid'}; ${parsed.issues.length} issue(s)`);

  const reports: MainJobReport[] = [];
  let reportsUnavailable: string | undefined;
  if (!valid || !parsed.success) {
    reportsUnavailable = 'the combined dataset is not valid';
  } else {
    log(`3. Rendering reports into ${rel(join(outDir, 'reports'))}`);
    mkdirSync(join(outDir, 'reports'), { recursive: true });
    const secret = options.secret ?? process.env.VIGIL_CASE_SECRET ?? EXAMPLE_SECRET;
    const requests = [
      ...REPORTS,
      ...(options.pdf !== false && existsSync('/usr/bin/chromium')
        ? [{ audience: 'public', format: 'pdf', lang: 'en' }]
        : []),
    ];
    for (const request of requests) {
      try {
        const rendered = await render(parsed.data, { ...request, secret });
        const file = join(outDir, 'reports', `${request.audience}-${request.lang}.${rendered.extension}`);
        writeFileSync(file, rendered.content);
        files.push(file);
        reports.push({ audience: request.audience, format: request.format, lang: request.lang, file });
      } catch (error) {
        reports.push({
          audience: request.audience,
          format: request.format,
          lang: request.lang,
          error: (error as Error).message.split('\n')[0] ?? 'failed',
        });
      }
    }
  }
  return {
    outDir,
    check,
    outcome: records.finding.outcome,
    valid,
    issues: parsed.issues,
    reports,
    ...(reportsUnavailable === undefined ? {} : { reportsUnavailable }),
    files,
  };
}
