import type { DatasetInput } from '../dataset.js';

/**
 * A small made-up dataset for tests: invented people and organisations, reserved domains only. Every call
 * returns a fresh object so tests can change it freely.
 */
export function sampleDataset(): DatasetInput {
  return {
    schemaVersion: '1.0',
    id: 'dataset--sample',
    title: 'Sample case (made up)',
    marking: { tlp: 'amber', audience: ['organization--lab-a'] },
    owner: 'organization--lab-a',
    persons: [
      {
        id: 'person--alpha',
        pseudonym: 'Journalist A',
        realName: 'Alpha Example',
        roles: ['journalist'],
        nationality: ['HU'],
        consent: { status: 'given', scope: ['publish-name'] },
      },
      {
        id: 'person--beta',
        pseudonym: 'Lawyer B',
        roles: ['lawyer'],
        nationality: ['FR'],
        consent: { status: 'unknown' },
      },
      {
        id: 'person--group',
        pseudonym: 'Five officials',
        kind: 'group',
        groupSize: 5,
        roles: ['government-official'],
        consent: { status: 'not-required', basis: 'no names recorded' },
      },
    ],
    organizations: [
      { id: 'organization--lab-a', name: 'Example Lab A', kind: 'forensic-lab' },
      { id: 'organization--lab-b', name: 'Example Lab B', kind: 'forensic-lab' },
      { id: 'organization--vendor', name: 'Example Vendor', kind: 'vendor' },
      {
        id: 'organization--gov',
        name: 'Example Government Agency',
        kind: 'government-agency',
        country: 'ZZ',
      },
    ],
    products: [{ id: 'product--spy', name: 'ExampleSpy', vendor: 'organization--vendor', kind: 'spyware' }],
    exploits: [
      {
        id: 'exploit--kick',
        name: 'EXAMPLEKICK',
        cves: ['CVE-2099-0001'],
        interaction: 'zero-click',
        products: ['product--spy'],
      },
    ],
    operators: [
      { id: 'operator--op', name: 'EXAMPLE-OP', namedBy: 'organization--lab-a', products: ['product--spy'] },
    ],
    identifiers: [
      {
        id: 'identifier--n1',
        kind: 'phone-number',
        links: [{ person: 'person--beta', from: { value: '2019' }, to: { value: '2021' } }],
        listedIn: ['source--leak'],
      },
    ],
    devices: [
      { id: 'device--alpha-phone', kind: 'smartphone', platform: 'ios', user: 'person--alpha' },
      { id: 'device--beta-phone', kind: 'smartphone', platform: 'android', user: 'person--beta' },
    ],
    evidence: [
      {
        id: 'evidence--e1',
        kind: 'ios-backup',
        device: 'device--alpha-phone',
        acquisition: {
          at: '2021-07-20T10:00:00Z',
          by: 'organization--lab-a',
          tool: { name: 'backup-tool', version: '1.0' },
        },
        sha256: 'a'.repeat(64),
        custody: [
          {
            at: '2021-07-21T09:00:00Z',
            action: 'transferred',
            actor: 'organization--lab-a',
            to: 'organization--lab-b',
          },
        ],
      },
    ],
    findings: [
      {
        id: 'finding--f1',
        device: 'device--alpha-phone',
        evidence: ['evidence--e1'],
        performedBy: 'organization--lab-a',
        tool: { name: 'example-scanner', version: '2.0' },
        indicatorSets: [{ set: 'indicator-set--s1', version: '1' }],
        matches: [{ indicator: 'indicator--i1', type: 'domain', value: 'evil.example' }],
        outcome: 'infected',
        infectionPeriod: { start: { value: '2021-07', qualifier: 'early' } },
        products: ['product--spy'],
        exploits: ['exploit--kick'],
      },
      {
        id: 'finding--f2',
        device: 'device--beta-phone',
        performedBy: 'organization--lab-b',
        outcome: 'attempted',
      },
    ],
    reviews: [
      { id: 'review--r1', finding: 'finding--f1', reviewer: 'organization--lab-b', outcome: 'confirmed' },
    ],
    targeting: [
      {
        id: 'targeting--alpha',
        person: 'person--alpha',
        claimedLevel: 'independently-confirmed',
        bases: [{ kind: 'finding', finding: 'finding--f1' }],
        product: 'product--spy',
        operator: 'operator--op',
      },
      {
        id: 'targeting--beta',
        person: 'person--beta',
        claimedLevel: 'targeted',
        bases: [
          { kind: 'listed', identifier: 'identifier--n1', source: 'source--leak' },
          { kind: 'attempt', finding: 'finding--f2' },
        ],
      },
      {
        id: 'targeting--group',
        person: 'person--group',
        claimedLevel: 'listed',
        bases: [{ kind: 'listed', source: 'source--leak' }],
      },
    ],
    attributions: [
      {
        id: 'attribution--a1',
        subjects: ['finding--f1'],
        operator: 'operator--op',
        supplier: 'organization--vendor',
        client: 'organization--gov',
        basis: ['forensic-indicators'],
        confidence: { score: 70 },
      },
    ],
    harms: [
      {
        id: 'harm--h1',
        victim: 'person--alpha',
        kind: 'arrest',
        when: { start: { value: '2022-01-05' } },
        link: 'alleged',
      },
    ],
    sources: [
      { id: 'source--leak', kind: 'leaked-dataset', title: 'A made-up list', reliability: 'F' },
      {
        id: 'source--report',
        kind: 'forensic-report',
        title: 'A made-up report',
        date: { value: '2021-08-01' },
        reliability: 'B',
        url: 'https://lab-a.example/report',
      },
    ],
    events: [
      {
        id: 'event--attempt',
        kind: 'targeting-attempt',
        when: { start: { value: '2020-03' }, end: { value: '2020-04' } },
        description: 'A made-up delivery attempt',
        participants: ['person--beta'],
      },
    ],
    indicatorSets: [
      {
        id: 'indicator-set--s1',
        name: 'Example set',
        version: '1',
        products: ['product--spy'],
        source: {
          repository: 'example/iocs',
          file: 'example.stix2',
          sha256: 'b'.repeat(64),
          licence: 'CC-BY-4.0',
        },
      },
    ],
    indicators: [
      {
        id: 'indicator--i1',
        set: 'indicator-set--s1',
        type: 'domain',
        value: 'evil.example',
        products: ['product--spy'],
      },
    ],
    aggregateClaims: [
      {
        id: 'claim--journalists',
        statement: 'journalists targeted',
        count: { n: 10, qualifier: 'at-least', unit: 'persons' },
        secondary: [{ n: 3, qualifier: 'exact', unit: 'countries' }],
        filter: { roles: ['journalist'], minLevel: 'listed' },
        citations: [{ source: 'source--report', paragraph: 2 }],
      },
    ],
    interventions: [
      {
        id: 'intervention--i1',
        kind: 'joint-letter',
        by: ['organization--lab-a'],
        addressedTo: ['organization--lab-b'],
        date: { value: '2021-09-30' },
        demands: [{ kind: 'independent-inquiry', status: 'pending' }],
      },
    ],
  };
}

/** Freezes a value and everything it holds, so a test can prove that nothing writes to it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
