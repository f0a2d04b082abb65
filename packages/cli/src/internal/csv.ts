/**
 * A small CSV reader and writer. The reader accepts the dialect MVT writes (every field quoted, a backslash
 * escapes the next character) as well as RFC 4180 (a doubled quote inside a quoted field).
 */

/** One parsed row with the 1-based line it started on. */
export interface CsvRow {
  readonly line: number;
  readonly fields: string[];
}

/**
 * Parses CSV text into rows. Empty lines are skipped. Unterminated quotes end at the end of the text.
 * `backslashEscapes` (MVT's dialect, on by default) makes a backslash inside quotes escape the next character.
 */
export function parseCsv(text: string, backslashEscapes = true): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let fieldStarted = false;
  const endRow = (): void => {
    if (fieldStarted || fields.length > 0) {
      fields.push(field);
      rows.push({ line: rowLine, fields });
    }
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (backslashEscapes && ch === '\\' && i + 1 < text.length) {
        const next = text[i + 1] as string;
        field += next;
        if (next === '\n') line++;
        i++;
      } else if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\r') {
      // ignored: handled with the following \n
    } else if (ch === '\n') {
      endRow();
      line++;
      rowLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  endRow();
  return rows;
}

/**
 * Quotes one CSV field (RFC 4180) and defuses spreadsheet formulas: a value whose first visible character
 * is `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe.
 */
export function csvField(value: string): string {
  let start = 0;
  while (start < value.length && (value.charCodeAt(start) <= 0x20 || /\s/u.test(value[start] as string)))
    start++;
  const trimmed = value.slice(start);
  const first = trimmed[0];
  const risky =
    value.length > 0 &&
    (first === '=' || first === '+' || first === '-' || first === '@' || /^[\t\r]/u.test(value));
  const safe = risky ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Formats rows as CSV with CRLF line ends. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}
