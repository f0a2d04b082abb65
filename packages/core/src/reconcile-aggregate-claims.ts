import type { Person } from './actors.js';
import type { AggregateClaim, Count } from './claims.js';
import type { RecordId } from './common.js';
import type { Dataset } from './dataset.js';
import { deriveLadder, rank } from './internal/ladder.js';
import { personCountries, personWeight } from './internal/persons.js';

/**
 * One aggregate claim next to what the records show.
 *
 * - `computed`: the number of matching records (people weighted by group size) for the claim's unit;
 * - `status`: `matches` (equal), `subset` (fewer records than stated: the dataset holds part of the figure),
 *   `exceeds` (more records than an `exact`/`at-most` figure allows: a contradiction worth checking);
 * - `secondary`: the same for each secondary count ("in 20 countries").
 *
 * @example
 * ```ts
 * import type { Reconciliation } from '@vigil/core';
 *
 * const row: Reconciliation = {
 *   claim: 'claim--c1', statement: 'journalists', stated: { n: 180, qualifier: 'at-least', unit: 'persons' },
 *   computed: 12, status: 'subset', records: [], secondary: [], note: '12 of at least 180',
 * };
 * ```
 */
export type Reconciliation = {
  claim: RecordId;
  statement: string;
  stated: Count;
  computed: number;
  status: ReconciliationStatus;
  records: RecordId[];
  secondary: { stated: Count; computed: number | undefined; status: ReconciliationStatus | undefined }[];
  note: string;
};

/**
 * How a computed figure compares with a stated one, see {@link Reconciliation}.
 *
 * @example
 * ```ts
 * import type { ReconciliationStatus } from '@vigil/core';
 *
 * const status: ReconciliationStatus = 'subset';
 * ```
 */
export type ReconciliationStatus = 'matches' | 'subset' | 'exceeds';

/**
 * Reconciles every aggregate claim of a dataset with the records it holds: "at least 180 journalists in 20
 * countries" next to the number of journalists (at the claim's minimum level) and their countries. The
 * candidates are the claim's `members` when it lists them, else every record; then the claim's `filter`
 * (roles, countries, minimum level) applies. Persons count by group size; `phone-numbers` count phone-number
 * identifiers listed in a leaked-dataset source; organisations and media organisations count organisation
 * records (of kind `media-outlet` for the latter); devices count devices. The period is reported, not applied.
 *
 * @example
 * ```ts
 * import { parseDataset, reconcileAggregateClaims } from '@vigil/core';
 *
 * const dataset = parseDataset({
 *   schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' },
 *   aggregateClaims: [{ id: 'claim--c1', statement: 'journalists', count: { n: 180, qualifier: 'at-least', unit: 'persons' }, filter: { roles: ['journalist'] } }],
 * });
 * reconcileAggregateClaims(dataset)[0]?.computed; // 0
 * ```
 */
export function reconcileAggregateClaims(dataset: Dataset): Reconciliation[] {
  const levels = deriveLadder(dataset).byPerson;
  return dataset.aggregateClaims.map((claim) => {
    const persons = selectPersons(dataset, claim, levels);
    const primary = computeFor(dataset, claim, claim.count, persons);
    const secondary = (claim.secondary ?? []).map((stated) => {
      const computed = computeFor(dataset, claim, stated, persons);
      return {
        stated,
        computed: computed?.n,
        status: computed === undefined ? undefined : compare(stated, computed.n),
      };
    });
    const computed = primary?.n ?? 0;
    const status = compare(claim.count, computed);
    const stated = describe(claim.count);
    const parts = [`Records show ${computed} ${claim.count.unit} where the source states ${stated}`];
    for (const s of secondary) {
      if (s.computed !== undefined)
        parts.push(`${s.computed} ${s.stated.unit} where it states ${describe(s.stated)}`);
    }
    let note = `${parts.join('; ')}.`;
    if (status === 'subset')
      note += ' The dataset holds only part of the figure; this is not a contradiction.';
    if (status === 'exceeds')
      note += ' The records exceed the stated figure: check the claim or the records.';
    if (claim.period !== undefined) {
      const end = claim.period.end === undefined ? '' : ` to ${claim.period.end.value}`;
      note += ` Stated period ${claim.period.start.value}${end} (not applied to the records).`;
    }
    const unknown = claim.secondary?.some((c) => c.unit === 'countries')
      ? computeFor(dataset, claim, { n: 0, qualifier: 'exact', unit: 'countries' }, persons)?.unknown
      : primary?.unknown;
    if (unknown !== undefined && unknown > 0) note += ` ${unknown} counted record(s) have no country.`;
    return {
      claim: claim.id,
      statement: claim.statement,
      stated: claim.count,
      computed,
      status,
      records: primary?.records ?? [],
      secondary,
      note,
    };
  });
}

function selectPersons(dataset: Dataset, claim: AggregateClaim, levels: Map<string, string>): Person[] {
  const members = claim.members === undefined ? undefined : new Set(claim.members);
  const filter = claim.filter;
  return dataset.persons.filter((person) => {
    if (members !== undefined && !members.has(person.id)) return false;
    if (filter?.roles !== undefined && !person.roles.some((r) => filter.roles?.includes(r))) return false;
    if (
      filter?.countries !== undefined &&
      !personCountries(person).some((c) => filter.countries?.includes(c))
    ) {
      return false;
    }
    if (filter?.minLevel !== undefined) {
      const level = levels.get(person.id) as Parameters<typeof rank>[0];
      if (rank(level) < rank(filter.minLevel)) return false;
    }
    return true;
  });
}

type Computed = { n: number; records: RecordId[]; unknown?: number };

function computeFor(
  dataset: Dataset,
  claim: AggregateClaim,
  count: Count,
  persons: Person[],
): Computed | undefined {
  const members = claim.members === undefined ? undefined : new Set(claim.members);
  const inMembers = (id: string): boolean => members === undefined || members.has(id);
  switch (count.unit) {
    case 'persons':
      return {
        n: persons.reduce((sum, p) => sum + personWeight(p), 0),
        records: persons.map((p) => p.id),
      };
    case 'countries': {
      const countries = new Set<string>();
      let unknown = 0;
      for (const person of persons) {
        const list = personCountries(person);
        if (list.length === 0) unknown++;
        for (const c of list) countries.add(c);
      }
      return { n: countries.size, records: persons.map((p) => p.id), unknown };
    }
    case 'phone-numbers': {
      const leaks = new Set(dataset.sources.filter((s) => s.kind === 'leaked-dataset').map((s) => s.id));
      const ids = dataset.identifiers.filter(
        (d) => d.kind === 'phone-number' && inMembers(d.id) && (d.listedIn ?? []).some((s) => leaks.has(s)),
      );
      return { n: ids.length, records: ids.map((d) => d.id) };
    }
    case 'organizations':
    case 'media-organizations': {
      const orgs = dataset.organizations.filter(
        (o) => inMembers(o.id) && (count.unit === 'organizations' || o.kind === 'media-outlet'),
      );
      return { n: orgs.length, records: orgs.map((o) => o.id) };
    }
    case 'devices': {
      const devices = dataset.devices.filter((d) => inMembers(d.id));
      return { n: devices.length, records: devices.map((d) => d.id) };
    }
  }
}

function compare(stated: Count, computed: number): ReconciliationStatus {
  if (computed === stated.n) return 'matches';
  if (computed < stated.n) return 'subset';
  if (stated.qualifier === 'at-least' || stated.qualifier === 'more-than') return 'matches';
  if (stated.qualifier === 'approximately') return 'matches';
  return 'exceeds';
}

function describe(count: Count): string {
  const words: Record<Count['qualifier'], string> = {
    exact: '',
    'at-least': 'at least ',
    approximately: 'about ',
    'at-most': 'at most ',
    'more-than': 'more than ',
  };
  return `${words[count.qualifier]}${count.n.toLocaleString('en-US')}`;
}
