import type { FuzzyDate } from '../common.js';

/** The earliest and latest instants (ms since epoch, UTC) a fuzzy date may denote, or a reason it is invalid. */
export type DateBounds = { ok: true; earliest: number; latest: number } | { ok: false; reason: string };

const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Checks a date value (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a date-time) and returns the span it denotes. */
export function dateBounds(value: string): DateBounds {
  const m = DATE.exec(value);
  if (m === null)
    return { ok: false, reason: `"${value}" is not YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 date-time` };
  const year = Number(m[1]);
  if (m[2] === undefined)
    return { ok: true, earliest: Date.UTC(year, 0, 1), latest: Date.UTC(year + 1, 0, 1) - 1 };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, reason: `month ${m[2]} does not exist in "${value}"` };
  if (m[3] === undefined) {
    return { ok: true, earliest: Date.UTC(year, month - 1, 1), latest: Date.UTC(year, month, 1) - 1 };
  }
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `day ${m[3]} does not exist in ${m[1]}-${m[2]} ("${value}")` };
  }
  if (m[4] === undefined) {
    const start = Date.UTC(year, month - 1, day);
    return { ok: true, earliest: start, latest: start + 86_400_000 - 1 };
  }
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 60)
    return { ok: false, reason: `time out of range in "${value}"` };
  const zone = m[8] ?? 'Z';
  let offset = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return { ok: false, reason: `time zone offset out of range in "${value}"` };
    offset = sign * (oh * 60 + om) * 60_000;
  }
  const at = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offset;
  return { ok: true, earliest: at, latest: at };
}

/** The span of a fuzzy date, widened by its qualifier only where the qualifier says so. */
export function fuzzyBounds(date: FuzzyDate): DateBounds {
  return dateBounds(date.value);
}

/** The year of a date value, or undefined. */
export function yearOf(value: string): number | undefined {
  const m = /^(\d{4})/.exec(value);
  return m === null ? undefined : Number(m[1]);
}
