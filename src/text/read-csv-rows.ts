/**
 * Parses CSV text in the dialect spreadsheets and Excel write (RFC 4180): comma separators, fields in
 * double quotes when they hold commas, quotes or line breaks, a doubled quote ("") for a literal quote,
 * and CRLF, LF or CR line ends. Blank lines are skipped. One reader for every CSV claimcheck takes in
 * (OPP-115 annotations, batch manifests), so they agree on the dialect.
 */

/** One record with the 1-based line it starts on, for messages. */
export interface CsvRow {
  fields: string[];
  line: number;
}

/** The records, and the line of a quoted field left open at the end of the text (null when none). */
export interface CsvParse {
  rows: CsvRow[];
  unclosedQuoteLine: number | null;
}

export function readCsvRows(text: string): CsvParse {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = (): void => {
    fields.push(field);
    // A record that is one empty field is a blank line, not data.
    if (fields.length > 1 || fields[0] !== '') rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\n') line += 1;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') continue;
      endRow();
      rowLine = line;
    } else field += c;
  }
  const unclosedQuoteLine = quoted ? rowLine : null;
  endRow();
  return { rows, unclosedQuoteLine };
}
