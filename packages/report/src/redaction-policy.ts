import type { CollectionName } from '@vigil/core';
import type { Audience } from './audience.js';

/**
 * How a field of the data model is classified for redaction (see `docs/redaction.md`):
 * - `id`: the record's own id (always replaced by a keyed, opaque reference);
 * - `ref`: a reference to another record (an opaque reference when that record is visible, else dropped);
 * - `ref!`: a required reference: when its target is not visible, the object holding it is dropped;
 * - `meta`: closed vocabularies and structural values (kinds, outcomes, scores, qualifiers);
 * - `te`: technical evidence (indicator values, tool names and versions, hashes, CVEs), governed by markings;
 * - `text`: narrative written for reports (titles, descriptions, statements), kept after scrubbing;
 * - `date`: a date that identifies nobody; `date-q`: a date tied to a person (month-level for `public`);
 * - `loc-incident`: the region or city of an incident; `loc-person`: where a person lives;
 * - `qi`: a free-text quasi-identifier; `qi-code`: a coded quasi-identifier (nationality, at-risk group);
 * - `di`: a direct identifier (phone, e-mail, serial, device name, model);
 * - `name`: a person's real name, shown only where consent allows;
 * - `ct`: private content and analyst notes; `ls`: lab-sensitive (custody actors, artifact paths, methods);
 * - `cm`: case management (consent records);
 * - `mark`: marking metadata (replaced by the computed marking of the output).
 *
 * @example
 * ```ts
 * import type { FieldClass } from '@vigil/report';
 *
 * const cls: FieldClass = 'di';
 * ```
 */
export type FieldClass =
  | 'id'
  | 'ref'
  | 'ref!'
  | 'meta'
  | 'te'
  | 'text'
  | 'date'
  | 'date-q'
  | 'loc-incident'
  | 'loc-person'
  | 'qi'
  | 'qi-code'
  | 'di'
  | 'name'
  | 'ct'
  | 'ls'
  | 'cm'
  | 'mark';

/**
 * What a projection does with a field for one audience:
 * `keep`, `drop`, `ref` (opaque reference), `month` (date generalised to the month), `name` (real name by
 * consent), `direct` (direct identifier: internal copies with `includeDirectIdentifiers` only; the victim's own).
 *
 * @example
 * ```ts
 * import type { FieldAction } from '@vigil/report';
 *
 * const action: FieldAction = 'month';
 * ```
 */
export type FieldAction = 'keep' | 'drop' | 'ref' | 'month' | 'name' | 'direct';

/**
 * The action each field class gets for each audience. Monotone: no audience further left sees more.
 *
 * @example
 * ```ts
 * import { CLASS_ACTIONS } from '@vigil/report';
 *
 * CLASS_ACTIONS.di.public; // 'drop'
 * ```
 */
export const CLASS_ACTIONS: { readonly [C in FieldClass]: { readonly [A in Audience]: FieldAction } } = {
  id: { public: 'ref', partners: 'ref', internal: 'ref', victim: 'ref', 'un-submission': 'ref' },
  ref: { public: 'ref', partners: 'ref', internal: 'ref', victim: 'ref', 'un-submission': 'ref' },
  'ref!': { public: 'ref', partners: 'ref', internal: 'ref', victim: 'ref', 'un-submission': 'ref' },
  meta: { public: 'keep', partners: 'keep', internal: 'keep', victim: 'keep', 'un-submission': 'keep' },
  te: { public: 'keep', partners: 'keep', internal: 'keep', victim: 'keep', 'un-submission': 'keep' },
  text: { public: 'keep', partners: 'keep', internal: 'keep', victim: 'keep', 'un-submission': 'keep' },
  date: { public: 'keep', partners: 'keep', internal: 'keep', victim: 'keep', 'un-submission': 'keep' },
  'date-q': { public: 'month', partners: 'keep', internal: 'keep', victim: 'keep', 'un-submission': 'keep' },
  'loc-incident': {
    public: 'drop',
    partners: 'keep',
    internal: 'keep',
    victim: 'keep',
    'un-submission': 'keep',
  },
  'loc-person': {
    public: 'drop',
    partners: 'drop',
    internal: 'keep',
    victim: 'keep',
    'un-submission': 'drop',
  },
  qi: { public: 'drop', partners: 'keep', internal: 'keep', victim: 'keep', 'un-submission': 'keep' },
  'qi-code': { public: 'drop', partners: 'keep', internal: 'keep', victim: 'keep', 'un-submission': 'keep' },
  di: { public: 'drop', partners: 'drop', internal: 'direct', victim: 'direct', 'un-submission': 'drop' },
  name: { public: 'name', partners: 'name', internal: 'name', victim: 'name', 'un-submission': 'name' },
  ct: { public: 'drop', partners: 'drop', internal: 'keep', victim: 'drop', 'un-submission': 'drop' },
  ls: { public: 'drop', partners: 'drop', internal: 'keep', victim: 'drop', 'un-submission': 'drop' },
  cm: { public: 'drop', partners: 'drop', internal: 'keep', victim: 'keep', 'un-submission': 'keep' },
  mark: { public: 'drop', partners: 'drop', internal: 'drop', victim: 'drop', 'un-submission': 'drop' },
};

type Table = Record<string, FieldClass>;

function fuzzy(path: string, cls: 'date' | 'date-q'): Table {
  return { [`${path}.value`]: cls, [`${path}.qualifier`]: 'meta' };
}
function period(path: string, cls: 'date' | 'date-q'): Table {
  return { ...fuzzy(`${path}.start`, cls), ...fuzzy(`${path}.end`, cls) };
}
function confidence(path: string): Table {
  return { [`${path}.score`]: 'meta', [`${path}.label`]: 'meta', [`${path}.rationale`]: 'text' };
}
function count(path: string): Table {
  return { [`${path}.n`]: 'meta', [`${path}.qualifier`]: 'meta', [`${path}.unit`]: 'meta' };
}
function location(path: string, fine: 'loc-incident' | 'loc-person'): Table {
  return { [`${path}.country`]: 'meta', [`${path}.region`]: fine, [`${path}.city`]: fine };
}

const BASE: Table = {
  id: 'id',
  'marking.tlp': 'mark',
  'marking.audience[]': 'mark',
  'marking.sensitiveFields[]': 'mark',
  'marking.statement': 'mark',
  'citations[].source': 'ref!',
  'citations[].paragraph': 'meta',
  'citations[].page': 'meta',
  'citations[].locator': 'meta',
  'citations[].quote': 'text',
  notes: 'ct',
};

/**
 * The redaction policy: the class of every leaf field of every collection of the core model (paths relative
 * to a record, `[]` for array elements). The projection is an allow-list driven by this table: a field not
 * listed is dropped, and a test fails when the core model gains a field this table does not list.
 *
 * @example
 * ```ts
 * import { REDACTION_POLICY } from '@vigil/report';
 *
 * REDACTION_POLICY.persons.realName; // 'name'
 * REDACTION_POLICY.identifiers.value; // 'di'
 * ```
 */
export const REDACTION_POLICY: { readonly [K in CollectionName]: Readonly<Record<string, FieldClass>> } = {
  persons: {
    ...BASE,
    pseudonym: 'text',
    kind: 'meta',
    groupSize: 'meta',
    realName: 'name',
    'roles[]': 'meta',
    roleDescription: 'qi',
    'atRiskGroups[]': 'qi-code',
    'nationality[]': 'qi-code',
    ...location('location', 'loc-person'),
    'affiliations[].organization': 'ref!',
    'affiliations[].role': 'qi',
    ...period('affiliations[].period', 'date-q'),
    'relationships[].kind': 'meta',
    'relationships[].to': 'ref!',
    ...period('relationships[].period', 'date-q'),
    ...fuzzy('deceased.date', 'date'),
    'deceased.circumstance': 'text',
    'consent.status': 'cm',
    'consent.scope[]': 'cm',
    ...fuzzy('consent.date', 'date'),
    'consent.basis': 'ct',
  },
  organizations: {
    ...BASE,
    name: 'text',
    kind: 'meta',
    country: 'meta',
    'aliases[]': 'text',
    parent: 'ref',
  },
  products: {
    ...BASE,
    name: 'te',
    vendor: 'ref',
    kind: 'meta',
    'aliases[]': 'te',
    'platforms[]': 'meta',
    'versions[].label': 'te',
    ...period('versions[].period', 'date'),
  },
  exploits: {
    ...BASE,
    name: 'te',
    'cves[]': 'te',
    interaction: 'meta',
    vector: 'meta',
    'products[]': 'ref',
    ...fuzzy('firstSeen', 'date'),
  },
  operators: {
    ...BASE,
    name: 'te',
    namedBy: 'ref',
    'products[]': 'ref',
    suspectedCountry: 'meta',
    ...period('active', 'date'),
  },
  identifiers: {
    ...BASE,
    kind: 'meta',
    value: 'di',
    platform: 'meta',
    'links[].person': 'ref!',
    ...fuzzy('links[].from', 'date-q'),
    ...fuzzy('links[].to', 'date-q'),
    'links[].assertedBy': 'ref',
    ...confidence('links[].confidence'),
    'listedIn[]': 'ref',
  },
  devices: {
    ...BASE,
    kind: 'meta',
    platform: 'meta',
    model: 'di',
    osVersion: 'qi',
    serial: 'di',
    user: 'ref!',
    label: 'di',
  },
  evidence: {
    ...BASE,
    kind: 'meta',
    description: 'ct',
    device: 'ref',
    'acquisition.at': 'date-q',
    'acquisition.by': 'ref',
    'acquisition.tool.name': 'te',
    'acquisition.tool.version': 'te',
    'acquisition.method': 'ls',
    sha256: 'te',
    'custody[].at': 'date-q',
    'custody[].action': 'meta',
    'custody[].actor': 'ls',
    'custody[].to': 'ls',
    'custody[].sha256': 'te',
    'custody[].notes': 'ct',
  },
  findings: {
    ...BASE,
    device: 'ref',
    'evidence[]': 'ref',
    performedBy: 'ref',
    ...fuzzy('performedAt', 'date-q'),
    'tool.name': 'te',
    'tool.version': 'te',
    'indicatorSets[].set': 'ref!',
    'indicatorSets[].version': 'te',
    'indicatorSets[].sha256': 'te',
    'matches[].indicator': 'ref!',
    'matches[].type': 'meta',
    'matches[].value': 'te',
    'matches[].artifact': 'ls',
    'matches[].observedAt': 'date-q',
    outcome: 'meta',
    ...period('infectionPeriod', 'date-q'),
    'products[]': 'ref',
    'exploits[]': 'ref',
    'limitations[]': 'text',
    ...confidence('confidence'),
  },
  reviews: {
    ...BASE,
    finding: 'ref!',
    reviewer: 'ref',
    outcome: 'meta',
    ...fuzzy('at', 'date-q'),
  },
  targeting: {
    ...BASE,
    person: 'ref!',
    claimedLevel: 'meta',
    'bases[].kind': 'meta',
    'bases[].identifier': 'ref',
    'bases[].source': 'ref',
    'bases[].event': 'ref',
    'bases[].finding': 'ref',
    product: 'ref',
    operator: 'ref',
    ...period('period', 'date-q'),
    'rationale.kind': 'meta',
    'rationale.person': 'ref',
    'rationale.description': 'qi',
  },
  attributions: {
    ...BASE,
    'subjects[]': 'ref',
    operator: 'ref',
    supplier: 'ref',
    client: 'ref',
    clientDescription: 'text',
    suspectedState: 'meta',
    'basis[]': 'meta',
    ...confidence('confidence'),
    officialResponse: 'meta',
  },
  harms: {
    ...BASE,
    victim: 'ref!',
    kind: 'meta',
    ...period('when', 'date-q'),
    ...location('where', 'loc-incident'),
    description: 'text',
    sentence: 'text',
    link: 'meta',
  },
  sources: {
    ...BASE,
    kind: 'meta',
    title: 'text',
    publisher: 'text',
    ...fuzzy('date', 'date'),
    url: 'te',
    reliability: 'meta',
  },
  events: {
    ...BASE,
    kind: 'meta',
    ...period('when', 'date-q'),
    'relativeTo.event': 'ref!',
    'relativeTo.relation': 'meta',
    'relativeTo.days': 'meta',
    description: 'text',
    'participants[]': 'ref',
    ...location('where', 'loc-incident'),
  },
  indicatorSets: {
    ...BASE,
    name: 'te',
    version: 'te',
    'products[]': 'ref',
    'source.repository': 'te',
    'source.file': 'te',
    'source.commit': 'te',
    'source.url': 'te',
    'source.sha256': 'te',
    'source.licence': 'te',
    'source.retrievedAt': 'date',
  },
  indicators: {
    ...BASE,
    set: 'ref!',
    type: 'meta',
    value: 'te',
    stixId: 'ls',
    'products[]': 'ref',
  },
  aggregateClaims: {
    ...BASE,
    statement: 'text',
    ...count('count'),
    ...count('secondary[]'),
    'filter.roles[]': 'meta',
    'filter.countries[]': 'meta',
    'filter.minLevel': 'meta',
    'members[]': 'ref',
    ...period('period', 'date'),
  },
  interventions: {
    ...BASE,
    kind: 'meta',
    'by[]': 'ref',
    ...count('byCount'),
    'addressedTo[]': 'ref',
    ...fuzzy('date', 'date'),
    'demands[].kind': 'meta',
    'demands[].status': 'meta',
    'demands[].description': 'text',
  },
};

/**
 * The policy of the dataset's own (top-level, non-collection) fields.
 *
 * @example
 * ```ts
 * import { DATASET_FIELD_POLICY } from '@vigil/report';
 *
 * DATASET_FIELD_POLICY.title; // 'text'
 * ```
 */
export const DATASET_FIELD_POLICY: Readonly<Record<string, FieldClass>> = {
  schemaVersion: 'meta',
  id: 'id',
  title: 'text',
  description: 'text',
  lang: 'meta',
  'marking.tlp': 'mark',
  'marking.audience[]': 'mark',
  'marking.sensitiveFields[]': 'mark',
  'marking.statement': 'mark',
  owner: 'ref',
};
