// A made-up case: made-up people, reserved domains, Antarctica as the country. Every value that some
// audience must not see is listed in SECRETS so tests can search outputs for it.
import type { Dataset, DatasetInput } from '@vigil/core';
import { DatasetSchema } from '@vigil/core';

export const SECRET = 'test-case-secret-0123456789';

/** Values that public outputs must never contain. */
export const PUBLIC_SECRETS = {
  lawyerName: 'Bruno Testwell',
  activistName: 'Carmen Hiddenova',
  phone: '+1 555 0100 777',
  email: 'b.testwell@mail.example',
  serial: 'F2LXEXAMPLE1',
  deviceLabel: "Ana's work iPhone",
  deviceModel: 'iPhone 12 Pro Max',
  city: 'Examplecity-sur-Glace',
  amberIoc: 'secret-amber.example',
  notes: 'Analyst note: met at the safe house on Rue Secrète',
  artifact: '/private/var/mobile/Containers/AnaPrivate',
  custodyNote: 'Handed over by courier Zed Quietman',
  consentBasis: 'Signed form kept in cabinet 7B',
  roleDescription: 'Defence counsel for the Examplecity Ledger',
  lureSms: 'Your parcel 4411 awaits',
} as const;

export function caseInput(): DatasetInput {
  return {
    schemaVersion: '1.0',
    id: 'dataset--operation-example',
    title: 'Operation Example: spyware against the Examplecity press',
    description: 'A made-up case used by the tests of @vigil/report.',
    lang: 'en',
    marking: { tlp: 'clear' },
    owner: 'organization--lab',
    organizations: [
      { id: 'organization--lab', name: 'Example Forensics Lab', kind: 'forensic-lab', country: 'AQ' },
      { id: 'organization--peer', name: 'Second Opinion Lab', kind: 'forensic-lab' },
      { id: 'organization--vendor', name: 'ExampleVendor Ltd', kind: 'vendor' },
      { id: 'organization--hrc', name: 'Example Council', kind: 'un-body' },
      { id: 'organization--ngo', name: 'Example Press Freedom NGO', kind: 'ngo' },
      { id: 'organization--partner', name: 'Quiet Partner Helpline', kind: 'ngo', marking: { tlp: 'amber' } },
    ],
    products: [
      {
        id: 'product--examplespy',
        name: 'ExampleSpy',
        vendor: 'organization--vendor',
        kind: 'spyware',
        platforms: ['ios', 'android'],
      },
    ],
    exploits: [
      {
        id: 'exploit--fakekick',
        name: 'FAKEKICK',
        cves: ['CVE-2021-0001'],
        interaction: 'zero-click',
        vector: 'imessage',
        products: ['product--examplespy'],
      },
    ],
    operators: [
      {
        id: 'operator--glacier',
        name: 'GLACIER-OP',
        namedBy: 'organization--lab',
        suspectedCountry: 'AQ',
        products: ['product--examplespy'],
      },
    ],
    persons: [
      {
        id: 'person--ana',
        pseudonym: 'Journalist A',
        realName: 'Ana Exampleton',
        roles: ['journalist'],
        nationality: ['AQ'],
        location: { country: 'AQ', city: PUBLIC_SECRETS.city },
        affiliations: [{ organization: 'organization--ngo', role: 'board member' }],
        consent: {
          status: 'given',
          scope: ['publish-name', 'share-with-partners', 'un-submission'],
          date: { value: '2021-08-01' },
          basis: 'Signed consent letter',
        },
        notes: PUBLIC_SECRETS.notes,
      },
      {
        id: 'person--bruno',
        pseudonym: 'Lawyer B',
        realName: PUBLIC_SECRETS.lawyerName,
        marking: { tlp: 'green', statement: 'Name known to partners; consent not yet asked' },
        roles: ['lawyer'],
        roleDescription: PUBLIC_SECRETS.roleDescription,
        atRiskGroups: ['human-rights-defender'],
        location: { country: 'AQ', region: 'Glacier Province', city: PUBLIC_SECRETS.city },
        consent: { status: 'unknown', basis: PUBLIC_SECRETS.consentBasis },
      },
      {
        id: 'person--carmen',
        pseudonym: 'Activist C',
        realName: PUBLIC_SECRETS.activistName,
        marking: { tlp: 'amber' },
        roles: ['activist'],
        consent: { status: 'refused' },
      },
      {
        id: 'person--dora',
        pseudonym: 'Editor D',
        realName: 'Dora Memorial',
        roles: ['editor'],
        deceased: { date: { value: '2021-09-15' }, circumstance: 'Killed outside the newsroom' },
        consent: { status: 'given', scope: ['publish-name'], basis: 'Family consent' },
        relationships: [{ kind: 'colleague', to: 'person--ana' }],
      },
    ],
    identifiers: [
      {
        id: 'identifier--ana-phone',
        kind: 'phone-number',
        value: PUBLIC_SECRETS.phone,
        links: [{ person: 'person--ana', from: { value: '2019' } }],
        listedIn: ['source--leak'],
      },
      {
        id: 'identifier--bruno-mail',
        kind: 'email',
        value: PUBLIC_SECRETS.email,
        links: [{ person: 'person--bruno' }],
        listedIn: ['source--leak'],
      },
    ],
    devices: [
      {
        id: 'device--ana-iphone',
        kind: 'smartphone',
        platform: 'ios',
        model: PUBLIC_SECRETS.deviceModel,
        osVersion: '14.6',
        serial: PUBLIC_SECRETS.serial,
        user: 'person--ana',
        label: PUBLIC_SECRETS.deviceLabel,
      },
      {
        id: 'device--bruno-android',
        kind: 'smartphone',
        platform: 'android',
        osVersion: '11',
        user: 'person--bruno',
      },
    ],
    evidence: [
      {
        id: 'evidence--ana-backup',
        kind: 'ios-backup',
        description: 'Encrypted backup of Ana personal phone',
        device: 'device--ana-iphone',
        acquisition: {
          at: '2021-07-20T10:15:00Z',
          by: 'organization--lab',
          tool: { name: 'idevicebackup2', version: '1.3.0' },
          method: 'in person, Examplecity office',
        },
        sha256: 'a'.repeat(64),
        custody: [
          {
            at: '2021-07-20T10:15:00Z',
            action: 'collected',
            actor: 'organization--lab',
            sha256: 'a'.repeat(64),
            notes: PUBLIC_SECRETS.custodyNote,
          },
          {
            at: '2021-07-21T09:00:00Z',
            action: 'transferred',
            actor: 'organization--lab',
            to: 'organization--peer',
          },
        ],
      },
    ],
    findings: [
      {
        id: 'finding--ana',
        device: 'device--ana-iphone',
        evidence: ['evidence--ana-backup'],
        performedBy: 'organization--lab',
        performedAt: { value: '2021-07-22' },
        tool: { name: 'mvt-ios', version: '2.5.4' },
        indicatorSets: [
          { set: 'indicator-set--public', version: '2021-07-18', sha256: 'b'.repeat(64) },
          { set: 'indicator-set--private', version: 'r12', sha256: 'c'.repeat(64) },
        ],
        matches: [
          {
            indicator: 'indicator--clear-domain',
            type: 'domain',
            value: 'evil-clear.example',
            observedAt: '2021-07-09T03:12:00Z',
          },
          {
            indicator: 'indicator--amber-domain',
            type: 'domain',
            value: PUBLIC_SECRETS.amberIoc,
            artifact: PUBLIC_SECRETS.artifact,
            observedAt: '2021-07-10T04:00:00Z',
          },
        ],
        outcome: 'infected',
        infectionPeriod: { start: { value: '2021-07-09' }, end: { value: '2021-07-14' } },
        products: ['product--examplespy'],
        exploits: ['exploit--fakekick'],
        limitations: ['Only one backup was available; earlier infections cannot be excluded.'],
        confidence: { score: 90, label: 'high' },
      },
      {
        id: 'finding--bruno',
        device: 'device--bruno-android',
        performedBy: 'organization--lab',
        tool: { name: 'androidqf', version: '1.6.0' },
        outcome: 'inconclusive',
        limitations: ['Android logs are rotated after a few days.'],
      },
    ],
    reviews: [
      {
        id: 'review--peer',
        finding: 'finding--ana',
        reviewer: 'organization--peer',
        outcome: 'confirmed',
        at: { value: '2021-07-25' },
      },
    ],
    targeting: [
      {
        id: 'targeting--ana',
        person: 'person--ana',
        claimedLevel: 'independently-confirmed',
        bases: [{ kind: 'finding', finding: 'finding--ana' }],
      },
      {
        id: 'targeting--bruno',
        person: 'person--bruno',
        claimedLevel: 'listed',
        bases: [{ kind: 'listed', identifier: 'identifier--bruno-mail' }],
      },
      {
        id: 'targeting--carmen',
        person: 'person--carmen',
        claimedLevel: 'targeted',
        bases: [{ kind: 'attempt', event: 'event--carmen-lure' }],
      },
      {
        id: 'targeting--dora',
        person: 'person--dora',
        claimedLevel: 'listed',
        bases: [{ kind: 'listed', source: 'source--leak' }],
      },
    ],
    attributions: [
      {
        id: 'attribution--glacier',
        subjects: ['finding--ana'],
        operator: 'operator--glacier',
        supplier: 'organization--vendor',
        clientDescription: 'a government client of the vendor',
        suspectedState: 'AQ',
        basis: ['forensic-indicators', 'infrastructure-overlap'],
        confidence: { score: 70, label: 'medium', rationale: 'Infrastructure overlap with earlier cases.' },
        officialResponse: 'denied',
      },
    ],
    harms: [
      {
        id: 'harm--bruno-arrest',
        victim: 'person--bruno',
        kind: 'arrest',
        when: { start: { value: '2021-08-02' } },
        where: { country: 'AQ', city: PUBLIC_SECRETS.city },
        link: 'alleged',
        description: 'Arrested after visiting a client',
      },
      {
        id: 'harm--dora-killing',
        victim: 'person--dora',
        kind: 'killing',
        when: { start: { value: '2021-09-15' } },
        link: 'timing-only',
      },
    ],
    sources: [
      {
        id: 'source--letter',
        kind: 'ngo-letter',
        title: 'Joint letter on ExampleSpy',
        publisher: 'Example Press Freedom NGO',
        date: { value: '2021-09-30' },
        url: 'https://letter.example/2021/joint',
        reliability: 'B',
      },
      {
        id: 'source--leak',
        kind: 'leaked-dataset',
        title: 'Leaked targeting list',
        reliability: 'C',
        marking: { tlp: 'green' },
      },
    ],
    events: [
      {
        id: 'event--publication',
        kind: 'publication',
        when: { start: { value: '2021-07-18' } },
        description: 'Investigation published by the consortium',
      },
      {
        id: 'event--ana-infection',
        kind: 'infection',
        when: { start: { value: '2021-07-09' }, end: { value: '2021-07-14' } },
        description: 'Device infected',
        participants: ['person--ana'],
      },
      {
        id: 'event--bruno-arrest',
        kind: 'arrest',
        when: { start: { value: '2021-08-02' } },
        description: 'Lawyer arrested',
        participants: ['person--bruno'],
        where: { country: 'AQ', city: PUBLIC_SECRETS.city },
      },
      {
        id: 'event--dora-killing',
        kind: 'killing',
        when: { start: { value: '2021-09-15' } },
        description: 'Editor killed',
        participants: ['person--dora'],
      },
      {
        id: 'event--carmen-lure',
        kind: 'targeting-attempt',
        when: { start: { value: '2021-06-30' } },
        description: `SMS lure "${PUBLIC_SECRETS.lureSms}"`,
        participants: ['person--carmen'],
      },
      {
        id: 'event--hostile',
        kind: 'other',
        when: { start: { value: '2021-07-01' } },
        description:
          '=HYPERLINK("https://lure.example") lure text \u202Egnp.exe <script>alert(1)</script> | **x** [a](https://x.example)',
      },
      {
        id: 'event--hostile-2',
        kind: 'other',
        when: { start: { value: '2021-07-02' } },
        description: ' \u200e@SUM(1+1)*cmd|calc',
      },
    ],
    indicatorSets: [
      {
        id: 'indicator-set--public',
        name: 'ExampleSpy public IOCs',
        version: '2021-07-18',
        source: {
          repository: 'example/iocs',
          file: 'examplespy.stix2',
          commit: 'abcdef1',
          sha256: 'b'.repeat(64),
          licence: 'CC-BY-4.0',
        },
      },
      {
        id: 'indicator-set--private',
        name: 'Lab private IOCs',
        version: 'r12',
        marking: { tlp: 'amber' },
        source: { sha256: 'c'.repeat(64) },
      },
    ],
    indicators: [
      {
        id: 'indicator--clear-domain',
        set: 'indicator-set--public',
        type: 'domain',
        value: 'evil-clear.example',
      },
      {
        id: 'indicator--idn',
        set: 'indicator-set--public',
        type: 'url',
        value: 'https://bücher-lure.example/x?a=1',
      },
      {
        id: 'indicator--process',
        set: 'indicator-set--public',
        type: 'process-name',
        value: "=cmd|' /C calc'!A0",
      },
      {
        id: 'indicator--amber-domain',
        set: 'indicator-set--private',
        type: 'domain',
        value: PUBLIC_SECRETS.amberIoc,
      },
    ],
    aggregateClaims: [
      {
        id: 'claim--journalists',
        statement: 'journalists identified as potential targets',
        count: { n: 180, qualifier: 'at-least', unit: 'persons' },
        secondary: [{ n: 20, qualifier: 'exact', unit: 'countries' }],
        filter: { roles: ['journalist'], minLevel: 'listed' },
        citations: [{ source: 'source--letter', paragraph: 2 }],
      },
    ],
    interventions: [
      {
        id: 'intervention--letter',
        kind: 'joint-letter',
        by: ['organization--ngo'],
        byCount: { n: 86, qualifier: 'exact', unit: 'organizations' },
        addressedTo: ['organization--hrc'],
        date: { value: '2021-09-30' },
        demands: [
          { kind: 'independent-inquiry', status: 'pending' },
          {
            kind: 'moratorium-sale',
            status: 'pending',
            description: 'Halt the sale of spyware until safeguards exist',
          },
        ],
      },
    ],
  };
}

export function makeCase(mutate?: (input: DatasetInput) => void): Dataset {
  const input = caseInput();
  mutate?.(input);
  return DatasetSchema.parse(input);
}
