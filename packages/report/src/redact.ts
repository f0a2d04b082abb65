import type { CollectionName, Dataset, Marking, Tlp } from '@vigil/core';
import {
  COLLECTIONS,
  ConsentSchema,
  effectiveMarking,
  reconcileAggregateClaims,
  TLP_LEVELS,
} from '@vigil/core';
import type { Audience } from './audience.js';
import { AUDIENCE_TLP, isAudience } from './audience.js';
import { hmacSha256, toCode } from './internal/hmac.js';
import { containsNeedle, needleVariants, normalizeForMatch } from './internal/normalize.js';
import { INVISIBLE } from './internal/text.js';
import type { RedactedCase } from './redacted-case.js';
import { REDACTED_CASE } from './redacted-case.js';
import type { FieldAction, FieldClass } from './redaction-policy.js';
import { CLASS_ACTIONS, REDACTION_POLICY } from './redaction-policy.js';
import { ReportError } from './report-error.js';

/**
 * Options of {@link redactCase}.
 *
 * @example
 * ```ts
 * import type { RedactOptions } from '@vigil/report';
 *
 * const options: RedactOptions = { audience: 'victim', secret: 'per-case secret of 16+ chars', person: 'person--p1' };
 * ```
 */
export interface RedactOptions {
  /** Who the output is for. */
  readonly audience: Audience;
  /**
   * The per-case secret (at least 16 characters) keying pseudonymous codes and opaque references. Keep it
   * with the case, never in an output; the same secret gives the same codes in every format.
   */
  readonly secret: string;
  /** For `victim`: the id of the person whose copy this is (required). */
  readonly person?: string;
  /**
   * For `partners`: the TLP ceiling of the sharing agreement.
   * @default 'amber'
   */
  readonly partnerTlp?: 'green' | 'amber';
  /** The organisation (record id) receiving the output: lets AMBER+STRICT/RED records listing it in `marking.audience` through, within the audience's ceiling. */
  readonly recipient?: string;
  /**
   * For `internal`: show direct identifiers (phone numbers, serials, device names).
   * @default false
   */
  readonly includeDirectIdentifiers?: boolean;
  /**
   * Below this many unnamed people shown with the same roles and country, a `SMALL_GROUP` warning is added
   * (`public`, `partners`, `un-submission`).
   * @default 3
   */
  readonly minGroupSize?: number;
}

const brandRegistry = new WeakSet<object>();
const sensitiveRegistry = new WeakMap<object, readonly string[]>();
const idKeyRegistry = new WeakMap<object, string>();

/** @internal The keyed id derivation key of a view (derived from the secret, never the secret). */
export function idKeyOf(redacted: RedactedCase): string {
  const key = idKeyRegistry.get(redacted);
  if (key === undefined) throw new ReportError('INVALID_OPTIONS', 'Not a RedactedCase made by redactCase()');
  return key;
}

/**
 * Tells whether a value is a {@link RedactedCase} made by {@link redactCase} (forged objects are refused).
 *
 * @example
 * ```ts
 * import { isRedactedCase } from '@vigil/report';
 *
 * isRedactedCase({ audience: 'public' }); // false
 * ```
 */
export function isRedactedCase(value: unknown): value is RedactedCase {
  return typeof value === 'object' && value !== null && brandRegistry.has(value);
}

/**
 * The sensitive values of the case that the audience of `redacted` may not see: what the leak gate
 * ({@link assertNoLeak}) searches every output for. Never render this list.
 *
 * @throws {@link ReportError} `INVALID_OPTIONS` when `redacted` was not made by {@link redactCase}.
 * @example
 * ```ts
 * import { assertNoLeak, redactCase, sensitiveValuesOf } from '@vigil/report';
 * import type { Dataset } from '@vigil/core';
 *
 * declare const dataset: Dataset;
 * const view = redactCase(dataset, { audience: 'public', secret: 'per-case secret of 16+ chars' });
 * assertNoLeak('my own rendering', sensitiveValuesOf(view));
 * ```
 */
export function sensitiveValuesOf(redacted: RedactedCase): readonly string[] {
  const values = sensitiveRegistry.get(redacted);
  if (values === undefined)
    throw new ReportError('INVALID_OPTIONS', 'Not a RedactedCase made by redactCase()');
  return values;
}

const rank = (tlp: Tlp): number => TLP_LEVELS.indexOf(tlp);
const COLLECTION_PREFIX: { readonly [K in CollectionName]: string } = {
  persons: 'person',
  organizations: 'org',
  products: 'product',
  exploits: 'exploit',
  operators: 'operator',
  identifiers: 'identifier',
  devices: 'device',
  evidence: 'evidence',
  findings: 'finding',
  reviews: 'review',
  targeting: 'targeting',
  attributions: 'attribution',
  harms: 'harm',
  sources: 'source',
  events: 'event',
  indicatorSets: 'iocset',
  indicators: 'ioc',
  aggregateClaims: 'claim',
  interventions: 'intervention',
};

type AnyRecord = {
  readonly id: string;
  readonly marking?: Marking | undefined;
  readonly [k: string]: unknown;
};

/**
 * Classes whose dropped string values go to the leak gate's deny-list (and are scrubbed from free text).
 * Quasi-identifiers (`qi`, `loc-*`) are generalised by the projection but not gated: a case's chosen
 * pseudonym ("Budapest-based photojournalist") may deliberately say as much.
 */
const GATED: ReadonlySet<FieldClass> = new Set(['di', 'name', 'ct', 'ls', 'cm', 'te']);
/** Of those, the classes whose value may legitimately also appear elsewhere (then it is not gated). */
const SHAREABLE: ReadonlySet<FieldClass> = new Set(['te', 'ct', 'ls', 'cm']);
/**
 * Words of the consent vocabulary ("unknown", "given", "publish-name"...). Withheld like any case-management
 * field, but never gated: they identify no one, and gating the word "unknown" refused valid reports.
 */
const CONSENT_VOCABULARY: ReadonlySet<string> = new Set<string>([
  ...ConsentSchema.shape.status.options,
  ...ConsentSchema.shape.scope.unwrap().element.options,
]);

function personsOf(dataset: Dataset): Map<string, Set<string>> {
  // record id -> ids of the persons it is about
  const owners = new Map<string, Set<string>>();
  const add = (id: string, persons: Iterable<string>): void => {
    const set = owners.get(id) ?? new Set<string>();
    for (const p of persons) set.add(p);
    owners.set(id, set);
  };
  const personIds = new Set(dataset.persons.map((p) => p.id));
  for (const p of dataset.persons) add(p.id, [p.id]);
  for (const i of dataset.identifiers)
    add(
      i.id,
      i.links.map((l) => l.person),
    );
  for (const d of dataset.devices) add(d.id, d.user !== undefined ? [d.user] : []);
  const of = (id: string | undefined): Set<string> =>
    id === undefined ? new Set() : (owners.get(id) ?? new Set());
  for (const e of dataset.evidence) add(e.id, of(e.device));
  for (const f of dataset.findings) {
    add(f.id, of(f.device));
    for (const e of f.evidence ?? []) add(f.id, of(e));
  }
  for (const r of dataset.reviews) add(r.id, of(r.finding));
  for (const t of dataset.targeting) add(t.id, [t.person]);
  for (const h of dataset.harms) add(h.id, [h.victim]);
  for (const e of dataset.events)
    add(
      e.id,
      (e.participants ?? []).filter((p) => personIds.has(p)),
    );
  for (const a of dataset.attributions) {
    for (const s of a.subjects) add(a.id, personIds.has(s) ? [s] : of(s));
  }
  return owners;
}

function consentAllows(
  dataset: Dataset,
  personId: string,
  audience: Audience,
  what: 'records' | 'name',
  opts: RedactOptions,
): boolean {
  const person = dataset.persons.find((p) => p.id === personId);
  if (person === undefined) return false;
  const consent = person.consent;
  const scope = consent.scope ?? [];
  const agreed = consent.status === 'given' || consent.status === 'partial';
  if (audience === 'victim') return personId === opts.person;
  if (audience === 'internal') return what === 'records' || opts.includeDirectIdentifiers === true;
  if (consent.status === 'refused') return false;
  if (what === 'records') {
    if (audience === 'un-submission')
      return consent.status === 'not-required' || (agreed && scope.includes('un-submission'));
    return true;
  }
  if (consent.status === 'not-required') return (consent.basis ?? '').trim() !== '';
  if (!agreed) return false;
  if (audience === 'public') return scope.includes('publish-name');
  if (audience === 'partners') return scope.includes('publish-name') || scope.includes('share-with-partners');
  return scope.includes('un-submission');
}

function monthOf(value: string): string | undefined {
  const m = /^(\d{4})(-\d{2})?/.exec(value);
  if (m === null) return undefined;
  return `${m[1]}${m[2] ?? ''}`;
}

/**
 * Projects a dataset for one audience: an ALLOW-LIST copy into a {@link RedactedCase}. What an audience sees
 * is the minimum of the audience's level, the case's marking, each record's (and each indicator's and its
 * set's) marking, and the person's consent. Fields are kept, generalised (dates to the month, places to the
 * country), replaced by opaque references or dropped according to {@link REDACTION_POLICY}; a field the
 * policy does not list is dropped. Free text is scrubbed of the case's sensitive values.
 *
 * @param dataset - A parsed dataset (see `parseDataset` in `@vigil/core`).
 * @param options - Audience, per-case secret and, for `victim`, the person.
 * @returns A new branded object; the dataset is not changed.
 * @throws {@link ReportError} `INVALID_OPTIONS` (unknown audience, short secret, missing or unknown person).
 * @throws {@link ReportError} `AUDIENCE_REFUSED` when the case's own marking is stricter than the audience.
 *
 * @example
 * ```ts
 * import { redactCase } from '@vigil/report';
 * import { parseDataset } from '@vigil/core';
 *
 * declare const json: string;
 * const view = redactCase(parseDataset(json), { audience: 'public', secret: 'per-case secret of 16+ chars' });
 * for (const person of view.persons) console.log(person.code, person.displayName);
 * ```
 */
export function redactCase(dataset: Dataset, options: RedactOptions): RedactedCase {
  const { audience, secret } = options;
  if (!isAudience(audience))
    throw new ReportError('INVALID_OPTIONS', `Unknown audience: ${String(audience)}`);
  if (typeof secret !== 'string' || secret.length < 16) {
    throw new ReportError(
      'INVALID_OPTIONS',
      'The per-case secret must be a string of at least 16 characters',
    );
  }
  if (audience === 'victim') {
    if (options.person === undefined)
      throw new ReportError('INVALID_OPTIONS', 'The victim audience needs options.person');
    if (!dataset.persons.some((p) => p.id === options.person)) {
      throw new ReportError('INVALID_OPTIONS', 'options.person is not a person of this dataset');
    }
  }
  const outputTlp: Tlp = audience === 'partners' ? (options.partnerTlp ?? 'amber') : AUDIENCE_TLP[audience];
  const caseTlp = dataset.marking.tlp;
  const personalCeiling = outputTlp;
  const generalCeiling: Tlp = audience === 'victim' ? 'green' : outputTlp;
  const allowed = (tlp: Tlp, ceiling: Tlp, marking: Marking): boolean => {
    if (rank(tlp) <= rank(ceiling)) return true;
    // AMBER+STRICT / RED records reach partners or the lab only when they list the recipient.
    if (tlp === 'amber+strict' && (audience === 'partners' || audience === 'internal'))
      return listed(marking, options);
    if (tlp === 'red' && audience === 'internal') return listed(marking, options);
    return false;
  };
  if (!allowed(caseTlp, personalCeiling, dataset.marking)) {
    throw new ReportError(
      'AUDIENCE_REFUSED',
      `The case is marked TLP:${caseTlp.toUpperCase()}; it cannot be rendered for the ${audience} audience`,
    );
  }

  const owners = personsOf(dataset);
  const byId = new Map<string, { collection: CollectionName; record: AnyRecord }>();
  for (const collection of COLLECTIONS) {
    for (const record of dataset[collection] as readonly AnyRecord[])
      byId.set(record.id, { collection, record });
  }
  const key = `vigil-report-v1\u0000${secret}\u0000${dataset.id}`;
  const refCache = new Map<string, string>();
  const refOf = (id: string, collection: CollectionName): string => {
    let ref = refCache.get(id);
    if (ref === undefined) {
      ref = `${COLLECTION_PREFIX[collection]}-${toCode(hmacSha256(key, `ref\u0000${id}`), 10)}`;
      refCache.set(id, ref);
    }
    return ref;
  };

  const tlpOf = (collection: CollectionName, record: AnyRecord): Tlp => {
    let tlp = effectiveMarking(dataset, record).tlp;
    if (collection === 'indicators') {
      const set = dataset.indicatorSets.find((s) => s.id === record.set);
      if (set !== undefined) {
        const setTlp = effectiveMarking(dataset, set).tlp;
        if (rank(setTlp) > rank(tlp)) tlp = setTlp;
      }
    }
    return tlp;
  };

  const visible = new Map<string, boolean>();
  // Persons whose own marking is above the audience are reduced to their pseudonymous skeleton (the
  // pseudonym is the one name every audience may see); other records above it are withheld whole.
  const skeleton = new Set<string>();
  const isVisible = (collection: CollectionName, record: AnyRecord): boolean => {
    const tlp = tlpOf(collection, record);
    const about = owners.get(record.id) ?? new Set<string>();
    const personal = about.size > 0;
    let ceiling = personal ? personalCeiling : generalCeiling;
    if (audience === 'un-submission' && collection === 'indicators') ceiling = 'clear';
    const ok = allowed(tlp, ceiling, effectiveMarking(dataset, record));
    if (!ok && collection === 'persons') skeleton.add(record.id);
    else if (!ok) return false;
    if (audience === 'victim' && personal && !about.has(options.person as string)) return false;
    for (const person of about) {
      if (!consentAllows(dataset, person, audience, 'records', options)) {
        if (audience === 'victim') continue;
        return false;
      }
    }
    return true;
  };
  for (const { collection, record } of byId.values()) visible.set(record.id, isVisible(collection, record));

  const dropped: { value: string; cls: FieldClass }[] = [];
  const kept = new Set<string>();
  const withheld = Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as Record<CollectionName, number>;

  const collectStrings = (value: unknown, cls: FieldClass): void => {
    if (typeof value === 'string') dropped.push({ value, cls });
    else if (Array.isArray(value)) for (const v of value) collectStrings(v, cls);
    else if (typeof value === 'object' && value !== null)
      for (const v of Object.values(value)) collectStrings(v, cls);
  };

  // Projects one value at `path` with `policy`; returns undefined to drop, or the marker REQUIRED_MISSING.
  const REQUIRED_MISSING = Symbol('required-missing');
  const project = (
    value: unknown,
    path: string,
    policy: Readonly<Record<string, FieldClass>>,
    extraSensitive: ReadonlySet<string>,
    ownerPersonId: string | undefined,
    bare = false,
  ): unknown => {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const element of value) {
        const projected = project(element, `${path}[]`, policy, extraSensitive, ownerPersonId, bare);
        if (projected === REQUIRED_MISSING) gatherNested(element, `${path}[]`, policy, collectStrings);
        else if (projected !== undefined) out.push(projected);
      }
      return out.length > 0 ? out : undefined;
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const childPath = path === '' ? k : `${path}.${k}`;
        const projected = project(v, childPath, policy, extraSensitive, ownerPersonId, bare);
        if (projected === REQUIRED_MISSING) return REQUIRED_MISSING;
        if (projected !== undefined) out[k] = projected;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    const top = path.split(/[.[]/)[0] as string;
    let cls = policy[path];
    if (cls === undefined) {
      // Not in the allow-list: dropped, and gated (fail closed).
      collectStrings(value, 'di');
      return undefined;
    }
    if (extraSensitive.has(top) && cls !== 'id' && cls !== 'ref' && cls !== 'ref!') cls = 'di';
    // A date is a quasi-identifier only on a record about a person (a publication's date is not).
    if (cls === 'date-q' && !currentPersonal) cls = 'date';
    if (bare && cls !== 'id' && cls !== 'ref' && cls !== 'ref!' && cls !== 'meta' && path !== 'pseudonym') {
      if (GATED.has(cls)) collectStrings(value, cls);
      return undefined;
    }
    let action: FieldAction = CLASS_ACTIONS[cls][audience];
    if (action === 'direct') {
      action =
        (audience === 'internal' && options.includeDirectIdentifiers === true) || audience === 'victim'
          ? 'keep'
          : 'drop';
    }
    if (action === 'name') {
      action =
        ownerPersonId !== undefined && consentAllows(dataset, ownerPersonId, audience, 'name', options)
          ? 'keep'
          : 'drop';
    }
    switch (action) {
      case 'keep':
        if (typeof value === 'string') kept.add(value);
        return value;
      case 'month': {
        if (typeof value !== 'string') return value;
        const month = monthOf(value);
        if (month === undefined) collectStrings(value, cls);
        return month;
      }
      case 'ref': {
        if (typeof value !== 'string') return undefined;
        const target = byId.get(value);
        if (target === undefined || visible.get(value) !== true)
          return cls === 'ref!' ? REQUIRED_MISSING : undefined;
        return refOf(value, target.collection);
      }
      default:
        if (GATED.has(cls)) collectStrings(value, cls);
        return undefined;
    }
  };

  const reconciliations = new Map(reconcileAggregateClaims(dataset).map((r) => [r.claim, r]));
  let currentPersonal = true;
  const collections = {} as Record<CollectionName, Record<string, unknown>[]>;
  for (const collection of COLLECTIONS) {
    const policy = REDACTION_POLICY[collection];
    const out: Record<string, unknown>[] = [];
    for (const record of dataset[collection] as readonly AnyRecord[]) {
      if (visible.get(record.id) !== true) {
        withheld[collection]++;
        // Everything gated in an invisible record goes to the deny-list.
        for (const [k, v] of Object.entries(record)) {
          const cls = policy[k] ?? (typeof v === 'object' ? undefined : 'di');
          if (cls !== undefined && (GATED.has(cls) || cls === 'text'))
            collectStrings(v, cls === 'text' ? 'text' : cls);
          else if (typeof v === 'object' && v !== null) gatherNested(v, k, policy, collectStrings);
        }
        continue;
      }
      currentPersonal = (owners.get(record.id)?.size ?? 0) > 0;
      const extra = new Set(effectiveMarking(dataset, record).sensitiveFields ?? []);
      const ownerPersonId = collection === 'persons' ? record.id : undefined;
      const projected = project(record, '', policy, extra, ownerPersonId, skeleton.has(record.id));
      if (projected === REQUIRED_MISSING || projected === undefined) {
        withheld[collection]++;
        collectStrings(record, 'di');
        continue;
      }
      const p = projected as Record<string, unknown>;
      p.ref = refOf(record.id, collection);
      p.tlp = tlpOf(collection, record);
      delete p.id;
      if (collection === 'persons') {
        const realName = p.realName;
        p.code = `P-${toCode(hmacSha256(key, `person\u0000${record.id}`), 6)}`;
        p.named = typeof realName === 'string';
        p.displayName = typeof realName === 'string' ? realName : (p.pseudonym ?? p.code);
      }
      if (collection === 'aggregateClaims') {
        const r = reconciliations.get(record.id);
        if (r !== undefined) p.recordsShow = { computed: r.computed, status: r.status };
      }
      if (
        collection === 'attributions' &&
        (p.subjects === undefined || (p.subjects as unknown[]).length === 0)
      ) {
        withheld[collection]++;
        continue;
      }
      out.push(p);
    }
    collections[collection] = out;
  }
  // Raw ids never appear in outputs: gate them all.
  for (const { record } of byId.values()) dropped.push({ value: record.id, cls: 'di' });
  dropped.push({ value: dataset.id, cls: 'di' });
  if (dataset.owner !== undefined) dropped.push({ value: dataset.owner, cls: 'di' });

  // The deny-list: dropped values, minus shareable-class values that are exactly disclosed elsewhere.
  const denyList = new Set<string>();
  for (const { value, cls } of dropped) {
    const length = normalizeForMatch(value).length;
    if (length < 2 || (SHAREABLE.has(cls) && length < 4) || (cls === 'text' && length < 16)) continue;
    if (cls === 'text' && kept.has(value)) continue;
    if (SHAREABLE.has(cls) && kept.has(value)) continue;
    if (cls === 'cm' && CONSENT_VOCABULARY.has(value)) continue;
    denyList.add(value);
  }
  // A second, independent deny-list that does not depend on the policy table (so a wrong rule there is still
  // caught by the gate): analyst notes, direct identifiers of core's SENSITIVE_FIELDS kind, names not shown,
  // and fields a record's marking lists as sensitive. The victim keeps their own; internal keeps notes, and
  // direct identifiers when asked.
  const ownRecord = (id: string): boolean =>
    audience === 'victim' && (owners.get(id)?.has(options.person as string) ?? false);
  const baseline = (value: unknown): void => {
    if (typeof value === 'string' && normalizeForMatch(value).length >= 2) denyList.add(value);
  };
  for (const { collection, record } of byId.values()) {
    if (audience !== 'internal') baseline(record.notes);
    const directOk =
      ownRecord(record.id) || (audience === 'internal' && options.includeDirectIdentifiers === true);
    if (!directOk) {
      if (collection === 'identifiers') baseline(record.value);
      if (collection === 'devices') for (const f of ['serial', 'model', 'label']) baseline(record[f]);
      if (audience !== 'internal')
        for (const f of effectiveMarking(dataset, record).sensitiveFields ?? []) baseline(record[f]);
    }
    if (audience !== 'internal') {
      if (collection === 'findings')
        for (const m of (record.matches ?? []) as { artifact?: string }[]) baseline(m.artifact);
      if (collection === 'evidence') {
        baseline((record.acquisition as { method?: string } | undefined)?.method);
        for (const c of (record.custody ?? []) as { notes?: string }[]) baseline(c.notes);
      }
      if (collection === 'persons') baseline((record.consent as { basis?: string } | undefined)?.basis);
    }
    if (collection === 'persons' && !consentAllows(dataset, record.id, audience, 'name', options)) {
      baseline(record.realName);
    }
  }
  // Tokens of withheld names (4+ letters) too, except tokens of names that are shown.
  const shownTokens = new Set<string>();
  for (const person of collections.persons) {
    if (person.named === true) for (const t of nameTokens(String(person.displayName))) shownTokens.add(t);
  }
  for (const { value, cls } of dropped) {
    if (cls !== 'name') continue;
    for (const token of nameTokens(value)) if (!shownTokens.has(token)) denyList.add(token);
  }
  const sensitive = [...denyList].sort();
  const scrub = makeScrubber(sensitive);
  // Scrub every kept free-text value of the projected records.
  const scrubDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (Array.isArray(value)) return value.map(scrubDeep);
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        out[k] = k === 'ref' || k === 'tlp' || k === 'code' ? v : scrubDeep(v);
      return out;
    }
    return value;
  };
  const finalCollections = {} as Record<CollectionName, unknown[]>;
  for (const collection of COLLECTIONS)
    finalCollections[collection] = collections[collection].map((r) => scrubDeep(r));

  const warnings: { code: 'SMALL_GROUP'; ref: string; size: number }[] = [];
  if (audience === 'public' || audience === 'partners' || audience === 'un-submission') {
    const k = options.minGroupSize ?? 3;
    type Shown = {
      ref: string;
      named: boolean;
      kind?: string;
      roles?: string[];
      location?: { country?: string };
    };
    const unnamed = (finalCollections.persons as Shown[]).filter((p) => !p.named && p.kind !== 'group');
    const keyOf = (p: Shown): string =>
      `${[...(p.roles ?? [])].sort().join('+')}|${p.location?.country ?? ''}`;
    const sizes = new Map<string, number>();
    for (const p of unnamed) sizes.set(keyOf(p), (sizes.get(keyOf(p)) ?? 0) + 1);
    for (const p of unnamed) {
      const size = sizes.get(keyOf(p)) ?? 0;
      if (size < k) warnings.push({ code: 'SMALL_GROUP', ref: p.ref, size });
    }
  }
  const confidentiality =
    audience === 'un-submission' ? unConfidentiality(dataset, finalCollections, refOf, options) : [];
  const result: Record<string | symbol, unknown> = {
    [REDACTED_CASE]: true,
    audience,
    tlp: audience === 'victim' ? 'red' : outputTlp,
    ref: `case-${toCode(hmacSha256(key, 'case'), 10)}`,
    title: scrub(dataset.title),
    schemaVersion: dataset.schemaVersion,
    confidentiality,
    withheld,
    warnings,
    ...finalCollections,
  };
  if (dataset.description !== undefined) result.description = scrub(dataset.description);
  if (dataset.lang !== undefined) result.lang = dataset.lang;
  if (dataset.owner !== undefined && visible.get(dataset.owner) === true) {
    const target = byId.get(dataset.owner);
    if (target !== undefined) result.owner = refOf(dataset.owner, target.collection);
  }
  if (audience === 'victim' && options.person !== undefined)
    result.recipient = refOf(options.person, 'persons');
  const frozen = deepFreeze(result) as unknown as RedactedCase;
  brandRegistry.add(frozen);
  sensitiveRegistry.set(frozen, Object.freeze(sensitive));
  idKeyRegistry.set(frozen, toCode(hmacSha256(key, 'ids'), 32));
  return frozen;
}

function nameTokens(name: string): string[] {
  return normalizeForMatch(name)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t.length >= 4);
}

function listed(marking: Marking, options: RedactOptions): boolean {
  return options.recipient !== undefined && (marking.audience ?? []).includes(options.recipient);
}

function gatherNested(
  value: unknown,
  path: string,
  policy: Readonly<Record<string, FieldClass>>,
  collect: (value: unknown, cls: FieldClass) => void,
): void {
  if (Array.isArray(value)) {
    for (const v of value) gatherNested(v, `${path}[]`, policy, collect);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) gatherNested(v, `${path}.${k}`, policy, collect);
    return;
  }
  const cls = policy[path] ?? 'di';
  if (GATED.has(cls) || cls === 'text') collect(value, cls);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every occurrence of a sensitive value in free text by `[redacted]` (fails safe: whole text). */
export function scrubText(text: string, sensitive: readonly string[]): string {
  return makeScrubber(sensitive)(text);
}

/** Precomputes the needles of a deny-list once; returns the scrubber. */
function makeScrubber(sensitive: readonly string[]): (text: string) => string {
  const entries = sensitive.map((value) => ({
    plain: value.normalize('NFKC').replace(INVISIBLE, ''),
    variants: needleVariants(value),
  }));
  return (text: string): string => {
    const norm = normalizeForMatch(text);
    const hits = entries.filter((e) => e.variants.some((needle) => containsNeedle(norm, needle)));
    if (hits.length === 0) return text;
    let out = text.normalize('NFKC').replace(INVISIBLE, '');
    for (const hit of hits) out = out.replace(new RegExp(escapeRegExp(hit.plain), 'giu'), '[redacted]');
    const again = normalizeForMatch(out);
    for (const hit of hits)
      for (const needle of hit.variants) if (containsNeedle(again, needle)) return '[redacted]';
    return out;
  };
}

function unConfidentiality(
  dataset: Dataset,
  collections: Record<CollectionName, unknown[]>,
  refOf: (id: string, c: CollectionName) => string,
  options: RedactOptions,
): RedactedCase['confidentiality'] {
  const entries: {
    field: RedactedCase['confidentiality'][number]['field'];
    ref?: string;
    level: 'confidential' | 'may-be-published';
    reason: string;
  }[] = [{ field: 'submitter', level: 'confidential', reason: 'submitter-always-confidential' }];
  const shown = new Set((collections.persons as { ref: string }[]).map((p) => p.ref));
  for (const person of dataset.persons) {
    const ref = refOf(person.id, 'persons');
    if (!shown.has(ref)) continue;
    const named = consentAllows(dataset, person.id, 'un-submission', 'name', options);
    const publish = (person.consent.scope ?? []).includes('publish-name');
    entries.push({
      field: 'victim-identity',
      ref,
      level: named && publish ? 'may-be-published' : 'confidential',
      reason: named ? (publish ? 'consent-publish-name' : 'consent-un-only') : 'no-consent-to-name',
    });
    entries.push({ field: 'victim-consent', ref, level: 'confidential', reason: 'consent-record' });
  }
  entries.push({ field: 'incident', level: 'may-be-published', reason: 'generalised-facts' });
  entries.push({ field: 'perpetrator', level: 'may-be-published', reason: 'attribution-with-confidence' });
  entries.push({ field: 'technical-annex', level: 'may-be-published', reason: 'tlp-clear-indicators-only' });
  return entries;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
