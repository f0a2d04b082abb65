import type { Person } from '../actors.js';
import type { Dataset } from '../dataset.js';
import { dateBounds } from './dates.js';

/** How many people a person record stands for: `groupSize` for a group, else 1. */
export function personWeight(person: Person): number {
  return person.kind === 'group' ? (person.groupSize ?? 1) : 1;
}

/** The countries a person is associated with: nationalities, then the country of their location. */
export function personCountries(person: Person): string[] {
  const out = new Set<string>(person.nationality ?? []);
  if (person.location !== undefined) out.add(person.location.country);
  return [...out];
}

/**
 * The earliest year of dated targeting evidence for each person: assessment periods, infection periods of the
 * findings they rest on, and the dates of the events they rest on. Dates qualified `before`/`after` only bound
 * the date and are skipped.
 */
export function evidenceYears(dataset: Dataset): Map<string, number> {
  const years = new Map<string, number>();
  const findings = new Map(dataset.findings.map((f) => [f.id, f]));
  const events = new Map(dataset.events.map((e) => [e.id, e]));
  const consider = (
    person: string,
    date: { value: string; qualifier?: string | undefined } | undefined,
  ): void => {
    if (date === undefined || date.qualifier === 'before' || date.qualifier === 'after') return;
    const bounds = dateBounds(date.value);
    if (!bounds.ok) return;
    const year = new Date(bounds.earliest).getUTCFullYear();
    const current = years.get(person);
    if (current === undefined || year < current) years.set(person, year);
  };
  for (const assessment of dataset.targeting) {
    consider(assessment.person, assessment.period?.start);
    for (const basis of assessment.bases) {
      if (basis.kind === 'finding' || (basis.kind === 'attempt' && basis.finding !== undefined)) {
        const finding = findings.get(basis.finding ?? '');
        consider(assessment.person, finding?.infectionPeriod?.start);
      }
      if (basis.kind === 'attempt' && basis.event !== undefined) {
        consider(assessment.person, events.get(basis.event)?.when.start);
      }
    }
  }
  return years;
}
