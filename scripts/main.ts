// The README's main job: on the example data that ships with the repository, check a made-up phone's MVT
// results against the example's indicators (offline), add that finding to the coalition-letter dataset,
// validate the whole with @vigil/core's integrity rules, render reports with @vigil/report, and print where
// everything is. Exits non-zero when the combined dataset is not valid or a step fails.
// Imported by path because the root package does not depend on @vigil/cli (`vigil demo` runs the same job).
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMainJob } from '../packages/cli/src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const rel = (p: string): string => relative(process.cwd(), p) || '.';

try {
  const result = await runMainJob({ root, outDir: 'out', log: (line) => console.log(line) });
  console.log('');
  for (const issue of result.issues)
    console.log(`${issue.severity}: ${issue.code} at ${issue.path.join('.')}: ${issue.message}`);
  console.log(
    `Check: ${result.check.alerts.length} alert(s) on ${result.check.artifacts} artifacts; finding outcome "${result.outcome}".`,
  );
  console.log(
    `  ${rel(`${result.outDir}/check/alerts.json`)} (MVT 3 fields + provenance), alerts.csv, check.json`,
  );
  console.log(
    `Dataset: ${rel(`${result.outDir}/dataset.json`)} (${result.valid ? 'valid' : 'NOT valid'}); summary in ${rel(`${result.outDir}/validation.txt`)}`,
  );
  for (const r of result.reports)
    console.log(
      r.file === undefined
        ? `  not rendered: ${r.audience} ${r.format} ${r.lang}: ${r.error}`
        : `  ${rel(r.file)}`,
    );
  if (result.reportsUnavailable !== undefined)
    console.log(`Reports not rendered: ${result.reportsUnavailable}.`);
  console.log(
    `\nThe reports are in ${rel(`${result.outDir}/reports`)}/ (and the check results in ${rel(`${result.outDir}/check`)}/).`,
  );
  if (!result.valid || result.reports.some((r) => r.file === undefined)) process.exitCode = 1;
} catch (error) {
  console.error(`main job failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
