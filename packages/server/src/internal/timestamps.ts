const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/** Parsed parts of an RFC 3339 UTC timestamp (`…Z`), or `undefined` when malformed or out of range. */
function parts(value: string): { base: string; fraction: string; millis: number } | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60)
    return undefined;
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  const millis = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Math.min(Number(s), 59));
  return { base: `${y}-${mo}-${d}T${h}:${mi}:${s}`, fraction: frac ?? '', millis };
}

/** True for a STIX/TAXII timestamp: `YYYY-MM-DDTHH:MM:SS[.s+]Z`. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && parts(value) !== undefined;
}

/**
 * A fixed-width sort key for a timestamp (fraction padded or cut to nanoseconds), so that
 * `2016-01-01T00:00:00Z` and `2016-01-01T00:00:00.000Z` compare equal and keys sort as instants.
 */
export function timestampKey(value: string): string | undefined {
  const p = parts(value);
  if (!p) return undefined;
  return `${p.base}.${p.fraction.padEnd(9, '0').slice(0, 9)}Z`;
}

/** Microseconds since the epoch (fractions beyond microseconds are cut), or `undefined` when malformed. */
export function timestampMicros(value: string): number | undefined {
  const p = parts(value);
  if (!p) return undefined;
  return p.millis * 1000 + Number(p.fraction.padEnd(6, '0').slice(0, 6));
}

/** A TAXII timestamp with microsecond precision from microseconds since the epoch. */
export function formatMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const rest = micros - millis * 1000;
  const iso = new Date(millis).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${iso.slice(0, 23)}${String(rest).padStart(3, '0')}Z`;
}

/** A clock of strictly increasing microsecond timestamps, so `date_added` values never collide. */
export interface MicroClock {
  now(): number;
}

/** Creates a {@link MicroClock} that never goes below `floor`. */
export function createMicroClock(floor = 0): MicroClock {
  let last = floor;
  return {
    now() {
      const wall = Date.now() * 1000;
      last = wall > last ? wall : last + 1;
      return last;
    },
  };
}
