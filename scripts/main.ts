// The main job (for now): validate the example dataset and print its summary. Exits non-zero on integrity
// errors. The summary logic lives in @vigil/core (summarizeDataset, formatDatasetSummary) so the CLI can reuse it.
// Imported by path because the root package does not depend on @vigil/core.
import { readFileSync } from 'node:fs';
import { formatDatasetSummary, safeParseDataset, summarizeDataset } from '../packages/core/src/index.js';

const file = new URL('../examples/coalition-letter/dataset.json', import.meta.url);
const result = safeParseDataset(readFileSync(file, 'utf8'));

for (const issue of result.issues) {
  const where = issue.path.length === 0 ? '(root)' : issue.path.join('.');
  console.error(`${issue.severity}: ${issue.code} at ${where}: ${issue.message}`);
}
if (!result.success) {
  console.error(`examples/coalition-letter/dataset.json is NOT valid (${result.issues.length} issue(s)).`);
  process.exit(1);
}
console.log(formatDatasetSummary(summarizeDataset(result.data)));
console.log('\nexamples/coalition-letter/dataset.json is valid.');
