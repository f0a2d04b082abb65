import type { Person } from './actors.js';
import type { Marking, Tlp } from './common.js';
import { TLP_LEVELS } from './common.js';
import type { Dataset } from './dataset.js';
import { effectiveMarking } from './effective-marking.js';
import { dateBounds } from './internal/dates.js';
import { deriveLadder } from './internal/ladder.js';
import { stixId } from './internal/stix-ids.js';
import { stixPattern } from './internal/stix-pattern.js';
import type { StixBundle, StixExternalReference, StixObject } from './stix-bundle.js';
import { TLP_MARKING_IDS, tlpMarkingDefinition } from './stix-markings.js';

/**
 * Options of {@link toStixBundle}.
 *
 * @example
 * ```ts
 * import type { StixExportOptions } from '@vigil/core';
 *
 * const options: StixExportOptions = { timestamp: '2021-09-30T00:00:00.000Z', maxTlp: 'green' };
 * ```
 */
export type StixExportOptions = {
  /** `created`, `modified`, `published` and `valid_from` of every object. @default the current time */
  timestamp?: string;
  /** Leave out every record whose effective marking is stricter than this (and what refers to it). @default 'red' (keep all) */
  maxTlp?: Tlp;
  /**
   * Write a person's `realName` as the identity name where consent or the marking allows it (the rule of
   * `NAME_WITHOUT_CONSENT`); otherwise, and by default, identities carry the pseudonym only.
   * @default false
   */
  includeRealNames?: boolean;
};

/**
 * Exports a dataset as a STIX 2.1 bundle, valid against the OASIS JSON schemas:
 *
 * - persons → `identity` (individual or group; **pseudonym only** unless `includeRealNames` and consent or
 *   marking allow), with the derived rung as `x_vigil_evidence_level`; organisations → `identity`;
 * - products → `malware` (family), with `authored-by` → the vendor's identity; operators → `intrusion-set`
 *   with `uses` → malware; exploits' CVEs → `vulnerability` with malware `exploits` → vulnerability;
 * - targeting assessments → `targets` relationships from the product (or operator) to the person; attributions
 *   with an operator and a client → `attributed-to`; indicators → `indicator` with `indicates` → malware;
 * - findings of infection or attempt → `sighting` of the malware (or matched indicator) where the device's
 *   user was; reviews → `opinion` on that sighting (confirmed → agree, disputed → disagree, refuted →
 *   strongly-disagree);
 * - the dataset → `report`; markings → the official TLP 2.0 marking definitions on every object;
 * - citations → external references (source title and paragraph; quotes only with `includeRealNames`, since
 *   a quote may name a person).
 *
 * Identifiers, devices, evidence items, harms, events, sources, aggregate claims and interventions stay out:
 * STIX has no faithful place for them, and identifiers and devices are victim data. Ids are deterministic
 * (UUIDv5 of the Vigil id); each object names its Vigil id in an external reference (`source_name: vigil`).
 *
 * @example
 * ```ts
 * import { parseDataset, toStixBundle } from '@vigil/core';
 *
 * const dataset = parseDataset({
 *   schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' },
 *   organizations: [{ id: 'organization--vendor', name: 'Example Vendor', kind: 'vendor' }],
 *   products: [{ id: 'product--spy', name: 'ExampleSpy', vendor: 'organization--vendor', kind: 'spyware' }],
 * });
 * const bundle = toStixBundle(dataset, { timestamp: '2021-09-30T00:00:00.000Z' });
 * bundle.objects.map((o) => o.type); // ['marking-definition', 'identity', 'malware', 'relationship', 'report']
 * ```
 */
export function toStixBundle(dataset: Dataset, options: StixExportOptions = {}): StixBundle {
  const ts = options.timestamp ?? new Date().toISOString();
  const maxRank = TLP_LEVELS.indexOf(options.maxTlp ?? 'red');
  const usedTlp = new Set<Tlp>();
  const objects: StixObject[] = [];
  const exported = new Map<string, string>(); // Vigil id → STIX id
  const sources = new Map(dataset.sources.map((s) => [s.id, s]));
  const ladder = deriveLadder(dataset);

  const markingOf = (record: { marking?: Marking | undefined }): Tlp => effectiveMarking(dataset, record).tlp;
  const allowed = (tlp: Tlp): boolean => TLP_LEVELS.indexOf(tlp) <= maxRank;
  const stricter = (...levels: Tlp[]): Tlp =>
    levels.reduce((a, b) => (TLP_LEVELS.indexOf(b) > TLP_LEVELS.indexOf(a) ? b : a), 'clear');
  const owner = (): string | undefined =>
    dataset.owner === undefined ? undefined : exported.get(dataset.owner);

  const refsFor = (record: {
    id: string;
    citations?: { source: string; paragraph?: number | undefined; quote?: string | undefined }[] | undefined;
  }): StixExternalReference[] => {
    const refs: StixExternalReference[] = [{ source_name: 'vigil', external_id: record.id }];
    for (const c of record.citations ?? []) {
      const source = sources.get(c.source);
      if (source === undefined || !allowed(markingOf(source))) continue;
      // Quotes may name people: they go out only with includeRealNames.
      const quote = options.includeRealNames === true ? c.quote : undefined;
      const where = [
        c.paragraph === undefined ? '' : `paragraph ${c.paragraph}`,
        quote === undefined ? '' : `"${quote}"`,
      ]
        .filter((s) => s !== '')
        .join(': ');
      const ref: StixExternalReference = { source_name: source.title };
      if (where !== '') ref.description = where;
      if (source.url !== undefined) ref.url = source.url;
      if (ref.description === undefined && ref.url === undefined) ref.description = 'cited source';
      refs.push(ref);
    }
    return refs;
  };

  const push = (object: StixObject, tlp: Tlp, vigilId?: string): void => {
    usedTlp.add(tlp);
    object.object_marking_refs = [TLP_MARKING_IDS[tlp]];
    objects.push(object);
    if (vigilId !== undefined) exported.set(vigilId, object.id);
  };
  const base = (type: string, id: string): StixObject => {
    const object: StixObject = { type, spec_version: '2.1', id, created: ts, modified: ts };
    if (dataset.lang !== undefined) object.lang = dataset.lang;
    return object;
  };
  const recordTlp = new Map<string, Tlp>();
  const relationshipIds = new Set<string>();
  const relationship = (
    kind: string,
    from: string,
    to: string,
    tlp: Tlp,
    extra: Record<string, unknown> = {},
  ): void => {
    const source = exported.get(from);
    const target = exported.get(to);
    if (source === undefined || target === undefined) return;
    const id = stixId('relationship', `${kind}|${from}|${to}`);
    if (relationshipIds.has(id)) return;
    const t = stricter(tlp, recordTlp.get(from) ?? 'clear', recordTlp.get(to) ?? 'clear');
    if (!allowed(t)) return;
    const object = {
      ...base('relationship', id),
      relationship_type: kind,
      source_ref: source,
      target_ref: target,
      ...extra,
    };
    const by = owner();
    if (by !== undefined) object.created_by_ref = by;
    relationshipIds.add(id);
    push(object, t);
  };
  const record = <R extends { id: string; marking?: Marking | undefined }>(
    r: R,
    type: string,
    build: (object: StixObject) => void,
  ): void => {
    const tlp = markingOf(r);
    recordTlp.set(r.id, tlp);
    if (!allowed(tlp)) return;
    const object = base(type, stixId(type, r.id));
    build(object);
    object.external_references = refsFor(r as never);
    push(object, tlp, r.id);
  };

  // Organisations first, so created_by_ref can point at the owner.
  for (const org of dataset.organizations) {
    record(org, 'identity', (o) => {
      o.name = org.name;
      o.identity_class = 'organization';
      o.x_vigil_kind = org.kind;
      if (org.country !== undefined) o.x_vigil_country = org.country;
      if (org.aliases !== undefined && org.aliases.length > 0) o.x_vigil_aliases = [...org.aliases];
    });
  }
  const ownerId = owner();
  if (ownerId !== undefined) for (const o of objects) if (o.id !== ownerId) o.created_by_ref = ownerId;

  for (const person of dataset.persons) {
    record(person, 'identity', (o) => {
      o.name = nameFor(person, markingOf(person), options.includeRealNames === true);
      o.identity_class = person.kind === 'group' ? 'group' : 'individual';
      if (person.roles.length > 0) o.roles = [...person.roles];
      if (person.groupSize !== undefined) o.x_vigil_group_size = person.groupSize;
      const level = ladder.byPerson.get(person.id);
      if (level !== undefined) o.x_vigil_evidence_level = level;
      if (ownerId !== undefined) o.created_by_ref = ownerId;
    });
  }
  for (const product of dataset.products) {
    record(product, 'malware', (o) => {
      o.name = product.name;
      o.is_family = true;
      o.malware_types = [product.kind === 'spyware' ? 'spyware' : 'unknown'];
      o.x_vigil_kind = product.kind;
      if (product.aliases !== undefined && product.aliases.length > 0) o.aliases = [...product.aliases];
      if (ownerId !== undefined) o.created_by_ref = ownerId;
    });
    if (product.vendor !== undefined)
      relationship('authored-by', product.id, product.vendor, markingOf(product));
  }
  for (const operator of dataset.operators) {
    record(operator, 'intrusion-set', (o) => {
      o.name = operator.name;
      if (operator.suspectedCountry !== undefined) o.x_vigil_suspected_country = operator.suspectedCountry;
      const namedBy = operator.namedBy === undefined ? undefined : exported.get(operator.namedBy);
      if (namedBy !== undefined) o.x_vigil_named_by_ref = namedBy;
      if (ownerId !== undefined) o.created_by_ref = ownerId;
    });
    for (const product of operator.products ?? [])
      relationship('uses', operator.id, product, markingOf(operator));
  }
  for (const exploit of dataset.exploits) {
    const tlp = markingOf(exploit);
    if (!allowed(tlp)) continue;
    for (const cve of exploit.cves ?? []) {
      const key = `vulnerability|${cve}`;
      recordTlp.set(key, stricter(recordTlp.get(key) ?? 'clear', tlp));
      if (!exported.has(key)) {
        const o = base('vulnerability', stixId('vulnerability', cve));
        o.name = cve;
        o.description = `Exploited by ${exploit.name} (${exploit.interaction})`;
        o.external_references = [{ source_name: 'cve', external_id: cve }];
        push(o, tlp, key);
      }
      for (const product of exploit.products ?? []) relationship('exploits', product, key, tlp);
    }
  }
  for (const indicator of dataset.indicators) {
    const pattern = stixPattern(indicator.type, indicator.value);
    record(indicator, 'indicator', (o) => {
      o.name = indicator.value;
      o.pattern = pattern;
      o.pattern_type = 'stix';
      o.pattern_version = '2.1';
      o.valid_from = ts;
      o.indicator_types = ['malicious-activity'];
      o.x_vigil_set = indicator.set;
      o.x_vigil_type = indicator.type;
      if (ownerId !== undefined) o.created_by_ref = ownerId;
    });
    const set = dataset.indicatorSets.find((s) => s.id === indicator.set);
    for (const product of new Set([...(indicator.products ?? []), ...(set?.products ?? [])])) {
      relationship('indicates', indicator.id, product, markingOf(indicator));
    }
  }
  dataset.targeting.forEach((assessment, i) => {
    const from = assessment.product ?? assessment.operator;
    if (from === undefined) return;
    const extra: Record<string, unknown> = { external_references: refsFor(assessment) };
    const level = ladder.byAssessment[i];
    if (level !== undefined) extra.x_vigil_evidence_level = level;
    if (assessment.claimedLevel !== undefined) extra.x_vigil_claimed_level = assessment.claimedLevel;
    relationship('targets', from, assessment.person, markingOf(assessment), extra);
  });
  for (const attribution of dataset.attributions) {
    if (attribution.operator === undefined || attribution.client === undefined) continue;
    const extra: Record<string, unknown> = {
      external_references: refsFor(attribution),
      x_vigil_basis: [...attribution.basis],
    };
    if (attribution.confidence !== undefined) extra.confidence = attribution.confidence.score;
    relationship('attributed-to', attribution.operator, attribution.client, markingOf(attribution), extra);
  }

  const devices = new Map(dataset.devices.map((d) => [d.id, d]));
  for (const finding of dataset.findings) {
    if (finding.outcome !== 'infected' && finding.outcome !== 'attempted') continue;
    const of =
      (finding.products ?? []).map((p) => exported.get(p)).find((id) => id !== undefined) ??
      (finding.matches ?? [])
        .map((m) => (m.indicator === undefined ? undefined : exported.get(m.indicator)))
        .find((id) => id !== undefined);
    if (of === undefined) continue;
    const user = finding.device === undefined ? undefined : devices.get(finding.device)?.user;
    const tlp = stricter(markingOf(finding), user === undefined ? 'clear' : (recordTlp.get(user) ?? 'clear'));
    recordTlp.set(finding.id, tlp);
    if (!allowed(tlp)) continue;
    const o = base('sighting', stixId('sighting', finding.id));
    o.sighting_of_ref = of;
    const where = user === undefined ? undefined : exported.get(user);
    if (where !== undefined) o.where_sighted_refs = [where];
    const by = finding.performedBy === undefined ? undefined : exported.get(finding.performedBy);
    if (by !== undefined) o.created_by_ref = by;
    const first = finding.infectionPeriod?.start;
    const last = finding.infectionPeriod?.end ?? finding.infectionPeriod?.start;
    const firstBounds = first === undefined ? undefined : dateBounds(first.value);
    const lastBounds = last === undefined ? undefined : dateBounds(last.value);
    if (firstBounds?.ok === true) o.first_seen = new Date(firstBounds.earliest).toISOString();
    if (lastBounds?.ok === true) o.last_seen = new Date(lastBounds.latest).toISOString();
    o.description = `Forensic finding: ${finding.outcome}`;
    o.x_vigil_outcome = finding.outcome;
    if (finding.confidence !== undefined) o.confidence = finding.confidence.score;
    o.external_references = refsFor(finding);
    push(o, tlp, finding.id);
  }
  const opinions: Record<string, string> = {
    confirmed: 'agree',
    disputed: 'disagree',
    refuted: 'strongly-disagree',
  };
  for (const review of dataset.reviews) {
    const sighting = exported.get(review.finding);
    if (sighting === undefined) continue;
    const tlp = stricter(markingOf(review), recordTlp.get(review.finding) ?? 'clear');
    if (!allowed(tlp)) continue;
    const o = base('opinion', stixId('opinion', review.id));
    o.object_refs = [sighting];
    o.opinion = opinions[review.outcome];
    o.explanation = `Independent review of the finding: ${review.outcome}`;
    o.x_vigil_outcome = review.outcome;
    const by = exported.get(review.reviewer);
    if (by !== undefined) o.created_by_ref = by;
    o.external_references = refsFor(review);
    push(o, tlp, review.id);
  }

  const datasetTlp = dataset.marking.tlp;
  const report = base('report', stixId('report', dataset.id));
  report.name = dataset.title;
  if (dataset.description !== undefined) report.description = dataset.description;
  report.report_types = ['threat-report'];
  report.published = ts;
  const refs = objects.map((o) => o.id);
  usedTlp.add(datasetTlp);
  report.object_refs = refs.length > 0 ? refs : [TLP_MARKING_IDS[datasetTlp]];
  report.external_references = [{ source_name: 'vigil', external_id: dataset.id }];
  if (ownerId !== undefined) report.created_by_ref = ownerId;
  report.object_marking_refs = [TLP_MARKING_IDS[datasetTlp]];
  report.x_vigil_schema_version = dataset.schemaVersion;

  const markings = TLP_LEVELS.filter((t) => usedTlp.has(t)).map(
    (t) => tlpMarkingDefinition(t) as unknown as StixObject,
  );
  return {
    type: 'bundle',
    id: stixId('bundle', `${dataset.id}|${ts}|${options.maxTlp ?? 'red'}`),
    objects: [...markings, ...objects, report],
  };
}

function nameFor(person: Person, tlp: Tlp, includeRealNames: boolean): string {
  if (!includeRealNames || person.realName === undefined) return person.pseudonym;
  const consent = person.consent;
  const consented =
    (consent.status === 'given' && (consent.scope ?? []).includes('publish-name')) ||
    (consent.status === 'not-required' && (consent.basis ?? '').trim() !== '');
  return consented || tlp !== 'clear' ? person.realName : person.pseudonym;
}
