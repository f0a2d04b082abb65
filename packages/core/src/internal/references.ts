import type { CollectionName, Dataset } from '../dataset.js';
import { COLLECTIONS } from '../dataset.js';

/** One reference from a record to another record, with the collections it may point into. */
export type Reference = {
  path: (string | number)[];
  id: string;
  allowed: readonly CollectionName[];
};

const ORG: readonly CollectionName[] = ['organizations'];
const PARTY: readonly CollectionName[] = ['organizations', 'persons'];
const ANY: readonly CollectionName[] = COLLECTIONS;

/** A record as found in any collection: the fields this walker reads, all optional. */
type AnyRecord = { id: string; marking?: { audience?: string[] | undefined } | undefined } & Record<
  string,
  unknown
>;

/** Every reference a dataset holds, in collection order. Pure; never throws on a parsed dataset. */
export function collectReferences(dataset: Dataset): Reference[] {
  const out: Reference[] = [];
  const add = (path: (string | number)[], id: unknown, allowed: readonly CollectionName[]): void => {
    if (typeof id === 'string') out.push({ path, id, allowed });
  };
  const addAll = (path: (string | number)[], ids: unknown, allowed: readonly CollectionName[]): void => {
    if (Array.isArray(ids))
      ids.forEach((id, i) => {
        add([...path, i], id, allowed);
      });
  };
  add(['owner'], dataset.owner, ORG);
  addAll(['marking', 'audience'], dataset.marking.audience, ORG);

  for (const collection of COLLECTIONS) {
    const records = dataset[collection] as unknown as AnyRecord[];
    records.forEach((record, index) => {
      const at = (...rest: (string | number)[]): (string | number)[] => [collection, index, ...rest];
      addAll(at('marking', 'audience'), record.marking?.audience, ORG);
      const citations = record.citations as { source: string }[] | undefined;
      citations?.forEach((c, i) => {
        add(at('citations', i, 'source'), c.source, ['sources']);
      });
    });
  }

  dataset.persons.forEach((p, i) => {
    p.affiliations?.forEach((a, j) => {
      add(['persons', i, 'affiliations', j, 'organization'], a.organization, ORG);
    });
    p.relationships?.forEach((r, j) => {
      add(['persons', i, 'relationships', j, 'to'], r.to, PARTY);
    });
  });
  dataset.organizations.forEach((o, i) => {
    add(['organizations', i, 'parent'], o.parent, ORG);
  });
  dataset.products.forEach((p, i) => {
    add(['products', i, 'vendor'], p.vendor, ORG);
  });
  dataset.exploits.forEach((e, i) => {
    addAll(['exploits', i, 'products'], e.products, ['products']);
  });
  dataset.operators.forEach((o, i) => {
    add(['operators', i, 'namedBy'], o.namedBy, ORG);
    addAll(['operators', i, 'products'], o.products, ['products']);
  });
  dataset.identifiers.forEach((d, i) => {
    d.links.forEach((l, j) => {
      add(['identifiers', i, 'links', j, 'person'], l.person, ['persons']);
      add(['identifiers', i, 'links', j, 'assertedBy'], l.assertedBy, PARTY);
    });
    addAll(['identifiers', i, 'listedIn'], d.listedIn, ['sources']);
  });
  dataset.devices.forEach((d, i) => {
    add(['devices', i, 'user'], d.user, ['persons']);
  });
  dataset.evidence.forEach((e, i) => {
    add(['evidence', i, 'device'], e.device, ['devices']);
    add(['evidence', i, 'acquisition', 'by'], e.acquisition.by, PARTY);
    e.custody.forEach((c, j) => {
      add(['evidence', i, 'custody', j, 'actor'], c.actor, PARTY);
      add(['evidence', i, 'custody', j, 'to'], c.to, PARTY);
    });
  });
  dataset.findings.forEach((f, i) => {
    add(['findings', i, 'device'], f.device, ['devices']);
    addAll(['findings', i, 'evidence'], f.evidence, ['evidence']);
    add(['findings', i, 'performedBy'], f.performedBy, ORG);
    f.indicatorSets?.forEach((s, j) => {
      add(['findings', i, 'indicatorSets', j, 'set'], s.set, ['indicatorSets']);
    });
    f.matches?.forEach((m, j) => {
      add(['findings', i, 'matches', j, 'indicator'], m.indicator, ['indicators']);
    });
    addAll(['findings', i, 'products'], f.products, ['products']);
    addAll(['findings', i, 'exploits'], f.exploits, ['exploits']);
  });
  dataset.reviews.forEach((r, i) => {
    add(['reviews', i, 'finding'], r.finding, ['findings']);
    add(['reviews', i, 'reviewer'], r.reviewer, ORG);
  });
  dataset.targeting.forEach((t, i) => {
    add(['targeting', i, 'person'], t.person, ['persons']);
    add(['targeting', i, 'product'], t.product, ['products']);
    add(['targeting', i, 'operator'], t.operator, ['operators']);
    add(['targeting', i, 'rationale', 'person'], t.rationale?.person, ['persons']);
    t.bases.forEach((b, j) => {
      const at = ['targeting', i, 'bases', j];
      if (b.kind === 'listed') {
        add([...at, 'identifier'], b.identifier, ['identifiers']);
        add([...at, 'source'], b.source, ['sources']);
      } else if (b.kind === 'attempt') {
        add([...at, 'event'], b.event, ['events']);
        add([...at, 'finding'], b.finding, ['findings']);
      } else {
        add([...at, 'finding'], b.finding, ['findings']);
      }
    });
  });
  dataset.attributions.forEach((a, i) => {
    addAll(['attributions', i, 'subjects'], a.subjects, ANY);
    add(['attributions', i, 'operator'], a.operator, ['operators']);
    add(['attributions', i, 'supplier'], a.supplier, ORG);
    add(['attributions', i, 'client'], a.client, ORG);
  });
  dataset.harms.forEach((h, i) => {
    add(['harms', i, 'victim'], h.victim, ['persons']);
  });
  dataset.events.forEach((e, i) => {
    addAll(['events', i, 'participants'], e.participants, PARTY);
    add(['events', i, 'relativeTo', 'event'], e.relativeTo?.event, ['events']);
  });
  dataset.indicatorSets.forEach((s, i) => {
    addAll(['indicatorSets', i, 'products'], s.products, ['products']);
  });
  dataset.indicators.forEach((d, i) => {
    add(['indicators', i, 'set'], d.set, ['indicatorSets']);
    addAll(['indicators', i, 'products'], d.products, ['products']);
  });
  dataset.aggregateClaims.forEach((c, i) => {
    addAll(['aggregateClaims', i, 'members'], c.members, ANY);
  });
  dataset.interventions.forEach((v, i) => {
    addAll(['interventions', i, 'by'], v.by, PARTY);
    addAll(['interventions', i, 'addressedTo'], v.addressedTo, PARTY);
  });
  return out;
}

/** A map from record id to the collection (and index) holding it; the first occurrence wins. */
export function indexRecords(dataset: Dataset): Map<string, { collection: CollectionName; index: number }> {
  const map = new Map<string, { collection: CollectionName; index: number }>();
  for (const collection of COLLECTIONS) {
    (dataset[collection] as { id: string }[]).forEach((record, index) => {
      if (!map.has(record.id)) map.set(record.id, { collection, index });
    });
  }
  return map;
}
