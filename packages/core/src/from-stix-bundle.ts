import type { Operator, Organization, Person, Product } from './actors.js';
import { ORGANIZATION_KINDS, PROFESSIONAL_ROLES } from './actors.js';
import { checkDataset } from './check-dataset.js';
import type { Tlp } from './common.js';
import { FuzzyDateSchema, RecordIdSchema, TLP_LEVELS } from './common.js';
import type { Dataset, DatasetInput } from './dataset.js';
import { DatasetSchema, SCHEMA_VERSION } from './dataset.js';
import { VigilError } from './errors.js';
import type { ForensicFinding, Review } from './evidence.js';
import type { Indicator, IndicatorSet } from './indicators.js';
import { IndicatorSchema } from './indicators.js';
import { VIGIL_STIX_NAMESPACE } from './internal/stix-ids.js';
import { parseSimplePattern } from './internal/stix-pattern.js';
import { uuidv5 } from './internal/uuid.js';
import type { Issue } from './issue.js';
import type { StixObject } from './stix-bundle.js';
import { tlpOfMarkingId } from './stix-markings.js';

/**
 * What {@link fromStixBundle} read: a dataset, and issues for every object or property it could not carry
 * back (warnings) plus the integrity issues of the result.
 *
 * @example
 * ```ts
 * import { fromStixBundle, type StixImportResult } from '@vigil/core';
 *
 * const result: StixImportResult = fromStixBundle({ type: 'bundle', id: 'bundle--2ed6657d-e927-568b-95e1-2665a8aea6a2', objects: [] });
 * result.dataset.persons.length; // 0
 * ```
 */
export type StixImportResult = { dataset: Dataset; issues: Issue[] };

/**
 * Imports what a STIX 2.1 bundle can carry back into Vigil records: identities (persons and organisations),
 * malware (products, with their vendor from `authored-by`), intrusion sets (operators, with `uses`),
 * indicators (single-comparison patterns, with `indicates`), sightings (findings: performer, outcome,
 * products or matched indicators, first and last seen) and opinions (reviews). A `report` gives the
 * dataset's id, title and marking; TLP markings (2.0, and 1.0 mapped to 2.0) become record markings. Vigil
 * ids come back from the `vigil` external references written by {@link toStixBundle}; other objects get ids
 * derived from their STIX ids.
 *
 * Not carried back (each gives a `STIX_NOT_IMPORTED` warning): `targets`, `attributed-to` and `exploits`
 * relationships, vulnerabilities and other object types. Devices are not in STIX, so imported findings have
 * none and support no ladder level; identity names come back as pseudonyms.
 *
 * @param bundle - A STIX bundle object or its JSON text.
 * @throws {@link VigilError} `INVALID_STIX` when the input is not a bundle with an `objects` array.
 *
 * @example
 * ```ts
 * import { fromStixBundle, parseDataset, toStixBundle } from '@vigil/core';
 *
 * const dataset = parseDataset({
 *   schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'green' },
 *   products: [{ id: 'product--spy', name: 'ExampleSpy', kind: 'spyware' }],
 * });
 * fromStixBundle(toStixBundle(dataset)).dataset.products[0]?.id; // 'product--spy'
 * ```
 */
export function fromStixBundle(bundle: unknown): StixImportResult {
  let input = bundle;
  if (typeof bundle === 'string') {
    try {
      input = JSON.parse(bundle) as unknown;
    } catch (error) {
      throw new VigilError('INVALID_STIX', 'The STIX bundle is not valid JSON', { cause: error });
    }
  }
  const raw = input as { type?: unknown; objects?: unknown } | null;
  if (raw === null || typeof raw !== 'object' || raw.type !== 'bundle' || !Array.isArray(raw.objects)) {
    throw new VigilError(
      'INVALID_STIX',
      'Expected a STIX bundle: an object with type "bundle" and an objects array',
    );
  }
  const objects = (raw.objects as unknown[]).filter(
    (o): o is StixObject =>
      typeof o === 'object' &&
      o !== null &&
      typeof (o as StixObject).type === 'string' &&
      typeof (o as StixObject).id === 'string',
  );
  const issues: Issue[] = [];
  const warn = (index: number, code: string, message: string): void => {
    issues.push({ code, path: ['objects', index], message, severity: 'warning' });
  };
  const byStixId = new Map<string, StixObject>();
  for (const o of objects) byStixId.set(o.id, o);
  const positions = new Map<unknown, number>((raw.objects as unknown[]).map((o, i) => [o, i]));
  const indexOf = (o: StixObject): number => positions.get(o) ?? -1;

  const vigilId = (o: StixObject, prefix: string): string => {
    const ref = o.external_references?.find((r) => r.source_name === 'vigil')?.external_id;
    if (ref !== undefined && RecordIdSchema.safeParse(ref).success && ref.startsWith(`${prefix}--`))
      return ref;
    const derived = `${prefix}--${o.id.slice(o.id.indexOf('--') + 2)}`;
    return RecordIdSchema.safeParse(derived).success
      ? derived
      : `${prefix}--${uuidv5(o.id, VIGIL_STIX_NAMESPACE)}`;
  };
  const tlpOf = (o: StixObject): Tlp | undefined => {
    for (const id of o.object_marking_refs ?? []) {
      const tlp = tlpOfMarkingId(id);
      if (tlp !== undefined) return tlp;
    }
    return undefined;
  };

  const report = objects.find((o) => o.type === 'report');
  const datasetTlp = (report === undefined ? undefined : tlpOf(report)) ?? 'clear';
  const markingFor = (o: StixObject): { marking?: { tlp: Tlp } } => {
    const tlp = tlpOf(o);
    return tlp !== undefined && TLP_LEVELS.indexOf(tlp) > TLP_LEVELS.indexOf(datasetTlp)
      ? { marking: { tlp } }
      : {};
  };
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

  const vigilOf = new Map<string, string>(); // STIX id → Vigil id
  const persons: Person[] = [];
  const organizations: Organization[] = [];
  const products: Product[] = [];
  const operators: Operator[] = [];
  const indicators: Indicator[] = [];
  const namedByRefs = new Map<Operator, unknown>();
  const findings: ForensicFinding[] = [];
  const reviews: Review[] = [];

  for (const o of objects) {
    const name = str(o.name);
    if (o.type === 'identity') {
      if (name === undefined) {
        warn(indexOf(o), 'STIX_NOT_IMPORTED', `Identity ${o.id} has no name`);
        continue;
      }
      const cls = str(o.identity_class);
      if (cls === 'individual' || cls === 'group') {
        const id = vigilId(o, 'person');
        const roles = strings(o.roles).filter((r): r is Person['roles'][number] =>
          (PROFESSIONAL_ROLES as readonly string[]).includes(r),
        );
        const person: Person = {
          id,
          pseudonym: name,
          roles,
          consent: { status: 'unknown' },
          ...markingFor(o),
        };
        if (cls === 'group') person.kind = 'group';
        if (
          typeof o.x_vigil_group_size === 'number' &&
          Number.isInteger(o.x_vigil_group_size) &&
          o.x_vigil_group_size > 0
        ) {
          person.groupSize = o.x_vigil_group_size;
        }
        persons.push(person);
        vigilOf.set(o.id, id);
      } else {
        const id = vigilId(o, 'organization');
        const kind = str(o.x_vigil_kind);
        const org: Organization = {
          id,
          name,
          kind: (ORGANIZATION_KINDS as readonly string[]).includes(kind ?? '')
            ? (kind as Organization['kind'])
            : 'other',
          ...markingFor(o),
        };
        const country = str(o.x_vigil_country);
        if (country !== undefined && /^[A-Z]{2}$/.test(country)) org.country = country;
        const aliases = strings(o.x_vigil_aliases);
        if (aliases.length > 0) org.aliases = aliases;
        organizations.push(org);
        vigilOf.set(o.id, id);
      }
    } else if (o.type === 'malware') {
      const id = vigilId(o, 'product');
      const kinds = [
        'spyware',
        'exploit-chain',
        'network-injection',
        'forensic-extraction-tool',
        'other',
      ] as const;
      const kind = str(o.x_vigil_kind);
      const product: Product = {
        id,
        name: name ?? strings(o.aliases)[0] ?? 'Unnamed malware',
        kind: (kinds as readonly string[]).includes(kind ?? '')
          ? (kind as Product['kind'])
          : strings(o.malware_types).includes('spyware')
            ? 'spyware'
            : 'other',
        ...markingFor(o),
      };
      const aliases = strings(o.aliases);
      if (aliases.length > 0) product.aliases = aliases;
      products.push(product);
      vigilOf.set(o.id, id);
    } else if (o.type === 'intrusion-set') {
      if (name === undefined) {
        warn(indexOf(o), 'STIX_NOT_IMPORTED', `Intrusion set ${o.id} has no name`);
        continue;
      }
      const id = vigilId(o, 'operator');
      const operator: Operator = { id, name, ...markingFor(o) };
      const country = str(o.x_vigil_suspected_country);
      if (country !== undefined && /^[A-Z]{2}$/.test(country)) operator.suspectedCountry = country;
      operators.push(operator);
      vigilOf.set(o.id, id);
      namedByRefs.set(operator, o.x_vigil_named_by_ref);
    } else if (o.type === 'indicator') {
      const parsed = parseSimplePattern(str(o.pattern) ?? '');
      const candidate = {
        id: vigilId(o, 'indicator'),
        set: str(o.x_vigil_set) ?? 'indicator-set--stix-import',
        type: str(o.x_vigil_type) ?? parsed?.type,
        value: parsed?.value,
        ...markingFor(o),
      };
      const checked = IndicatorSchema.safeParse(candidate);
      if (parsed === undefined || !checked.success) {
        warn(
          indexOf(o),
          'STIX_PATTERN_UNSUPPORTED',
          `Indicator ${o.id}: only single-comparison patterns are imported`,
        );
        continue;
      }
      indicators.push(checked.data);
      vigilOf.set(o.id, checked.data.id);
    }
  }

  const vigil = (stixRef: unknown): string | undefined =>
    typeof stixRef === 'string' ? vigilOf.get(stixRef) : undefined;
  for (const [operator, ref] of namedByRefs) {
    const namedBy = vigil(ref);
    if (namedBy?.startsWith('organization--')) operator.namedBy = namedBy;
  }
  for (const o of objects) {
    if (o.type === 'sighting') {
      const of = str(o.sighting_of_ref);
      const target = of === undefined ? undefined : byStixId.get(of);
      const outcome = str(o.x_vigil_outcome);
      const finding: ForensicFinding = {
        id: vigilId(o, 'finding'),
        outcome: outcome === 'attempted' || outcome === 'infected' ? outcome : 'infected',
        ...markingFor(o),
      };
      const by = vigil(o.created_by_ref);
      if (by?.startsWith('organization--')) finding.performedBy = by;
      const targetId = vigil(of);
      if (target?.type === 'malware' && targetId !== undefined) finding.products = [targetId];
      if (target?.type === 'indicator' && targetId !== undefined) finding.matches = [{ indicator: targetId }];
      const date = (v: unknown): string | undefined => {
        const value = str(v);
        return value !== undefined && FuzzyDateSchema.safeParse({ value }).success ? value : undefined;
      };
      const first = date(o.first_seen);
      const last = date(o.last_seen);
      if (first !== undefined)
        finding.infectionPeriod =
          last === undefined || last === first
            ? { start: { value: first } }
            : { start: { value: first }, end: { value: last } };
      findings.push(finding);
      vigilOf.set(o.id, finding.id);
    }
  }
  const productById = new Map(products.map((p) => [p.id, p]));
  const operatorById = new Map(operators.map((p) => [p.id, p]));
  const indicatorById = new Map(indicators.map((p) => [p.id, p]));
  const outcomes: Record<string, Review['outcome']> = {
    'strongly-agree': 'confirmed',
    agree: 'confirmed',
    disagree: 'disputed',
    'strongly-disagree': 'refuted',
  };
  for (const o of objects) {
    if (o.type === 'relationship') {
      const kind = str(o.relationship_type);
      const from = vigil(o.source_ref);
      const to = vigil(o.target_ref);
      const product = from === undefined ? undefined : productById.get(from);
      const operator = from === undefined ? undefined : operatorById.get(from);
      const indicator = from === undefined ? undefined : indicatorById.get(from);
      if (kind === 'authored-by' && product !== undefined && to?.startsWith('organization--')) {
        product.vendor = to;
      } else if (kind === 'uses' && operator !== undefined && to?.startsWith('product--')) {
        operator.products = [...(operator.products ?? []), to];
      } else if (kind === 'indicates' && indicator !== undefined && to?.startsWith('product--')) {
        indicator.products = [...(indicator.products ?? []), to];
      } else {
        warn(
          indexOf(o),
          'STIX_NOT_IMPORTED',
          `Relationship ${kind ?? '?'} (${o.id}) is not carried back into Vigil records`,
        );
      }
    } else if (o.type === 'opinion') {
      const finding = vigil(strings(o.object_refs)[0]);
      const reviewer = vigil(o.created_by_ref);
      const x = str(o.x_vigil_outcome);
      const outcome =
        x === 'confirmed' || x === 'disputed' || x === 'refuted' ? x : outcomes[str(o.opinion) ?? ''];
      if (
        finding?.startsWith('finding--') !== true ||
        reviewer?.startsWith('organization--') !== true ||
        outcome === undefined
      ) {
        warn(
          indexOf(o),
          'STIX_NOT_IMPORTED',
          `Opinion ${o.id} needs a sighting, an organisation as creator and a non-neutral opinion`,
        );
        continue;
      }
      reviews.push({ id: vigilId(o, 'review'), finding, reviewer, outcome, ...markingFor(o) });
    } else if (
      ![
        'identity',
        'malware',
        'intrusion-set',
        'indicator',
        'sighting',
        'report',
        'marking-definition',
      ].includes(o.type)
    ) {
      warn(indexOf(o), 'STIX_NOT_IMPORTED', `${o.type} objects are not carried back into Vigil records`);
    }
  }

  const setIds = [...new Set(indicators.map((i) => i.set))];
  const indicatorSets: IndicatorSet[] = setIds.map((id) => ({
    id,
    name: `Indicators imported from STIX (${id})`,
    source: {},
  }));
  const datasetId = report === undefined ? 'dataset--stix-import' : vigilId(report, 'dataset');
  const datasetInput: DatasetInput = {
    schemaVersion: SCHEMA_VERSION,
    id: datasetId,
    title: (report === undefined ? undefined : str(report.name)) ?? 'Imported STIX bundle',
    marking: { tlp: datasetTlp },
    persons,
    organizations,
    products,
    operators,
    findings,
    reviews,
    indicatorSets,
    indicators,
  };
  const description = report === undefined ? undefined : str(report.description);
  if (description !== undefined) datasetInput.description = description;
  const parsed = DatasetSchema.safeParse(datasetInput);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new VigilError(
      'INVALID_STIX',
      `The bundle could not be read into a dataset: ${first?.message ?? 'unknown problem'} at ${first?.path.join('.') ?? ''}`,
    );
  }
  return { dataset: parsed.data, issues: [...issues, ...checkDataset(parsed.data)] };
}
