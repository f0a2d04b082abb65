/** A parsed media range from an Accept or Content-Type header. */
export interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

/** Parses `Accept`/`Content-Type` values: `a/b;x=y;q=0.5, c/d`. */
export function parseMediaRanges(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [head, ...rest] = part.split(';');
    const type = (head ?? '').trim().toLowerCase();
    if (type === '') continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const param of rest) {
      const eq = param.indexOf('=');
      if (eq < 0) continue;
      const name = param.slice(0, eq).trim().toLowerCase();
      const value = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      if (name === 'q') q = Number(value);
      else params[name] = value;
    }
    ranges.push({ type, params, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges;
}

/** True when the header names the TAXII 2.1 media type (with `version=2.1` or no version). */
export function acceptsTaxii(header: string | undefined): boolean {
  if (header === undefined) return false;
  return parseMediaRanges(header).some(
    (r) =>
      r.q > 0 &&
      r.type === 'application/taxii+json' &&
      (r.params.version === undefined || r.params.version === '2.1'),
  );
}

/** True when a Content-Type header is the TAXII 2.1 media type. */
export function isTaxiiContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [range] = parseMediaRanges(header);
  return (
    range !== undefined &&
    range.type === 'application/taxii+json' &&
    (range.params.version === undefined || range.params.version === '2.1')
  );
}

/** True when a Content-Type header is JSON (`application/json` or `application/*+json`). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [range] = parseMediaRanges(header);
  return (
    range !== undefined &&
    (range.type === 'application/json' || /^application\/[\w.-]+\+json$/.test(range.type))
  );
}

/** True when an Accept header (absent = anything) allows a JSON answer. */
export function acceptsJson(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  return parseMediaRanges(header).some(
    (r) =>
      r.q > 0 &&
      (r.type === '*/*' ||
        r.type === 'application/*' ||
        r.type === 'application/json' ||
        r.type === 'application/problem+json'),
  );
}
