// Embed the Vigil model in an app: build a case in code, validate it with @vigil/core's integrity rules,
// read the evidence ladder, and see how an inflated claim is refused. Everything here is made up.
import {
  type DatasetInput,
  evidenceLevelOf,
  formatDatasetSummary,
  safeParseDataset,
  summarizeDataset,
} from '@vigil/core';

const source = 'source--helpline-intake-2026-03';
const marking = { tlp: 'amber' } as const;

const base = {
  schemaVersion: '1.0',
  id: 'dataset--example-helpline-case',
  title: 'Helpline case 2026-03 (made up)',
  marking,
  sources: [
    {
      id: source,
      kind: 'interview' as const,
      publisher: 'Example helpline (made up)',
      title: 'Intake notes',
      date: { value: '2026-03-02' },
      reliability: 'B',
    },
  ],
  organizations: [
    { id: 'organization--example-helpline', name: 'Example helpline (made up)', kind: 'ngo' },
    { id: 'organization--example-lab', name: 'Example lab (made up)', kind: 'forensic-lab' },
  ],
  persons: [
    {
      id: 'person--reporter-a',
      pseudonym: 'Reporter A',
      roles: ['journalist'],
      consent: { status: 'refused' },
    },
    { id: 'person--lawyer-b', pseudonym: 'Lawyer B', roles: ['lawyer'], consent: { status: 'unknown' } },
  ],
  devices: [
    { id: 'device--reporter-a-phone', kind: 'smartphone', platform: 'ios', user: 'person--reporter-a' },
  ],
  findings: [
    {
      id: 'finding--reporter-a-phone',
      device: 'device--reporter-a-phone',
      performedBy: 'organization--example-lab',
      tool: { name: 'vigil check', version: '0.0.0' },
      outcome: 'infected',
      citations: [{ source }],
    },
  ],
  targeting: [
    {
      id: 'targeting--reporter-a',
      person: 'person--reporter-a',
      claimedLevel: 'infected',
      bases: [{ kind: 'finding', finding: 'finding--reporter-a-phone' }],
    },
  ],
} satisfies DatasetInput;

// 1. A consistent case validates, and the ladder level is derived from the finding.
const ok = safeParseDataset(base);
if (!ok.success) throw new Error(`expected a valid case, got ${JSON.stringify(ok.issues)}`);
const level = evidenceLevelOf(ok.data, 'person--reporter-a');
console.log(`Reporter A: ${level}`);
if (level !== 'infected') throw new Error(`expected "infected", got ${String(level)}`);
console.log(formatDatasetSummary(summarizeDataset(ok.data)).split('\n').slice(0, 4).join('\n'));

// 2. Claiming "infected" for Lawyer B with no evidence is an integrity error, reported with a path.
const inflated: DatasetInput = {
  ...base,
  targeting: [
    ...base.targeting,
    {
      id: 'targeting--lawyer-b',
      person: 'person--lawyer-b',
      claimedLevel: 'infected',
      bases: [{ kind: 'listed', source }],
    },
  ],
};
const refused = safeParseDataset(inflated);
const issue = refused.issues.find((i) => i.code === 'LEVEL_NOT_SUPPORTED');
if (refused.success || issue === undefined) throw new Error('expected the inflated claim to be refused');
console.log(`Refused: ${issue.path.join('.')}: ${issue.code}: ${issue.message}`);

// 3. Malformed input is data too: no exception, an issue with a position.
const broken = safeParseDataset('{"schemaVersion": "1.0", ');
console.log(`Malformed JSON: ${broken.issues[0]?.code} at line ${broken.issues[0]?.position?.line}`);
console.log('embed-model: a valid case, a refused inflated claim, and malformed JSON reported as data.');
