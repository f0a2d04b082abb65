// Render the coalition-letter dataset for two very different readers: the public (TLP:CLEAR, in
// English, Markdown) and one person's own copy (the victim audience, TLP:RED, in French, HTML), and show
// what redaction does: a name published without known consent stays out of the public report but is in
// the person's own copy. Files go to out/render-reports/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset } from '@vigil/core';
import { renderReport } from '@vigil/report';

const dataset = parseDataset(
  readFileSync(new URL('../coalition-letter/dataset.json', import.meta.url), 'utf8'),
);
// A per-case secret keys the pseudonymous codes. Keep a real case's secret with the case, never in an output.
const secret = process.env.VIGIL_CASE_SECRET ?? 'example secret for the public coalition-letter dataset';
const outDir = join(process.cwd(), 'out', 'render-reports');
mkdirSync(outDir, { recursive: true });

const person = dataset.persons.find((p) => p.id === 'person--daniel-nemeth');
if (person?.realName === undefined) throw new Error('expected the photojournalist record with a name');

const publicReport = await renderReport(dataset, {
  audience: 'public',
  secret,
  format: 'markdown',
  lang: 'en',
});
const victimReport = await renderReport(dataset, {
  audience: 'victim',
  person: person.id,
  secret,
  format: 'html',
  lang: 'fr',
});
const files = [
  [join(outDir, 'public-en.md'), publicReport.content],
  [join(outDir, 'victim-fr.html'), victimReport.content],
] as const;
for (const [file, content] of files) writeFileSync(file, content);

const text = (content: string | Uint8Array) =>
  typeof content === 'string' ? content : new TextDecoder().decode(content);
const inPublic = text(publicReport.content).includes(person.realName);
const inOwnCopy = text(victimReport.content).includes(person.realName);
console.log(`public-en.md (${publicReport.mediaType}): the name is ${inPublic ? 'PRESENT' : 'absent'}`);
console.log(`victim-fr.html (${victimReport.mediaType}): the name is ${inOwnCopy ? 'present' : 'ABSENT'}`);
if (inPublic) throw new Error('a name without consent reached the public report');
if (!inOwnCopy) throw new Error("the person's own copy should name them");
console.log(
  `render-reports: 2 reports in ${outDir}; the public one keeps the name out, the person's copy has it.`,
);
