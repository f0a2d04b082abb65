import type { Tlp } from '@vigil/core';
import type { RedactedCase } from '../redacted-case.js';
import { hmacSha256, toUuid } from './hmac.js';

/** TLP 2.0 marking-definition ids (the FIRST/OASIS TLP 2.0 extension definitions). */
export const TLP2_MARKING_IDS: { readonly [T in Tlp]: string } = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};
const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

type StixObject = Record<string, unknown> & { type: string; id: string };

/** Escapes a string for a STIX pattern literal. */
function patternString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function patternOf(type: string, value: string): string {
  switch (type) {
    case 'domain':
      return `[domain-name:value = ${patternString(value)}]`;
    case 'url':
      return `[url:value = ${patternString(value)}]`;
    case 'ip':
      return value.includes(':')
        ? `[ipv6-addr:value = ${patternString(value)}]`
        : `[ipv4-addr:value = ${patternString(value)}]`;
    case 'cidr':
      return value.includes(':')
        ? `[ipv6-addr:value ISSUBSET ${patternString(value)}]`
        : `[ipv4-addr:value ISSUBSET ${patternString(value)}]`;
    case 'email':
      return `[email-addr:value = ${patternString(value)}]`;
    case 'process-name':
      return `[process:name = ${patternString(value)}]`;
    case 'file-name':
      return `[file:name = ${patternString(value)}]`;
    case 'file-path':
      return `[directory:path = ${patternString(value)}]`;
    case 'hash': {
      const algo =
        value.length === 32
          ? 'MD5'
          : value.length === 40
            ? 'SHA-1'
            : value.length === 128
              ? 'SHA-512'
              : 'SHA-256';
      return `[file:hashes.'${algo}' = ${patternString(value)}]`;
    }
    case 'app-id':
      return `[software:name = ${patternString(value)}]`;
    default:
      return `[x-vigil-${type}:value = ${patternString(value)}]`;
  }
}

function toTimestamp(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m =
    /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(
      value,
    );
  if (m === null) return undefined;
  if (m[4] !== undefined) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T00:00:00.000Z`;
}

/** The "as of" timestamp of a view: the given date, else the latest date it holds (deterministic). */
export function asOfTimestamp(view: RedactedCase, date: string | undefined): string {
  if (date !== undefined) return toTimestamp(date) ?? '1970-01-01T00:00:00.000Z';
  const dates: string[] = [];
  for (const e of view.events)
    for (const d of [e.when?.start?.value, e.when?.end?.value]) if (d !== undefined) dates.push(d);
  for (const s of view.sources) if (s.date?.value !== undefined) dates.push(s.date.value);
  for (const i of view.interventions) if (i.date?.value !== undefined) dates.push(i.date.value);
  const stamps = dates
    .map(toTimestamp)
    .filter((x): x is string => x !== undefined)
    .sort();
  return stamps.at(-1) ?? '1970-01-01T00:00:00.000Z';
}

/** Builds the STIX 2.1 bundle of a redacted case. Ids are keyed UUIDs (never derived from sensitive values). */
export function buildStixBundle(
  view: RedactedCase,
  secretKey: string,
  options: { date?: string; lang: string },
): object {
  const asOf = asOfTimestamp(view, options.date);
  const id = (type: string, key: string): string =>
    `${type}--${toUuid(hmacSha256(secretKey, `stix\u0000${type}\u0000${key}`))}`;
  const marking = (tlp: Tlp | undefined): string[] => [TLP2_MARKING_IDS[tlp ?? view.tlp]];
  const objects: StixObject[] = [];
  const usedTlp = new Set<Tlp>([view.tlp]);
  // The author is the case owner when the audience may see it; never a lab merely mentioned in the case.
  const owner = view.owner !== undefined ? view.organizations.find((o) => o.ref === view.owner) : undefined;
  const identityId = id('identity', 'author');
  const common = (tlp: Tlp | undefined) => {
    usedTlp.add(tlp ?? view.tlp);
    return {
      spec_version: '2.1',
      created: asOf,
      modified: asOf,
      created_by_ref: identityId,
      object_marking_refs: marking(tlp),
    };
  };
  objects.push({
    type: 'identity',
    id: identityId,
    ...common(view.tlp),
    name: owner?.name ?? 'Vigil case report',
    identity_class: 'organization',
  });

  const malwareIds = new Map<string, string>();
  for (const p of view.products) {
    const mid = id('malware', p.ref);
    malwareIds.set(p.ref, mid);
    objects.push({
      type: 'malware',
      id: mid,
      ...common(p.tlp),
      name: p.name ?? 'unknown',
      is_family: true,
      ...(p.aliases ? { aliases: [...p.aliases] } : {}),
    });
  }
  const setProducts = new Map(view.indicatorSets.map((s) => [s.ref, s.products ?? []]));
  const indicatorIds = new Map<string, string>();
  for (const i of view.indicators) {
    if (i.value === undefined || i.type === undefined) continue;
    const iid = id('indicator', i.ref);
    indicatorIds.set(i.ref, iid);
    objects.push({
      type: 'indicator',
      id: iid,
      ...common(i.tlp),
      name: `${i.type}: ${i.value}`.slice(0, 250),
      indicator_types: ['malicious-activity'],
      pattern: patternOf(i.type, i.value),
      pattern_type: 'stix',
      valid_from: asOf,
    });
    for (const product of [...(i.products ?? []), ...(setProducts.get(i.set ?? '') ?? [])]) {
      const target = malwareIds.get(product);
      if (target === undefined) continue;
      objects.push({
        type: 'relationship',
        id: id('relationship', `${i.ref}>${product}`),
        ...common(i.tlp),
        relationship_type: 'indicates',
        source_ref: iid,
        target_ref: target,
      });
    }
  }
  const persons = new Map(view.persons.map((p) => [p.ref, p]));
  const sightingsOf = new Map<string, string[]>();
  for (const f of view.findings) {
    const device = view.devices.find((d) => d.ref === f.device);
    const person = device?.user !== undefined ? persons.get(device.user) : undefined;
    let whereId: string | undefined;
    if (person !== undefined) {
      whereId = id('identity', person.ref);
      if (!objects.some((o) => o.id === whereId)) {
        objects.push({
          type: 'identity',
          id: whereId,
          ...common(view.tlp),
          name: person.code,
          identity_class: person.kind === 'group' ? 'group' : 'individual',
        });
      }
    }
    const byIndicator = new Map<string, string[]>();
    for (const m of f.matches ?? []) {
      if (m.indicator === undefined || !indicatorIds.has(m.indicator)) continue;
      const list = byIndicator.get(m.indicator) ?? [];
      const stamp = toTimestamp(m.observedAt);
      if (stamp !== undefined) list.push(stamp);
      byIndicator.set(m.indicator, list);
    }
    for (const [indicator, stamps] of byIndicator) {
      stamps.sort();
      const sid = id('sighting', `${f.ref}>${indicator}`);
      const sighting: StixObject = {
        type: 'sighting',
        id: sid,
        ...common(f.tlp),
        sighting_of_ref: indicatorIds.get(indicator),
        count: Math.max(1, stamps.length),
        ...(f.confidence?.score !== undefined ? { confidence: f.confidence.score } : {}),
      };
      if (stamps.length > 0) {
        sighting.first_seen = stamps[0];
        sighting.last_seen = stamps.at(-1);
      }
      if (whereId !== undefined) sighting.where_sighted_refs = [whereId];
      objects.push(sighting);
      sightingsOf.set(f.ref, [...(sightingsOf.get(f.ref) ?? []), sid]);
    }
  }
  for (const r of view.reviews) {
    const refs = sightingsOf.get(r.finding ?? '');
    if (refs === undefined || refs.length === 0) continue;
    const reviewer = view.organizations.find((o) => o.ref === r.reviewer);
    objects.push({
      type: 'opinion',
      id: id('opinion', r.ref),
      ...common(r.tlp),
      opinion:
        r.outcome === 'confirmed'
          ? 'strongly-agree'
          : r.outcome === 'disputed'
            ? 'disagree'
            : 'strongly-disagree',
      explanation: `Independent review of a forensic finding: ${r.outcome ?? 'unknown'}.`,
      ...(reviewer?.name !== undefined ? { authors: [reviewer.name] } : {}),
      object_refs: refs,
    });
  }
  for (const a of view.attributions) {
    const operator = view.operators.find((o) => o.ref === a.operator);
    if (operator?.name === undefined) continue;
    const isId = id('intrusion-set', operator.ref);
    if (!objects.some((o) => o.id === isId))
      objects.push({ type: 'intrusion-set', id: isId, ...common(operator.tlp), name: operator.name });
    for (const product of operator.products ?? []) {
      const target = malwareIds.get(product);
      if (target !== undefined)
        objects.push({
          type: 'relationship',
          id: id('relationship', `${operator.ref}>uses>${product}`),
          ...common(a.tlp),
          relationship_type: 'uses',
          source_ref: isId,
          target_ref: target,
        });
    }
    if (a.suspectedState !== undefined) {
      const locId = id('location', `country:${a.suspectedState}`);
      if (!objects.some((o) => o.id === locId))
        objects.push({ type: 'location', id: locId, ...common(view.tlp), country: a.suspectedState });
      objects.push({
        type: 'relationship',
        id: id('relationship', `${a.ref}>originates-from`),
        ...common(a.tlp),
        relationship_type: 'originates-from',
        source_ref: isId,
        target_ref: locId,
        ...(a.confidence?.score !== undefined ? { confidence: a.confidence.score } : {}),
        description: `Attribution basis: ${(a.basis ?? []).join(', ')}`,
      });
    }
  }
  const externalReferences = view.sources
    .filter((s) => s.url !== undefined || s.title !== undefined)
    .map((s) => ({
      source_name: s.publisher ?? s.kind ?? 'source',
      description: s.title ?? 'source',
      ...(s.url !== undefined ? { url: s.url } : {}),
    }));
  const report: StixObject = {
    type: 'report',
    id: id('report', 'report'),
    ...common(view.tlp),
    name: view.title,
    ...(view.description !== undefined ? { description: view.description } : {}),
    report_types: ['threat-report'],
    published: asOf,
    object_refs: objects.map((o) => o.id),
    lang: options.lang,
  };
  if (externalReferences.length > 0) report.external_references = externalReferences;
  objects.push(report);
  const markings: StixObject[] = [...usedTlp].sort().map((tlp) => ({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  }));
  return { type: 'bundle', id: id('bundle', 'bundle'), objects: [...markings, ...objects] };
}
